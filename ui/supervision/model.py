"""Signals as a table: red and yellow cards in their colours, explained ones grey (kept on record,
out of the counts); and the line that counts them."""

from collections import Counter

from app.supervision.dto import SignalRow
from app.supervision.rules import Level
from ui.palette import GREY, RED, YELLOW
from ui.rows_model import RowsModel
from ui.supervision.ledger_model import evidence_lines

COLORS = {Level.RED: RED, Level.YELLOW: YELLOW}
EXPLAINED = GREY
IN_LEDGER = "已列入台账"


def when(row: SignalRow) -> str:
    return f"{row.occurred_at:%Y-%m-%d %H:%M}" if row.occurred_at else ""


def counts_text(rows: list[SignalRow]) -> str:
    """红牌 2 · 黄牌 5 · 已排除 1: explained signals leave the red and yellow counts."""
    by_level = Counter(r.level for r in rows if r.counts)
    explained = sum(1 for r in rows if not r.counts)
    return f"红牌 {by_level[Level.RED]} · 黄牌 {by_level[Level.YELLOW]} · 已排除 {explained}"


def evidence_text(row: SignalRow) -> str:
    """The signal explained in words: why it fired, each fact behind it, and who explained it away."""
    lines = [f"{row.level} · {row.kind}：{row.why}", "", "依据：", *evidence_lines(row)]
    if row.ledger_item_id:
        lines += ["", f"{IN_LEDGER}：{row.ledger_item_no}。" if row.ledger_item_no else IN_LEDGER + "。"]
    if row.explained:
        when = f"于 {row.explained_at:%Y-%m-%d %H:%M} " if row.explained_at else ""
        lines += ["", f"已由 {row.explained_by} {when}排除：{row.explanation}"]
    return "\n".join(lines)


class SignalsModel(RowsModel):
    headers = ("级别", "类型", "部门", "件号", "人员", "发生时间", "台账", "说明")

    def cells(self, r: SignalRow) -> tuple[str, ...]:
        level = f"{r.level}（已排除）" if r.explained else str(r.level)
        ledger = IN_LEDGER if r.ledger_item_id else ""  # its number in the detail below
        return (level, r.kind, r.department, r.case_no, r.person or r.staff_no, when(r), ledger, r.why)

    def color(self, r: SignalRow) -> str | None:
        return EXPLAINED if r.explained else COLORS[r.level]
