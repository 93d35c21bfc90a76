"""What dossiers answer, the same on both sides of HTTP (see app/web/wire.py), and the contract a
page holds (the client at a workstation)."""

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from pydantic import Base64Bytes

from app.approval.case_status import CaseStatus
from app.approval.deadlines import DueWarning


@dataclass(frozen=True)
class CaseSummary:
    case_id: str
    case_no: str
    matter: str
    applicant: str
    accepted_on: date
    decision: str | None
    status: CaseStatus
    days_left: int | None = None  # open cases: working days to the promised limit (negative: overdue)
    warning: DueWarning = DueWarning.NONE
    window_no: int | None = None  # the window that accepted it


@dataclass(frozen=True)
class DossierFile:
    case_id: str
    case_no: str
    file_name: str
    pdf: Base64Bytes
    problems: tuple[str, ...]  # the check against the published guide; empty when it matches


class Dossiers(Protocol):
    def find(self, case_no: str) -> CaseSummary: ...

    def cases_between(self, first: date, last: date) -> list[CaseSummary]: ...

    def case_file(self, case_id: str) -> DossierFile: ...
