"""The 问题台账 tab of the 电子监察 page (layout): the problems found, each with its unit, measure
and deadline, overdue ones red and closed ones grey; a status filter; a new problem, a row moved
on, the rows shown exported to Excel. What the buttons do is in ledger_controller.py."""

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTextBrowser, QWidget

from app.actor import Actor
from app.supervision.ledger_dto import Ledger
from app.supervision.ledger_rules import LedgerStatus
from ui.message import tell
from ui.supervision.ledger_controller import LedgerController
from ui.supervision.ledger_model import LONG_COLUMNS, LedgerModel
from ui.widgets import column_layout, keyed_button, over_detail, rows_table, wrapped_label, wrapping_bar

ALL = "全部状态"


class LedgerTab(QWidget):
    def __init__(self, client: Ledger, actor: Actor, parent=None):
        super().__init__(parent)
        self.model = LedgerModel(self)
        # At 1366×768 the fourteen columns fit only if the long texts give way: the short ones
        # (dates, status, numbers) keep their contents' width, heading included.
        self.table = rows_table(self.model, give_way=LONG_COLUMNS)
        self.status_filter = QComboBox()
        self.status_filter.addItem(ALL, None)
        for s in LedgerStatus:
            self.status_filter.addItem(str(s), s)
        self.add_button = keyed_button("新增问题…", "Ctrl+N")
        self.advance_button = keyed_button("推进状态…", "Ctrl+Return", "Ctrl+Enter")
        self.export_button = QPushButton("导出 Excel…")
        self.counts = QLabel("")
        self.message = wrapped_label()
        self.detail = QTextBrowser()
        self.detail.setPlaceholderText("选中一条问题，查看问题描述、证据和整改措施。")
        bar = wrapping_bar(self.status_filter, self.add_button, self.advance_button, self.export_button, self.counts)
        column_layout(self, bar, self.message, fill=over_detail(self.table, self.detail))
        self.controller = LedgerController(self, client, actor)

    def status(self) -> LedgerStatus | None:
        chosen = self.status_filter.currentData()  # Qt hands an enum back as its text; None: every status
        return None if chosen is None else LedgerStatus(chosen)

    def refresh(self) -> None:
        self.controller.refresh()

    def say(self, text: str, error: bool = False) -> None:
        tell(self.message, text, error)
