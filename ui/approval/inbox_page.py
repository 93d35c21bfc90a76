"""The approval inbox page (layout): the cases waiting for this person, the selected case, the
opinion and the actions with their keys."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.approval.case_html import case_html
from ui.approval.inbox_model import InboxModel
from ui.message import tell


class InboxPage(QWidget):
    def __init__(self):
        super().__init__()
        self.model = InboxModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.refresh_button = QPushButton("刷新（F5）")
        self.refresh_button.setShortcut("F5")
        self.summary = QLabel("")
        self.detail = QTextBrowser()
        self.opinion = QPlainTextEdit()
        self.opinion.setPlaceholderText("审批意见（必填）")
        self.opinion.setMaximumHeight(90)
        self.agree = QPushButton("同意（Ctrl+Enter）")
        self.agree.setShortcut("Ctrl+Return")
        self.disagree = QPushButton("不同意（Ctrl+Shift+Enter）")
        self.disagree.setShortcut("Ctrl+Shift+Return")
        self.extend = QPushButton("延期…")
        self.start_step = QPushButton("启动特殊环节…")
        self.end_step = QPushButton("结束特殊环节…")
        self.message = QLabel("")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.summary, 1)
        actions = QHBoxLayout()
        for b in (self.agree, self.disagree, self.extend, self.start_step, self.end_step):
            actions.addWidget(b)
        actions.addStretch()
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.detail, 1)
        column.addWidget(self.opinion)
        column.addLayout(actions)
        column.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([760, 640])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.show_case(None)

    def show_case(self, view: dict | None) -> None:
        has = view is not None and view.get("decision") is None
        running = bool(view and any(c["ended_on"] is None for c in view["special_steps"]))
        self.agree.setEnabled(has and not running)
        self.disagree.setEnabled(has and not running)
        self.extend.setEnabled(has and not (view or {}).get("extension", {}).get("days"))
        self.start_step.setEnabled(has and not running and bool((view or {}).get("registered_steps")))
        self.end_step.setEnabled(has and running)
        self.detail.setHtml(case_html(view) if view else "<p>请在左侧选择办件。</p>")

    def say(self, text: str, error: bool = False) -> None:
        tell(self.message, text, error)
