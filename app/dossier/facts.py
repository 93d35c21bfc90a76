"""What a dossier holds, as plain data gathered from the center's store; the PDF is drawn from
this alone (app.dossier.pdf), so drawing needs no database."""

from dataclasses import dataclass
from datetime import date, datetime

from app.acceptance.model import ApplicantKind
from app.approval.case_status import CaseKind, CaseStatus
from app.catalog.guide import SpecialStepKind
from app.delivery.dto import DeliveryStatus
from app.help.proxy_dto import LetterStatus
from app.notices.kinds import NoticeKind


@dataclass(frozen=True)
class MaterialLine:
    """A material as the guide version the case was accepted under lists it, with what the
    window recorded for it."""

    seq: int
    name: str
    form: str  # 原件 / 复印件 / 原件及复印件 / 电子证照
    copies: int
    required: bool
    condition: str | None  # for conditional materials
    status: str  # 已收 / 缺少 / 有误 / 不适用 / 未登记 (the checklist has no entry for it)
    defect: str = ""
    supplied_on: date | None = None  # 容缺: the day the missing material was supplied


@dataclass(frozen=True)
class NoticeEntry:
    notice_no: str
    kind: NoticeKind
    issued_at: datetime
    staff: str  # "陈静（S001）"
    workstation: str  # the workstation's name, or 中心
    pdf: bytes  # the notice as issued, appended to the dossier


@dataclass(frozen=True)
class StepEntry:
    """One entry of the case's history: acceptance, review steps, extension, special steps,
    decision, delivery, reads."""

    at: datetime
    action: str  # 受理, 审核, 核准, 延期, 特殊环节开始, 送达, …
    person: str  # "孙丽（R001）"
    workstation: str
    detail: str = ""  # opinion, reason, outcome
    proof: str = ""  # how the center knows it was this person (DESIGN §4 rule 11)


@dataclass(frozen=True)
class SpecialStepEntry:
    kind: SpecialStepKind
    legal_basis: str
    limit_days: int
    started_on: date
    due_on: date
    ended_on: date | None
    paused_days: int
    people: str  # who carried it out, with their qualifications
    started_by: str
    ended_by: str
    outcome: str
    overrun: bool


@dataclass(frozen=True)
class AuthorizationEntry:
    document_no: str
    department: str
    holder: str  # "陈静（S001）"
    valid_from: date
    valid_to: date
    revoked_on: date | None
    matters: tuple[str, ...]  # names of the matters it covers
    scan_name: str  # "" when no scan is on file
    scan: bytes | None  # PDF, PNG or JPEG, appended to the dossier
    used_for: tuple[str, ...]  # the steps of this case taken under it: "核准 2026-03-03 陈静（S001）"


@dataclass(frozen=True)
class ProxyLetterEntry:
    """The 委托书 a proxy submitted the application under (DESIGN §4 rule 10)."""

    letter_no: str
    principal: str  # the applicant who authorized: a person's or an enterprise's name
    proxy: str  # "吴敏（居民身份证 411321********0037，帮办代办员 A001）": the staff number for an agent
    matters: tuple[str, ...]  # names of the matters it covers
    scope: str
    valid_from: date
    valid_to: date
    signed_on: date | None
    status: LetterStatus  # 已签署 / 已撤销 (since the submission)
    pdf: bytes  # the letter as printed to sign, appended to the dossier
    scan: bytes | None  # the signed letter's scan (PDF, PNG or JPEG), appended when recorded


@dataclass(frozen=True)
class DeliveryEntry:
    method: str  # 窗口领取 / 邮寄 / "" (not chosen yet)
    status: DeliveryStatus
    due_on: date
    recipient: str = ""
    phone: str = ""
    address: str = ""
    carrier: str = ""
    tracking_no: str = ""
    sent_on: date | None = None
    delivered_on: date | None = None
    by: str = ""


@dataclass(frozen=True)
class DossierFacts:
    case_no: str
    matter_name: str
    matter_code: str
    guide_version_no: int
    guide_published_at: datetime
    department: str
    review_mode: str  # as shown: the base mode, with 特别程序 and its steps when any are registered
    applicant: str  # display name
    applicant_document: str  # masked ID number or the credit code
    applicant_kind: ApplicantKind
    proxy: str  # "" or "王五（身份证 1101**********1234）"
    case_kind: CaseKind
    accepted_on: date
    accepted_by: str  # "李娜（C001）"
    accepted_window: int | None
    status: CaseStatus
    decision: str | None  # 准予 / 不予
    decided_at: datetime | None
    promised_due: date
    statutory_due: date
    extension_days: int
    extension_reason: str
    paused_days: int
    materials: tuple[MaterialLine, ...]
    notices: tuple[NoticeEntry, ...]
    history: tuple[StepEntry, ...]
    special_steps: tuple[SpecialStepEntry, ...]
    authorizations: tuple[AuthorizationEntry, ...]
    delivery: DeliveryEntry | None
    problems: tuple[str, ...]  # the check against the published guide; empty when it matches
    generated_at: datetime
    generated_by: str
    proxy_letters: tuple[ProxyLetterEntry, ...] = ()
