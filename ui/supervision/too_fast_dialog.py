"""A manager's 提前办结时限 (opened from the 监察信号 tab): every matter whose mode needs two or more
people, with its mode's default and the minutes set for it; the selected one's minutes set with a
spin box (保存) or sent back to the default (恢复默认). The dialog only asks; the controller sends
to the center off the UI thread and shows the rows the center answers with."""

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from app.errors import ValidationFailed
from app.supervision.dto import TooFastLimitRow
from app.supervision.rules import TOO_FAST_SETTABLE
from ui.center_form import refusal_text
from ui.message import error_line
from ui.rows_model import RowsModel
from ui.screen_fit import fit_to_screen
from ui.widgets import rows_table, selected_row, wrapped_label

SIZE = QSize(900, 560)  # within 1366×768 with the main window's frame
NOTE = (
    "一审一核、一审两核事项自受理至办结用时短于下列时限的，巡查列为红牌“提前办结异常”。"
    "未单独设置的事项按审批方式的默认时限；设置后自下次巡查起生效。"
)


class TooFastModel(RowsModel):
    headers = ("事项编码", "事项名称", "部门", "审批方式", "默认(分钟)", "本事项(分钟)")

    def cells(self, r: TooFastLimitRow) -> tuple[str, ...]:
        own = str(r.minutes) if r.minutes is not None else "（默认）"
        return (r.code, r.name, r.department, r.mode, str(r.default_minutes), own)


class TooFastDialog(QDialog):
    save_asked = Signal(str, object)  # the matter's id, its minutes (None: back to the default)

    def __init__(self, rows: list[TooFastLimitRow], parent=None):
        super().__init__(parent)
        self.setWindowTitle("提前办结时限")
        self.model = TooFastModel(self)
        self.table = rows_table(self.model)
        note = wrapped_label(NOTE)
        self.chosen = QLabel("")
        self.minutes = QSpinBox()
        self.minutes.setRange(TOO_FAST_SETTABLE[0], TOO_FAST_SETTABLE[-1])
        self.minutes.setSuffix(" 分钟")
        self.save_button = QPushButton("保存")
        self.default_button = QPushButton("恢复默认")
        self.error = error_line(hidden=True)
        self.status = QLabel("")
        edit = QHBoxLayout()
        edit.addWidget(self.chosen, 1)
        edit.addWidget(QLabel("本事项时限："))
        edit.addWidget(self.minutes)
        edit.addWidget(self.save_button)
        edit.addWidget(self.default_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (note, self.table):
            layout.addWidget(part)
        layout.addLayout(edit)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.save_button.clicked.connect(lambda: self._ask(self.minutes.value()))
        self.default_button.clicked.connect(lambda: self._ask(None))
        self.table.selectionModel().currentRowChanged.connect(lambda _current, _previous: self._selected())
        self.busy = False
        self.show_rows(rows)
        fit_to_screen(self, SIZE)

    def current(self) -> TooFastLimitRow | None:
        return selected_row(self.table, self.model.rows)

    def select(self, matter_id: str) -> None:
        row = next((i for i, r in enumerate(self.model.rows) if r.matter_id == matter_id), None)
        if row is not None:
            self.table.selectRow(row)

    def show_rows(self, rows: list[TooFastLimitRow], said: str = "") -> None:
        """The center's rows, the selection kept on the same matter."""
        chosen = self.current()
        self.model.set_rows(rows)
        if chosen is not None:
            self.select(chosen.matter_id)
        elif rows:
            self.table.selectRow(0)
        self.set_busy(False)
        self.status.setText(said)
        self._selected()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._enable()
        if busy:
            self.error.hide()
            self.status.setText("正在提交中心…")

    def show_refusal(self, exc: Exception) -> None:
        self.set_busy(False)
        self.status.setText("")
        text = "；".join(e.message for e in exc.errors) if isinstance(exc, ValidationFailed) else refusal_text(exc)
        self.error.setText(text)
        self.error.show()

    def _enable(self) -> None:
        row = self.current()
        self.save_button.setEnabled(row is not None and not self.busy)
        self.default_button.setEnabled(row is not None and row.minutes is not None and not self.busy)
        self.minutes.setEnabled(row is not None)

    def _selected(self) -> None:
        """The matter chosen: its minutes in force in the spin box."""
        row = self.current()
        self._enable()
        if row is None:
            self.chosen.setText("请在上方列表中选中一个事项。")
            return
        self.chosen.setText(f"{row.code} {row.name}（{row.mode}，默认 {row.default_minutes} 分钟）")
        self.minutes.setValue(row.in_force)

    def _ask(self, minutes: int | None) -> None:
        row = self.current()
        if row is None or self.busy:
            return
        self.set_busy(True)
        self.save_asked.emit(row.matter_id, minutes)
