"""The approval inbox page (layout): the cases waiting for this person, the selected case, the
opinion (and, at the deciding step, the permitted content) and the actions with their keys."""

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QWidget,
)

from app.approval.dto import CaseView
from ui.approval.case_html import case_html, minute_text
from ui.approval.inbox_model import InboxModel
from ui.message import tell
from ui.page import Page
from ui.palette import INK
from ui.widgets import column_layout, keyed_button, rows_table, wrapped_label, wrapping_bar

if TYPE_CHECKING:  # the controller imports this view
    from ui.approval.controller import InboxController


class InboxPage(Page):
    controller: "InboxController"  # set by ui.approval.controller.build

    def __init__(self):
        super().__init__()
        self.model = InboxModel(self)
        self.table = rows_table(self.model, give_way=("事项", "申请人", "状态"))
        self.refresh_button = keyed_button("刷新", "F5")
        self.summary = QLabel("")
        self.detail = QTextBrowser()
        self.detail.setStyleSheet(f"QTextBrowser {{ color: {INK}; }}")  # the theme would tint all text
        self.opinion = QPlainTextEdit()
        self.opinion.setPlaceholderText("审批意见（必填）")
        self.opinion.setMaximumHeight(90)
        # Only at the deciding step: what a grant permits, printed on the 准予许可决定书 on its own.
        self.permitted = QPlainTextEdit()
        self.permitted.setPlaceholderText("许可内容（准予时必填，印在准予许可决定书上：许可的项目、范围、有效期等）")
        self.permitted.setMaximumHeight(70)
        self.agree = keyed_button("同意", "Ctrl+Return", "Ctrl+Enter")
        self.disagree = keyed_button("不同意", "Ctrl+Shift+Return", "Ctrl+Shift+Enter")
        self.extend = QPushButton("延期…")
        self.start_step = QPushButton("启动特殊环节…")
        self.end_step = QPushButton("结束特殊环节…")
        self.notice_list = QComboBox()
        self.notice_list.setMinimumContentsLength(12)  # its names elide: the case pane gives the table room
        self.open_notice = keyed_button("查看 / 打印文书", "Ctrl+D")
        self.message = wrapped_label()

        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.summary, 1)
        # Wraps where the window is narrow, so that the table keeps its share of the width.
        actions = wrapping_bar(self.agree, self.disagree, self.extend, self.start_step, self.end_step)
        documents = QHBoxLayout()
        documents.addWidget(QLabel("本案文书："))
        documents.addWidget(self.notice_list, 1)
        documents.addWidget(self.open_notice)
        right = QWidget()
        below = (documents, self.opinion, self.permitted, actions, self.message)
        column_layout(right, fill=self.detail, below=below).setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)  # the table's deadline and state columns stay in view
        split.setStretchFactor(1, 2)
        # Shared 3:2 from the start too: sized by their hints the case pane took the most of it
        # (754 of 1262 px at 1366×768) and the table's dates and states scrolled off.
        split.setSizes([3 * 1000, 2 * 1000])
        column_layout(self, top, fill=split)
        self.show_case(None)

    def show_case(self, view: CaseView | None) -> None:
        # A case nobody can take (无人可办) is shown with why, to read only.
        # A greyed button says why in its tooltip (Qt shows a disabled button's tooltip).
        closed = _closed_because(view)
        running = view is not None and any(c.ended_on is None for c in view.special_steps)
        in_step = "特殊环节进行中，结束后方可继续审批。" if running else ""
        days = view.extension.days if view is not None else 0
        once = f"本件已延期 {days} 个工作日，依法只能延期一次。" if days else ""
        unregistered = "本事项的办事指南未登记特殊环节。" if view is not None and not view.registered_steps else ""
        _enable(self.agree, closed or in_step)
        _enable(self.disagree, closed or in_step)
        _enable(self.extend, closed or once)
        _enable(self.start_step, closed or ("已有特殊环节在进行中。" if running else unregistered))
        _enable(self.end_step, closed or ("" if running else "没有进行中的特殊环节。"))
        self.permitted.setVisible(not closed and view is not None and view.decides)
        self.detail.setHtml(case_html(view) if view else "<p>请在左侧选择办件。</p>")
        self.notice_list.clear()
        for n in view.notices if view else ():
            self.notice_list.addItem(f"{n.kind} {n.notice_no}（{minute_text(n.issued_at)}）", n.id)
        self.open_notice.setEnabled(self.notice_list.count() > 0)

    def refresh(self) -> None:
        self.controller.refresh()

    def say(self, text: str, error: bool = False) -> None:
        tell(self.message, text, error)


def _closed_because(view: CaseView | None) -> str:
    """Why nothing can be done on the case shown; "" when something can."""
    if view is None:
        return "请先在左侧选择办件。"
    if view.decision is not None:
        return "该办件已作出决定。"
    if view.stranded:
        return "本部门当前无人可办该办件，仅供查看。"
    return ""


def _enable(button: QPushButton, why_not: str) -> None:
    button.setEnabled(not why_not)
    button.setToolTip(why_not)
