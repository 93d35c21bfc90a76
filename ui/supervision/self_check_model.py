"""The 自查评分表 as a table: the nine items of “三个无审批” with their verdicts, 否 rows red (存在问题),
待填 rows yellow (nobody has answered yet, or the record cannot say), 是 plain; the selected item
in words; and the units a supervisor may check (全中心, or one department)."""

from datetime import date

from PySide6.QtCore import Qt

from app.choices import DepartmentChoice
from app.supervision.scorecard import Answer, Verdict
from ui.palette import RED, YELLOW
from ui.rows_model import RowsModel

COLORS: dict[Verdict, str | None] = {Verdict.NO: RED, Verdict.OPEN: YELLOW, Verdict.YES: None}
WHOLE_CENTER = "全中心"
SHORT = 40  # characters of the 依据 shown in its cell; the whole in the tooltip and the pane below


def month_so_far(today: date) -> tuple[date, date]:
    """The default period: the first of the month to today."""
    return today.replace(day=1), today


def units(departments: list[DepartmentChoice]) -> list[tuple[str, str | None]]:
    """(name, department id) to choose from: the whole center first (None), then each department."""
    return [(WHOLE_CENTER, None), *((d.name, d.id) for d in departments)]


def can_record(answer: Answer | None, department_id: str | None) -> bool:
    """填报 is for the items a department answers itself (1, 2, 5), one department at a time."""
    return answer is not None and answer.recorded and department_id is not None


def short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SHORT else line[: SHORT - 1] + "…"


def answer_text(a: Answer) -> str:
    how = "由单位自查填报" if a.recorded else "由系统据办件记录判断"
    return f"第 {a.item_no} 项　{a.text}\n是否符合：{a.verdict}（{how}）\n\n依据：{a.evidence}"


class ScorecardModel(RowsModel):
    headers = ("序号", "自查内容", "是否符合", "依据")

    def full(self, a: Answer) -> tuple[str, ...]:
        return (str(a.item_no), a.text, str(a.verdict), a.evidence)

    def cells(self, a: Answer) -> tuple[str, ...]:
        no, text, verdict, evidence = self.full(a)
        return (no, text, verdict, short(evidence))

    def color(self, a: Answer) -> str | None:
        return COLORS.get(a.verdict)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.full(self.rows[index.row()])[index.column()]
        return super().data(index, role)
