"""Layout of the catalog page: search or browse a department on the left, the guide on the right."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.page import Page
from ui.palette import INK
from ui.widgets import search_box, wrapped_label, wrapping_bar

if TYPE_CHECKING:  # the controller imports this view
    from ui.catalog.controller import CatalogController

ALL_DEPARTMENTS = "全部部门"


def fit_hits(table: QTableView) -> None:
    """The name takes the room left by the code and the department; a name still too long is
    elided in the middle (its tooltip gives it whole), so that "个体工商户设立登记" and
    "个体工商户变更登记" never both read "个体工商户…"."""
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)


class CatalogView(Page):
    controller: "CatalogController"  # set by ui.catalog.controller.build
    said_for_ms = 8_000

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = search_box("事项名称、编码、拼音或首字母（如 gtgsh），Ctrl+F")
        self.department = QComboBox()
        self.department.addItem(ALL_DEPARTMENTS, "")
        self.department.setToolTip("选择部门即列出该部门的全部事项；输入查询时只在该部门内查找")
        self.count = wrapped_label()
        self.results = QTableView()
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.verticalHeader().hide()
        self.results.setAlternatingRowColors(True)

        self.versions = QComboBox()
        # A version's label is long; the box elides it rather than widening the page.
        self.versions.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.versions.setMinimumContentsLength(18)
        self.print_button = QPushButton("打印办事指南（Ctrl+P）")
        self.edit_button = QPushButton("编辑（Ctrl+E）")
        self.new_button = QPushButton("新建事项")
        self.import_button = QPushButton("导入目录…")
        self.export_button = QPushButton("导出目录…")
        self.guide = QTextBrowser()
        self.guide.setOpenExternalLinks(False)
        self.guide.setStyleSheet(f"QTextBrowser {{ color: {INK}; }}")  # the theme's accent colour tires the eye

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(wrapping_bar(QLabel("按部门浏览"), self.department))
        left_layout.addWidget(self.results)
        left_layout.addWidget(self.count)
        left_layout.addWidget(wrapping_bar(self.new_button, self.import_button, self.export_button))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(wrapping_bar(QLabel("版本"), self.versions, self.edit_button, self.print_button))
        right_layout.addWidget(self.guide)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def show_departments(self, departments: list) -> None:
        """departments: records with code, name and short_name."""
        for d in departments:
            self.department.addItem(d.short_name or d.name, d.code)
            self.department.setItemData(self.department.count() - 1, d.name, Qt.ItemDataRole.ToolTipRole)
        list_view = self.department.view()  # the list may be wider than the box: every name whole
        list_view.setMinimumWidth(list_view.sizeHintForColumn(0) + 2 * list_view.frameWidth() + 24)

    def fit_columns(self) -> None:
        fit_hits(self.results)
