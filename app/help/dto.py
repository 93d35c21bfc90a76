"""What help and agent service answers and takes, the same on both sides of HTTP (see
app/web/wire.py), and the one contract a page holds: the client at a workstation, or the service
bound to a person in a test (app/bound.py)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from app.help.model import HelpKind, LogKind, PlanState, RequestStatus, Subject, Urgency


@dataclass(frozen=True)
class PlanStep:
    matter_id: str
    depends_on: tuple[int, ...] = ()  # the seqs (1-based) of earlier steps it waits for


@dataclass(frozen=True)
class NewRequest:
    """As entered: checked by the service, each word against its enum (app.help.model), field by field."""

    kind: str  # a HelpKind
    subject: str  # a Subject: 个人 / 企业 / 项目
    applicant_name: str
    applicant_doc: str  # ID number (个人) or credit code (企业, 项目)
    contact_name: str
    contact_phone: str
    target_on: date | None
    plan: tuple[PlanStep, ...]
    urgency: str = Urgency.NORMAL
    project_name: str = ""
    lead_department_id: str | None = None
    bundle_id: str | None = None


@dataclass(frozen=True)
class RequestRow:
    """A request in the list."""

    id: str
    request_no: str
    kind: HelpKind
    subject: Subject
    applicant: str  # the project's name, or the applicant's
    urgency: Urgency
    target_on: date
    status: RequestStatus
    agent: str  # "" while unassigned
    progress: list[int]  # [accepted, total] matters of the plan
    overdue: bool


@dataclass(frozen=True)
class PlanItem:
    seq: int
    matter_id: str
    matter: str
    department: str
    depends_on: list[int]  # the seqs of the earlier items it waits for
    case_no: str | None
    state: PlanState
    ready: bool  # what it waits for is accepted


@dataclass(frozen=True)
class LogEntry:
    id: str
    at: datetime  # UTC, without a zone, as the center stores it
    staff_no: str
    kind: LogKind
    text: str
    due_on: date | None  # a reminder until done
    done_on: date | None


@dataclass(frozen=True)
class RequestView:
    """A request with its plan, progress, log and rating."""

    id: str
    request_no: str
    kind: HelpKind
    subject: Subject
    applicant: str
    applicant_doc: str
    project_name: str
    contact: str  # name and phone
    urgency: Urgency
    target_on: date
    status: RequestStatus
    lead_department: str
    agent: str
    assign_reason: str
    plan: list[PlanItem]
    progress: list[int]  # [accepted, total]
    log: list[LogEntry]
    rating: int | None
    rating_reason: str


@dataclass(frozen=True)
class Reminder:
    """A logged reminder (log_id) or a request's target date (log_id None) due soon or past."""

    request_no: str
    due_on: date
    what: str
    log_id: str | None
    overdue: bool


@dataclass(frozen=True)
class Suggestion:
    """An agent of the pool as assessed for a request's matters (app.help.pool)."""

    staff_no: str
    name: str
    covered: int  # matters of the request the agent knows
    total: int
    level: int  # summed level over the covered matters
    load: int
    max_load: int
    available: bool
    missing: tuple[str, ...]  # names of the matters the agent does not know

    @property
    def fits(self) -> bool:
        """Knows every matter, is available and has room: assignable without a reason."""
        return not self.missing and self.available and self.load < self.max_load


@dataclass(frozen=True)
class AgentRow:
    """An agent of the pool as the manager reads it."""

    staff_no: str
    name: str
    available: bool
    load: int
    max_load: int
    skills: list[str]  # 部门·事项, （精通） when deep


@dataclass(frozen=True)
class AgentFigures:
    agent: str
    received: int
    open: int
    closed: int
    closed_on_time: int
    overdue: int
    contacts: int
    rated: int
    average_rating: float | None
    bad_ratings: int

    def row(self) -> list:
        return [
            self.agent,
            self.received,
            self.open,
            self.closed,
            self.closed_on_time,
            self.overdue,
            self.contacts,
            self.rated,
            self.average_rating if self.average_rating is not None else "—",
            self.bad_ratings,
        ]


class Helps(Protocol):
    def requests(self, include_closed: bool = False) -> list[RequestRow]: ...

    def create(self, new: NewRequest) -> str: ...

    def request(self, request_id: str) -> RequestView: ...

    def suggest(self, request_id: str) -> list[Suggestion]: ...

    def assign(self, request_id: str, agent_no: str, reason: str = "") -> None: ...

    def log(self, request_id: str, kind: str, text: str, due_on: date | None = None) -> None: ...

    def done(self, log_id: str) -> None: ...

    def reminders(self, within_days: int = 3) -> list[Reminder]: ...

    def link_case(self, request_id: str, seq: int, case_no: str) -> None: ...

    def close(self, request_id: str, note: str) -> None: ...

    def cancel(self, request_id: str, reason: str) -> None: ...

    def rate(self, request_id: str, level: int, reason: str = "") -> None: ...

    def agents(self) -> list[AgentRow]: ...

    def workload(self, first: date, last: date) -> list[AgentFigures]: ...
