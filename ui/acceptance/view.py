"""Layout of the acceptance page: find the matter, its guide beside the form, the applicant,
the materials checklist and one outcome button per lawful outcome."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.acceptance.model import Outcome
from ui.acceptance.applicant_form import ApplicantForm
from ui.catalog.view import fit_hits
from ui.page import Page
from ui.palette import ALERT, DEEP_RED, INK, RED
from ui.widgets import ElidedLabel, RowColors, column_layout, search_box, wrapped_label, wrapping_bar

if TYPE_CHECKING:  # the controller imports this view
    from ui.acceptance.controller import AcceptanceController

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


# Checklist columns 要求, 适用情形 and 问题说明: their part of the width beside 核验; 材料 takes the rest.
SHARES = {1: 0.2, 2: 0.18, 4: 0.2}


class ChecklistTable(QTableView):
    """However short the screen and however tall the applicant's form, three materials stay in view."""

    ROWS_IN_VIEW = 3

    def setModel(self, model) -> None:
        super().setModel(model)
        model.modelReset.connect(self.updateGeometry)  # the rows' real height is known once they exist
        model.modelReset.connect(self.share_width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.share_width()

    def share_width(self) -> None:
        """The requirement, the condition and the defect take their share of what the state
        leaves, the name the rest, so that every column stays in view at any width (elided, whole
        in the tooltip)."""
        header = self.horizontalHeader()
        if header.count() != len(SHARES) + 2:
            return
        room = self.viewport().width() - header.sectionSize(3)
        for column, share in SHARES.items():
            header.resizeSection(column, max(header.sectionSizeHint(column), int(room * share)))

    def minimumSizeHint(self) -> QSize:
        row = self.rowHeight(0) if self.model() is not None and self.model().rowCount() else 0
        row = max(row, self.verticalHeader().defaultSectionSize())
        height = self.horizontalHeader().sizeHint().height() + self.ROWS_IN_VIEW * row + 2 * self.frameWidth()
        return QSize(super().minimumSizeHint().width(), height)


def unstaffed_text(reasons: tuple[str, ...]) -> str:
    return (
        "⚠ 无人可办：受理后目前没有人可以审批——"
        + "；".join(reasons)
        + "。材料齐全的申请仍应依法受理；请告知申请人办理可能延误，并报告大厅管理员。"
    )


class AcceptanceView(Page):
    controller: "AcceptanceController"  # set by ui.acceptance.controller.build
    said_for_ms = 15_000  # a decision's message stays while the applicant is still at the window

    def __init__(self, parent=None):
        super().__init__(parent)
        self.find_box = search_box("事项或一件事：名称、编码、拼音首字母（Ctrl+K），Enter 选第一条")
        self.hits = QTableView()
        self.hits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hits.verticalHeader().hide()
        self.hits.setMaximumHeight(150)
        self.slip_no = QLineEdit(placeholderText="申请人带回告知单：扫描二维码或输入告知单编号后按 Enter")
        self.new_button = QPushButton("新申请（Ctrl+N）")
        self.title = QLabel("请先选择事项")
        self.title.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.title.setWordWrap(True)
        # Nobody can decide the matter now (无人可办): said as soon as it is chosen (AcceptanceController).
        self.unstaffed = wrapped_label()
        self.unstaffed.setStyleSheet(
            f"color: {ALERT}; background: {RED}; border: 1px solid {DEEP_RED}; padding: 4px; font-weight: bold;"
        )
        self.unstaffed.hide()
        self.guide = QTextBrowser()
        self.guide.setStyleSheet(f"QTextBrowser {{ color: {INK}; }}")
        self.applicant = ApplicantForm()
        self.checklist = ChecklistTable()
        self.checklist.setItemDelegate(RowColors(self.checklist))  # status colours under the theme
        self.checklist.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
        )
        # One line (elided where narrow, whole in the tooltip): a wrapped line would take the checklist's room.
        self.hint = ElidedLabel("申请材料核验：选中一行后按 1 已收 · 2 缺少 · 3 有误（Enter/F2 写明问题）· 0 不适用")
        self.hint.setToolTip(
            "核验材料：选中一行后按 1 已收 · 2 缺少 · 3 有误（Enter/F2 写明问题）· 0 不适用（视情形材料）"
        )
        self.status = wrapped_label()
        self.outcomes: dict[Outcome, QPushButton] = {}
        for outcome, key in OUTCOME_KEYS.items():
            self.outcomes[outcome] = QPushButton(f"{OUTCOME_LABELS.get(outcome, outcome.value)}（{key}）")

        top = QHBoxLayout()
        top.addWidget(self.find_box, 3)
        top.addWidget(self.slip_no, 3)
        top.addWidget(self.new_button)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.hits)
        lv.addWidget(self.guide)
        # The applicant scrolls within its own area where the screen is short, so that the
        # checklist below it always keeps some rows in view, whatever the form shows.
        form = QWidget()
        fv = QVBoxLayout(form)
        fv.setContentsMargins(0, 0, 0, 0)
        fv.addWidget(self.title)
        fv.addWidget(self.unstaffed)
        fv.addWidget(self.applicant)
        fv.addStretch()
        self.form_area = QScrollArea()
        self.form_area.setWidget(form)
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QFrame.Shape.NoFrame)
        self.form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the form follows the width
        self.applicant.by_proxy.toggled.connect(self._show_proxy)
        materials = QWidget()
        column_layout(materials, self.hint, fill=self.checklist).setContentsMargins(0, 0, 0, 0)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.form_area)
        right.addWidget(materials)
        right.setChildrenCollapsible(False)
        right.setStretchFactor(0, 0)
        right.setStretchFactor(1, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([560, 840])  # the guide must stay readable beside the form
        # The outcomes sit below everything, always in view; they wrap where the window is narrow.
        outcomes = QWidget()
        ov = QVBoxLayout(outcomes)
        ov.setContentsMargins(0, 2, 0, 0)
        ov.addWidget(wrapping_bar(*self.outcomes.values()))
        ov.addWidget(self.status)
        column_layout(self, top, fill=splitter, below=(outcomes,)).setContentsMargins(4, 4, 4, 4)

    def show_unstaffed(self, reasons: tuple[str, ...]) -> None:
        """Why nobody could decide the chosen matters if accepted now; hidden when someone can."""
        self.unstaffed.setText(unstaffed_text(reasons) if reasons else "")
        self.unstaffed.setVisible(bool(reasons))

    def _show_proxy(self, on: bool) -> None:
        if on:  # once the form has grown: the proxy's first field, where the cursor goes, comes into view
            QTimer.singleShot(0, lambda: self.form_area.ensureWidgetVisible(self.applicant.proxy.name))

    def fit_hits(self) -> None:
        fit_hits(self.hits)

    def fit_checklist(self) -> None:
        # The material's name gets the room; long conditions and defects are elided (full text in the tooltip).
        header = self.checklist.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        for col in SHARES:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.checklist.share_width()
