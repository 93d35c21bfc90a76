"""The chief's or reviewer's inbox as a table: the most urgent case first, yellow when little
time is left, red when overdue; last, in a deeper red, the department's cases nobody can take
any more (无人可办), with why."""

from PySide6.QtCore import Qt

from app.approval.dto import InboxRow
from ui.palette import DEEP_RED, WARNING
from ui.rows_model import RowsModel

STRANDED = DEEP_RED  # 无人可办: deeper than overdue, since nobody can act on it


class InboxModel(RowsModel):
    # The acceptance day is in the case pane beside: at 1366×768 the list keeps its width for the
    # matter and the applicant, with the deadlines that order it.
    headers = ("办件编号", "事项", "申请人", "待办环节", "承诺期限", "剩余工作日", "法定期限", "状态")

    def cells(self, r: InboxRow) -> tuple[str, ...]:
        left = r.days_left
        return (
            r.case_no,
            r.matter,
            r.applicant,
            r.step,
            str(r.promised_due),
            f"超期 {-left} 天" if left < 0 else str(left),
            str(r.statutory_due),
            self.state(r),
        )

    @staticmethod
    def state(r: InboxRow) -> str:
        if r.stranded:
            return f"无人可办：{r.stranded}"
        return "特殊环节中（计时暂停）" if r.paused else ("已超期" if r.days_left < 0 else "办理中")

    def color(self, r: InboxRow) -> str | None:
        return STRANDED if r.stranded else WARNING.get(r.warning)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.state(self.rows[index.row()])  # the reason in full where the column elides it
        return super().data(index, role)
