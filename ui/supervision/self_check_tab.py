"""The 自查自纠 tab of the 电子监察 page (layout): the 自查评分表 of “三个无审批” for the whole center
or one department over a period (the current month so far unless chosen), its nine items 否 red
and 待填 yellow; a department's own answer to items 1, 2 and 5 (填报); and the 自查自纠报告 to
preview, print, sign and seal. What the buttons do is in self_check_controller.py."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QLabel, QTextBrowser, QWidget

from app.actor import Actor
from app.choices import DepartmentChoice
from app.supervision.self_check_dto import SelfCheck
from ui.message import tell
from ui.supervision.self_check_controller import SelfCheckController
from ui.supervision.self_check_model import ScorecardModel, month_so_far, units
from ui.widgets import (
    column_layout,
    date_edit,
    day_of,
    keyed_button,
    over_detail,
    rows_table,
    wrapped_label,
    wrapping_bar,
)

NOTE = (
    "按“三个无审批”九项内容自查：第 3、4、6、7、8、9 项由系统据办件记录、授权书、人员和监察信号判断；"
    "第 1、2、5 项系统无从判断，由各部门“填报”。“否”为存在问题（红色），“待填”为尚未填报或无从判断（黄色）。"
    "生成的自查自纠报告打印后由单位主要领导签字盖章报送。"
)


class SelfCheckTab(QWidget):
    """departments: the units a supervisor may choose (Ledger.departments)."""

    def __init__(self, client: SelfCheck, departments: Callable[[], list[DepartmentChoice]], actor: Actor, parent=None):
        super().__init__(parent)
        self.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # the calendar in Chinese
        self.model = ScorecardModel(self)
        self.table = rows_table(self.model)
        self.unit = QComboBox()
        self.set_units([])
        first, last = month_so_far(date.today())
        self.first = date_edit(first)
        self.last = date_edit(last)
        self.load_button = keyed_button("查询", "F5")
        # Ctrl+Enter as the ledger tab's 推进状态: only the tab shown takes it (the other's button is hidden).
        self.record_button = keyed_button("填报…", "Ctrl+Return", "Ctrl+Enter")
        # Not Ctrl+P (print elsewhere), Ctrl+R (排除误报) nor Ctrl+E (编辑事项).
        self.report_button = keyed_button("生成报告…", "Ctrl+G")
        self.counts = QLabel("")
        self.message = wrapped_label()
        self.detail = QTextBrowser()
        self.detail.setPlaceholderText("选中一项，查看判断的依据。")
        bar = wrapping_bar(
            QLabel("单位"),
            self.unit,
            QLabel("自"),
            self.first,
            QLabel("至"),
            self.last,
            self.load_button,
            self.record_button,
            self.report_button,
            self.counts,
        )
        column_layout(self, wrapped_label(NOTE), bar, self.message, fill=over_detail(self.table, self.detail))
        self.controller = SelfCheckController(self, client, departments, actor)

    def set_units(self, departments: list[DepartmentChoice]) -> None:
        """全中心 and the departments, keeping the one chosen (without a reload)."""
        chosen = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        for name, department_id in units(departments):
            self.unit.addItem(name, department_id)
        self.unit.setCurrentIndex(max(self.unit.findData(chosen), 0))
        self.unit.blockSignals(False)

    def department_id(self) -> str | None:
        return self.unit.currentData()

    def period(self) -> tuple[date, date]:
        return day_of(self.first), day_of(self.last)

    def refresh(self) -> None:
        self.controller.refresh()

    def say(self, text: str, error: bool = False) -> None:
        tell(self.message, text, error)
