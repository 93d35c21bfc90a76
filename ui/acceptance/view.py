"""Layout of the acceptance page: find the matter, its guide beside the form, the applicant,
the materials checklist and one outcome button per lawful outcome."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.acceptance.model import Outcome
from ui.acceptance.applicant_form import ApplicantForm
from ui.widgets import RowColors

OUTCOME_KEYS = {
    Outcome.ON_THE_SPOT: "F5",
    Outcome.ACCEPT: "F6",
    Outcome.TOLERANCE: "F7",
    Outcome.COMMITMENT: "F8",
    Outcome.CORRECTION: "F9",
    Outcome.DEFER: "F11",
    Outcome.REJECT: "F12",
}
OUTCOME_LABELS = {Outcome.CORRECTION: "一次性告知（补正）", Outcome.DEFER: "延后告知（复杂情形）"}


class AcceptanceView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.find = QLineEdit(placeholderText="事项或一件事：名称、编码、拼音首字母（Ctrl+K），Enter 选第一条")
        self.find.setClearButtonEnabled(True)
        self.hits = QTableView()
        self.hits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hits.verticalHeader().hide()
        self.hits.setMaximumHeight(150)
        self.slip_no = QLineEdit(placeholderText="申请人带回告知单：扫描二维码或输入告知单编号后按 Enter")
        self.new_button = QPushButton("新申请（Ctrl+N）")
        self.title = QLabel("请先选择事项")
        self.title.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.guide = QTextBrowser()
        self.guide.setStyleSheet("QTextBrowser { color: #212121; }")
        self.applicant = ApplicantForm()
        self.checklist = QTableView()
        self.checklist.setItemDelegate(RowColors(self.checklist))  # status colours under the theme
        self.checklist.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.hint = QLabel(
            "核验材料：选中一行后按 1 已收 · 2 缺少 · 3 有误（Enter/F2 写明问题）· 0 不适用（视情形材料）"
        )
        self.hint.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.outcomes: dict[Outcome, QPushButton] = {}
        grid = QGridLayout()
        for i, outcome in enumerate(OUTCOME_KEYS):
            button = QPushButton(f"{OUTCOME_LABELS.get(outcome, outcome.value)}（{OUTCOME_KEYS[outcome]}）")
            self.outcomes[outcome] = button
            grid.addWidget(button, i // 4, i % 4)

        top = QHBoxLayout()
        top.addWidget(self.find, 3)
        top.addWidget(self.slip_no, 3)
        top.addWidget(self.new_button)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.hits)
        lv.addWidget(self.guide)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.title)
        rv.addWidget(self.applicant)
        rv.addWidget(QLabel("申请材料核验"))
        rv.addWidget(self.checklist, 1)
        rv.addWidget(self.hint)
        rv.addLayout(grid)
        rv.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([560, 840])  # the guide must stay readable beside the form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def fit_checklist(self) -> None:
        # The material's name gets the room; long conditions and defects are elided (full text in the tooltip).
        header = self.checklist.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col, width in ((2, 150), (4, 190)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
