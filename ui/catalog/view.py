"""Layout of the catalog page: search and results on the left, the guide on the right."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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


class CatalogView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="输入事项名称、编码、拼音或首字母（如 gtgsh），Ctrl+F 定位到此处")
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.results = QTableView()
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.verticalHeader().hide()
        self.results.setAlternatingRowColors(True)

        self.versions = QComboBox()
        self.versions.setMinimumWidth(260)
        self.print_button = QPushButton("打印办事指南（Ctrl+P）")
        self.edit_button = QPushButton("编辑（Ctrl+E）")
        self.new_button = QPushButton("新建事项")
        self.import_button = QPushButton("导入目录…")
        self.export_button = QPushButton("导出目录…")
        self.guide = QTextBrowser()
        self.guide.setOpenExternalLinks(False)
        self.guide.setStyleSheet("QTextBrowser { color: #212121; }")  # the theme's accent colour tires the eye

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.results)
        left_layout.addWidget(self.count)
        admin = QHBoxLayout()
        for b in (self.new_button, self.import_button, self.export_button):
            admin.addWidget(b)
        left_layout.addLayout(admin)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("版本"))
        bar.addWidget(self.versions)
        bar.addStretch()
        bar.addWidget(self.edit_button)
        bar.addWidget(self.print_button)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.guide)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def fit_columns(self) -> None:
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
