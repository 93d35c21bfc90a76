"""The hall's cases nobody can take any more (无人可办), in red with why, for the manager: shown
above the 授权书, since a letter that lapsed or a chief who already took an earlier step is what
usually strands a case. Hidden while there are none."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.actor import Actor
from app.approval.dto import Approvals, StrandedCase
from ui.approval.inbox_model import STRANDED
from ui.background import run_in_background
from ui.palette import ALERT
from ui.rows_model import RowsModel
from ui.widgets import rows_table, wrapped_label


class StrandedModel(RowsModel):
    headers = ("办件编号", "事项", "部门", "受理日期", "待办环节", "无人可办的原因")

    def cells(self, r: StrandedCase) -> tuple[str, ...]:
        return (r.case_no, r.matter, r.department, str(r.accepted_on), r.step, r.reason)

    def color(self, r: StrandedCase) -> str | None:
        return STRANDED


class StrandedPanel(QWidget):
    found = Signal(int)  # how many cases nobody can take, after each load

    def __init__(self, client: Approvals, actor: Actor, parent=None):
        super().__init__(parent)
        self.client, self.actor = client, actor
        self.title = wrapped_label()
        self.title.setStyleSheet(f"color: {ALERT}; font-weight: bold;")
        self.model = StrandedModel(self)
        self.table = rows_table(self.model)
        self.table.setMaximumHeight(180)  # the letters below stay the page's main part
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.hide()

    def refresh(self) -> None:
        run_in_background(lambda: self.client.stranded_cases(), self._show, self._failed)

    def _show(self, rows: list[StrandedCase]) -> None:
        self.model.set_rows(rows)
        self.title.setText(
            f"无人可办的办件 {len(rows)} 件：审批环节已没有可以办理的人员（原因见表）。"
            "请登记或续签授权书，或为部门安排审批人员。"
        )
        self.table.show()
        self.setVisible(bool(rows))
        self.found.emit(len(rows))

    def _failed(self, exc: Exception) -> None:
        self.title.setText(f"无法读取无人可办的办件：{exc}")
        self.table.hide()
        self.show()
