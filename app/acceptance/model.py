"""Plain data of an application as the clerk fills it in."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.identity import DocumentKind


class ApplicantKind(StrEnum):
    PERSON = "个人"
    ENTERPRISE = "企业"


class ItemStatus(StrEnum):
    UNCHECKED = "未核验"
    RECEIVED = "已收"
    MISSING = "缺少"
    DEFECTIVE = "有误"
    NOT_APPLICABLE = "不适用"  # a conditional material whose condition does not hold


class Outcome(StrEnum):
    ON_THE_SPOT = "即办"
    ACCEPT = "受理"
    TOLERANCE = "容缺受理"
    COMMITMENT = "告知承诺"
    CORRECTION = "补正"
    REJECT = "不予受理"
    DEFER = "延后告知"  # complex case: the slip is issued within 2 working days


class ApplicationStatus(StrEnum):
    CLOSED = "已办结"  # decided on the spot
    ACCEPTED = "已受理"
    AWAITING_CORRECTION = "待补正"
    REJECTED = "不予受理"
    AWAITING_SLIP = "待告知"  # complex: the slip or acceptance is due within 2 working days
    AUTO_ACCEPTED = "已自动受理"  # not notified in time: accepted on receipt by law


@dataclass(frozen=True)
class Person:
    name: str
    doc_kind: DocumentKind
    doc_no: str
    phone: str = ""


@dataclass(frozen=True)
class Applicant:
    kind: ApplicantKind
    person: Person  # the person applying, or the enterprise's legal representative
    enterprise_name: str = ""
    credit_code: str = ""
    proxy: Person | None = None  # 代理人, with their own identity document
    # The 委托书 the proxy acts under. Kept with the applicant as recorded, so it travels with the
    # application (a slip brought back, a draft, the center's re-check) as the proxy does.
    proxy_letter_no: str = ""

    @property
    def display_name(self) -> str:
        return self.enterprise_name if self.kind == ApplicantKind.ENTERPRISE else self.person.name

    @property
    def phone(self) -> str:
        return (self.proxy.phone if self.proxy and self.proxy.phone else "") or self.person.phone


@dataclass
class CheckItem:
    """One material, asked once per application even when several matters need it."""

    key: str
    name: str
    required: bool
    condition: str | None
    tolerance_eligible: bool
    form: str
    copies: int
    format_rules: str
    common_errors: tuple[str, ...]
    matter_codes: tuple[str, ...]
    status: ItemStatus = ItemStatus.UNCHECKED
    defect: str = ""
    condition_holds: bool | None = None  # asked for conditional materials

    @property
    def applies(self) -> bool:
        return self.required or bool(self.condition_holds)

    @property
    def problem(self) -> bool:
        return self.applies and self.status in (ItemStatus.MISSING, ItemStatus.DEFECTIVE)


@dataclass
class Decision:
    outcome: Outcome
    reason: str = ""  # 不予受理: why; a late slip problem: why it was not raised before
    redirect: str = ""  # 不予受理: where to apply instead
    supply_by: date | None = None  # 容缺: the date the applicant commits to
    late_reasons: dict[str, str] = field(default_factory=dict)  # item key -> why raised only now
