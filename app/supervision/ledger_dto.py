"""What the 问题台账 answers and takes, the same on both sides of HTTP (see app/web/wire.py), and
the contract a page holds (the client at a workstation, or the service bound to a person)."""

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from app.choices import DepartmentChoice
from app.supervision.ledger_rules import LedgerStatus, ProblemType, Source


@dataclass(frozen=True)
class NewLedgerItem:
    source: Source
    found_on: date
    department_id: str | None
    matter: str
    window_no: int | None
    # The staff number of the person responsible, if one is named (not "staff_no": the center refuses
    # a request naming a staff_no, the acting person being the one its session proves).
    responsible_no: str
    problem_type: ProblemType
    facts: str
    evidence: str
    responsible_unit: str
    measure: str
    deadline_days: int  # working days from found_on


@dataclass(frozen=True)
class LedgerRow:
    id: str
    item_no: str  # 台账〔2026〕0001
    source: Source
    found_on: date
    department_id: str | None
    department: str  # its name, "" when none
    matter: str
    window_no: int | None
    responsible_no: str  # LedgerItem.staff_no
    problem_type: ProblemType
    facts: str
    evidence: str
    responsible_unit: str
    measure: str
    deadline_days: int
    due_on: date
    status: LedgerStatus
    created_by: str
    verifier: str
    closed_on: date | None
    overdue: bool  # past due_on and not 已销号: shown red
    signal_id: str | None  # the 电子监察 signal it was taken up from
    # What was said when it was moved to 已整改 (the last time) and the 验收意见 at 销号: kept as
    # the reason of the move's audit row, "" when none was given. Defaulted, last: rows built
    # positionally before they were carried still read the same.
    rectified_note: str = ""
    verification_note: str = ""


class Ledger(Protocol):
    def ledger(self, status: LedgerStatus | None = None, department_id: str | None = None) -> list[LedgerRow]: ...

    def add(self, new: NewLedgerItem, signal_id: str | None = None) -> LedgerRow: ...

    def advance(self, item_id: str, status: LedgerStatus, note: str = "") -> LedgerRow: ...

    def export_excel(self, rows: list[LedgerRow]) -> bytes: ...

    def departments(self) -> list[DepartmentChoice]: ...
