"""The 问题台账 as a table: overdue rows red (past their deadline, not 销号), closed rows grey; the
selected row in words; and a red signal turned into the draft of a new problem."""

from datetime import date

from PySide6.QtCore import Qt

from app.choices import DepartmentChoice
from app.dossier.dto import CaseSummary
from app.supervision.dto import SignalRow
from app.supervision.ledger_dto import LedgerRow, NewLedgerItem
from app.supervision.ledger_rules import LedgerStatus, ProblemType, Source
from app.supervision.rules import SignalKind
from ui.palette import GREY, RED
from ui.rows_model import RowsModel

OVERDUE = RED
CLOSED = GREY
SHORT = 24  # characters of a long text shown in its cell; the whole in the tooltip and the pane below
DEFAULT_DEADLINE_DAYS = 10

# What kind of 整治重点 a signal points at (南阳方案's four, or 其他).
PROBLEM_TYPES: dict[SignalKind, ProblemType] = {
    SignalKind.NOT_IN_HALL: ProblemType.NOT_IN_HALL,
    SignalKind.UNREGISTERED_STEP: ProblemType.SPECIAL_STEP,
    SignalKind.DECIDED_TOO_FAST: ProblemType.OUTSIDE_REVIEW,
    SignalKind.BURST: ProblemType.OUTSIDE_REVIEW,
    SignalKind.NO_TICKET: ProblemType.OUTSIDE_REVIEW,
    SignalKind.OUTSIDE_HALL: ProblemType.OUTSIDE_REVIEW,
    SignalKind.OFF_HOURS: ProblemType.OUTSIDE_REVIEW,
    SignalKind.UNLISTED_MATERIAL: ProblemType.EXTRA_MATERIALS,
}


def problem_type_for(kind: SignalKind) -> ProblemType:
    return PROBLEM_TYPES.get(kind, ProblemType.OTHER)


def evidence_lines(signal: SignalRow) -> list[str]:
    lines = []
    for e in signal.evidence:
        parts = [e.case_no and f"件号 {e.case_no}", e.what, e.staff_no and f"人员 {e.staff_no}"]
        if e.at:
            parts.append(f"{e.at:%Y-%m-%d %H:%M}")
        lines.append("· " + "，".join(p for p in parts if p))
    return lines


def draft_from_signal(
    signal: SignalRow, departments: list[DepartmentChoice], today: date, case: CaseSummary | None = None
) -> NewLedgerItem:
    """The new problem a red signal becomes: found today by 电子监察, its department and person, its
    reason and the facts behind it, and its case's matter and the window that accepted it where
    the case was found (`case`); the measure is left to the supervisor."""
    department = next((d for d in departments if d.name == signal.department), None)
    facts = "\n".join([f"{signal.kind}：{signal.why}", *evidence_lines(signal)])
    return NewLedgerItem(
        source=Source.MONITORING,
        found_on=today,
        department_id=department.id if department else None,
        matter=case.matter if case else "",
        window_no=case.window_no if case else None,
        responsible_no=signal.staff_no,
        problem_type=problem_type_for(signal.kind),
        facts=facts,
        evidence=f"电子监察{signal.level}：{signal.kind}" + (f"，件号 {signal.case_no}" if signal.case_no else ""),
        responsible_unit=signal.department,
        measure="",
        deadline_days=DEFAULT_DEADLINE_DAYS,
    )


def short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SHORT else line[: SHORT - 1] + "…"


def row_text(r: LedgerRow) -> str:
    """The selected row whole: who is responsible, its facts, evidence and measure, what was said
    when it was rectified, who verified it and their opinion."""
    lines = [f"{r.item_no} · {r.status}{'（逾期）' if r.overdue else ''} · 整改期限 {r.due_on:%Y-%m-%d}"]
    lines.append(f"责任单位：{r.responsible_unit}　责任人：{r.responsible_no or '未指定'}")
    lines += ["", f"问题描述：{r.facts}", f"证据材料：{r.evidence or '无'}", f"整改措施：{r.measure or '未填写'}"]
    if r.rectified_note:
        lines.append(f"整改情况：{r.rectified_note}")
    if r.verification_note:
        lines.append(f"验收意见：{r.verification_note}")
    if r.verifier:
        lines.append(
            f"核验人：{r.verifier}，销号日期：{r.closed_on:%Y-%m-%d}" if r.closed_on else f"核验人：{r.verifier}"
        )
    if r.signal_id:
        lines.append("由电子监察信号转入。")
    return "\n".join(lines)


# The columns of free text, elided to share the table's width; the others are short and bounded.
LONG_COLUMNS = ("部门", "事项", "问题", "责任单位", "整改措施")


class LedgerModel(RowsModel):
    headers = (
        "编号",
        "来源",
        "发现日期",
        "部门",
        "事项",
        "窗口",
        "类型",
        "问题",
        "责任单位",
        "整改措施",
        "期限",
        "状态",
        "核验人",
        "销号日期",
    )

    def full(self, r: LedgerRow) -> tuple[str, ...]:
        return (
            r.item_no,
            str(r.source),
            f"{r.found_on:%Y-%m-%d}",
            r.department,
            r.matter,
            str(r.window_no) if r.window_no is not None else "",
            str(r.problem_type),
            r.facts,
            r.responsible_unit,
            r.measure,
            f"{r.due_on:%Y-%m-%d}",
            f"{r.status}（逾期）" if r.overdue else str(r.status),
            r.verifier,
            f"{r.closed_on:%Y-%m-%d}" if r.closed_on else "",
        )

    def cells(self, r: LedgerRow) -> tuple[str, ...]:
        return tuple(short(text) for text in self.full(r))

    def color(self, r: LedgerRow) -> str | None:
        if r.overdue:
            return OVERDUE
        return CLOSED if r.status == LedgerStatus.CLOSED else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.full(self.rows[index.row()])[index.column()]
        return super().data(index, role)
