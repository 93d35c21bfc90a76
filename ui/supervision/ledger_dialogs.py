"""The 问题台账's two forms: a new problem (by hand, or drafted from a red signal) with every field
the center takes, and a row moved on to a next status the rules allow, with the measure or reason
it needs. The center checks everything again; its messages come back under the fields they
concern, and a refusal as a whole on the summary line, the dialog keeping what was typed."""

from datetime import date

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.choices import DepartmentChoice
from app.supervision.ledger_dto import LedgerRow, NewLedgerItem
from app.supervision.ledger_rules import MAX_DEADLINE_DAYS, MIN_DEADLINE_DAYS, MOVES, LedgerStatus, ProblemType, Source
from ui.center_form import CenterForm
from ui.screen_fit import fit_to_screen
from ui.supervision.ledger_model import DEFAULT_DEADLINE_DAYS
from ui.widgets import date_edit, day_of, qdate, wrapped_label

NO_DEPARTMENT = "（不涉及具体部门）"
# As large as the screen allows; on a 1366×768 screen at 125 % the fields scroll, the buttons stay.
NEW_ITEM_SIZE = QSize(820, 540)


def text_box(height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class NewItemDialog(CenterForm, QDialog):
    """departments: Ledger.departments(); draft: the fields filled in beforehand (from a signal)."""

    submitted = Signal()  # OK (Enter): the controller sends new_item() and answers

    def __init__(self, departments: list[DepartmentChoice], draft: NewLedgerItem | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("列入问题台账" if draft else "新增问题")
        fit_to_screen(self, NEW_ITEM_SIZE)
        self.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # the calendar in Chinese
        self.source = QComboBox()
        for s in Source:
            self.source.addItem(str(s), s)
        self.found_on = date_edit(date.today())
        self.department = QComboBox()
        self.department.addItem(NO_DEPARTMENT, None)
        for d in departments:
            self.department.addItem(d.name, d.id)
        self.matter = QLineEdit(placeholderText="事项名称（可不填）")
        self.matter.setMaxLength(210)
        self.window_no = QSpinBox()
        self.window_no.setRange(0, 999)
        self.window_no.setSpecialValueText("无")
        self.responsible_no = QLineEdit(placeholderText="责任人工号（可不填）")
        self.responsible_no.setMaxLength(30)
        self.problem_type = QComboBox()
        for t in ProblemType:
            self.problem_type.addItem(str(t), t)
        self.responsible_unit = QLineEdit(placeholderText="如：市场监督管理局")
        self.responsible_unit.setMaxLength(130)
        self.deadline_days = QSpinBox()
        self.deadline_days.setRange(MIN_DEADLINE_DAYS, MAX_DEADLINE_DAYS)
        self.deadline_days.setSuffix(" 个工作日")
        self.deadline_days.setValue(DEFAULT_DEADLINE_DAYS)
        self.facts = text_box(110)
        self.facts.setPlaceholderText("必填：发现的问题，时间、地点、经过")
        self.evidence = text_box()
        self.evidence.setPlaceholderText("暗访记录、截图、办件编号等")
        self.measure = text_box()
        self.measure.setPlaceholderText("可在推进到“整改中”时再填")
        self.form_buttons("登记")
        left, right = QFormLayout(), QFormLayout()
        self.add_fields(
            left,
            ("source", "问题来源", self.source),
            ("found_on", "发现日期", self.found_on),
            ("department", "部门", self.department),
            ("matter", "事项", self.matter),
            ("window_no", "窗口号", self.window_no),
            ("responsible_no", "责任人", self.responsible_no),
            ("problem_type", "问题类型", self.problem_type),
        )
        self.add_fields(
            right,
            ("responsible_unit", "责任单位", self.responsible_unit),
            ("deadline_days", "整改时限", self.deadline_days),
            ("facts", "问题描述", self.facts),
            ("evidence", "证据", self.evidence),
            ("measure", "整改措施", self.measure),
        )
        body = QWidget()
        columns = QHBoxLayout(body)
        for form in (left, right):  # each column from the top, the room to spare below
            column = QVBoxLayout()
            column.addLayout(form)
            column.addStretch(1)
            columns.addLayout(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.stack(scroll)
        if draft is not None:
            self.fill(draft)
        self.source.setFocus()

    def fill(self, draft: NewLedgerItem) -> None:
        self.source.setCurrentIndex(max(self.source.findData(draft.source), 0))
        self.found_on.setDate(qdate(draft.found_on))
        self.department.setCurrentIndex(max(self.department.findData(draft.department_id), 0))
        self.matter.setText(draft.matter)
        self.window_no.setValue(draft.window_no or 0)
        self.responsible_no.setText(draft.responsible_no)
        self.problem_type.setCurrentIndex(max(self.problem_type.findData(draft.problem_type), 0))
        self.responsible_unit.setText(draft.responsible_unit)
        self.deadline_days.setValue(draft.deadline_days)
        self.facts.setPlainText(draft.facts)
        self.evidence.setPlainText(draft.evidence)
        self.measure.setPlainText(draft.measure)

    def new_item(self) -> NewLedgerItem:
        return NewLedgerItem(
            source=Source(self.source.currentData()),  # Qt hands an enum back as its text
            found_on=day_of(self.found_on),
            department_id=self.department.currentData(),
            matter=self.matter.text(),
            window_no=self.window_no.value() or None,
            responsible_no=self.responsible_no.text(),
            problem_type=ProblemType(self.problem_type.currentData()),
            facts=self.facts.toPlainText(),
            evidence=self.evidence.toPlainText(),
            responsible_unit=self.responsible_unit.text(),
            measure=self.measure.toPlainText(),
            deadline_days=self.deadline_days.value(),
        )


def next_statuses(current: LedgerStatus) -> list[LedgerStatus]:
    """Where the row may go (app.supervision.ledger_rules.MOVES), forward first."""
    order = list(LedgerStatus)
    return sorted(MOVES[current], key=lambda s: -order.index(s))


def note_label(current: LedgerStatus, target: LedgerStatus, measure: str) -> tuple[str, str]:
    """The note's label and hint for this move."""
    if target == LedgerStatus.IN_PROGRESS and current == LedgerStatus.RECTIFIED:
        return "退回原因", "必填：验收未通过的原因"
    if target == LedgerStatus.IN_PROGRESS and not measure:
        return "整改措施", "必填：将采取的整改措施"
    if target == LedgerStatus.CLOSED:
        return "验收意见", "如：复查合格（须由责任人以外的人员销号）"
    return "说明", "可不填"


class AdvanceDialog(CenterForm, QDialog):
    submitted = Signal()  # OK: the controller sends target() and note

    def __init__(self, row: LedgerRow, parent=None):
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(f"推进状态 · {row.item_no}")
        self.setMinimumWidth(520)
        about = wrapped_label(f"{row.item_no}　{row.problem_type}　{row.responsible_unit}\n当前状态：{row.status}")
        self.status = QComboBox()
        for s in next_statuses(row.status):
            self.status.addItem(str(s), s)
        self.note = QLineEdit()
        self.note.setMaxLength(2010)
        self.form_buttons("确定")
        form = QFormLayout()
        self.add_field(form, "status", "改为", self.status)
        self.add_field(form, "note", "说明", self.note)
        label = form.labelForField(self.note)
        assert isinstance(label, QLabel)
        self.note_label: QLabel = label
        self.stack(about, form)
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        self._status_changed()
        self.ok.setEnabled(self.status.count() > 0)
        self.note.setFocus()

    def target(self) -> LedgerStatus:
        return LedgerStatus(self.status.currentData())

    def _status_changed(self) -> None:
        if self.status.count() == 0:
            return
        label, hint = note_label(self.row.status, self.target(), self.row.measure)
        self.note_label.setText(label)
        self.note.setPlaceholderText(hint)
