"""The 自查评分表 and the 自查自纠报告, the same on both sides of HTTP (see app/web/wire.py), and the
contract a page holds (the client at a workstation, or the service bound to a person)."""

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from pydantic import Base64Bytes

from app.supervision.ledger_rules import LedgerStatus, ProblemType
from app.supervision.scorecard import Answer, Verdict


@dataclass(frozen=True)
class Scorecard:
    department_id: str | None  # None: the whole center, its departments' answers combined
    unit: str  # the department's name, or the center's
    first: date
    last: date
    answers: list[Answer]  # the nine items in order


@dataclass(frozen=True)
class MeasureLine:
    """A 问题台账 row as the report lists it."""

    item_no: str
    problem_type: ProblemType
    facts: str
    measure: str
    responsible_unit: str
    due_on: date
    status: LedgerStatus
    overdue: bool


@dataclass(frozen=True)
class ReportData:
    """Everything the 自查自纠报告 prints (app.supervision.report_pdf draws it, nothing else)."""

    unit: str  # the department's name, or the center's for the whole center
    first: date
    last: date
    drafted_on: date
    cases: int  # cases accepted in the period that the sweep read
    matters: int  # matters examined (the unit's catalog)
    red: int  # signals found in the period, not explained
    yellow: int
    explained: int  # false alarms explained away, on record
    explanations: tuple[str, ...]  # “厅外办理：……” the reasons given, the first few
    answers: tuple[Answer, ...]  # the nine items
    problems: tuple[tuple[str, int], ...]  # (problem type, ledger rows found in the period)
    measures: tuple[MeasureLine, ...]
    closed: int  # of the rows, 已销号

    @property
    def closure_rate(self) -> str:
        total = len(self.measures)
        return f"{self.closed / total:.1%}" if total else "—"


@dataclass(frozen=True)
class ReportPdf:
    pdf: Base64Bytes
    file_name: str  # 自查自纠报告-<unit>-<first>至<last>.pdf
    unit: str
    pages: int


class SelfCheck(Protocol):
    def scorecard(self, department_id: str | None, first: date, last: date) -> Scorecard: ...

    def record(self, department_id: str, item_no: int, answer: Verdict, note: str = "") -> Answer: ...

    def report(self, department_id: str | None, first: date, last: date) -> ReportPdf: ...
