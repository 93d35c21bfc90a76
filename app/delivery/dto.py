"""What delivery answers and takes, the same on both sides of HTTP (see app/web/wire.py), and the
one contract a page holds: the client at a workstation, or the service bound to a person in a
test (app/web/acting.py)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from app.approval.deadlines import DueWarning


class DeliveryStatus(StrEnum):
    """Where a decided case's result is: to hand over, handed over at the window, mailed (and then
    signed for, or back: due again)."""

    AWAITING = "待送达"
    COLLECTED = "已领取"
    MAILED = "已寄出"
    RECEIVED = "已签收"
    RETURNED = "退回"


@dataclass(frozen=True)
class DeliveryRow:
    case_id: str
    case_no: str
    matter: str
    applicant: str
    decision: str
    decided_on: date
    due_on: date
    days_left: int  # working days to the due date; negative once overdue
    warning: DueWarning  # none once sent or collected
    status: DeliveryStatus
    method: str
    recipient: str
    carrier: str
    tracking_no: str
    sent_on: date | None
    delivered_on: date | None
    decision_notice_id: str
    receipt_notice_id: str | None
    note: str  # why the mail came back


@dataclass(frozen=True)
class Mailing:
    recipient: str
    phone: str
    address: str
    carrier: str
    tracking_no: str


@dataclass(frozen=True)
class Receipt:
    """The 送达回证 the center issued for a hand-over, to print."""

    receipt_notice_id: str


class Deliveries(Protocol):
    def pending(self) -> list[DeliveryRow]: ...

    def collect(self, case_id: str, recipient: str, recipient_doc: str) -> str: ...

    def mail(self, case_id: str, mailing: Mailing) -> str: ...

    def mail_result(self, case_id: str, received: bool, on: date, note: str = "") -> None: ...
