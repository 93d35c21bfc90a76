"""What approval answers, the same on both sides of HTTP (see app/web/wire.py), and the contract a
page holds: the client at a workstation, or the service bound to a person in a test."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from app.approval.deadlines import DueWarning
from app.catalog.guide import SpecialStepKind
from app.notices.kinds import NoticeKind


@dataclass(frozen=True)
class InboxRow:
    case_id: str
    case_no: str
    matter: str
    applicant: str
    accepted_on: date
    step: str
    promised_due: date
    statutory_due: date
    days_left: int  # to the promised limit, in working days; negative when overdue
    warning: DueWarning
    paused: bool  # a special step is running: the clock stands still
    stranded: str = ""  # why nobody can take the step (无人可办): shown to the department, not actionable


@dataclass(frozen=True)
class StrandedCase:
    """An open case whose steps can no longer all be taken (无人可办), for the manager."""

    case_id: str
    case_no: str
    matter: str
    department: str
    accepted_on: date
    step: str
    reason: str


@dataclass(frozen=True)
class StepResult:
    step: str
    decided: str | None  # 准予 / 不予 once the last step is taken
    notice_id: str | None  # the 决定书 issued with the decision


@dataclass(frozen=True)
class Extension:
    statutory_due: date
    notice_id: str  # the 延期告知书


@dataclass(frozen=True)
class SpecialStep:
    kind: SpecialStepKind
    started_on: date
    due_on: date
    ended_on: date | None
    paused_days: int
    overrun: bool
    notice_id: str | None  # the 特殊环节告知书, when just started


@dataclass(frozen=True)
class ExtensionGranted:
    """The case's one extension: 0 days when it has none."""

    days: int
    reason: str
    by: str


@dataclass(frozen=True)
class CaseMaterial:
    name: str
    form: str
    required: bool
    status: str
    defect: str
    supplied_on: date | None


@dataclass(frozen=True)
class CaseNotice:
    id: str
    notice_no: str
    kind: NoticeKind
    issued_at: datetime


@dataclass(frozen=True)
class CaseEvent:
    at: datetime
    action: str
    person: str
    workstation: str
    detail: str
    proof: str


@dataclass(frozen=True)
class TakenStep:
    step: str
    staff: str  # "孙丽（R001）"
    agreed: bool
    opinion: str
    authorization_no: str
    at: datetime


@dataclass(frozen=True)
class SpecialStepRow:
    kind: SpecialStepKind
    started_on: date
    due_on: date
    ended_on: date | None
    overrun: bool
    people: str


@dataclass(frozen=True)
class RegisteredStep:
    """A special step the matter's guide registers, which may be started on the case."""

    id: str
    kind: SpecialStepKind
    limit_days: int
    legal_basis: str


@dataclass(frozen=True)
class CaseView:
    """Everything a chief or reviewer needs to decide."""

    case_id: str
    case_no: str
    matter: str
    review_mode: str
    applicant: str
    applicant_document: str
    accepted_on: date
    accepted_by: str
    next_step: str | None
    stranded: str | None  # why nobody can take it (无人可办), or None
    decides: bool  # the next step decides: the 准予 needs its 许可内容
    decision: str | None
    promised_due: date
    statutory_due: date
    days_left: int
    extension: ExtensionGranted
    paused_days: int
    materials: tuple[CaseMaterial, ...]
    problems: tuple[str, ...]
    notices: tuple[CaseNotice, ...]
    history: tuple[CaseEvent, ...]
    steps: tuple[TakenStep, ...]
    special_steps: tuple[SpecialStepRow, ...]
    registered_steps: tuple[RegisteredStep, ...]


class Approvals(Protocol):
    def inbox(self) -> list[InboxRow]: ...

    def stranded_cases(self) -> list[StrandedCase]: ...

    def case_view(self, case_id: str) -> CaseView: ...

    def review(self, case_id: str, agreed: bool, opinion: str, permitted_content: str = "") -> StepResult: ...

    def extend(self, case_id: str, days: int, reason: str) -> Extension: ...

    def start_special_step(self, case_id: str, step_def_id: str, people: str) -> SpecialStep: ...

    def end_special_step(self, case_id: str, outcome: str) -> SpecialStep: ...
