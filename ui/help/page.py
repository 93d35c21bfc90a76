"""帮办代办 (layout): on the left the requests (closed ones on demand) and the reminders due within
3 days; on the right the selected request, its plan with each matter's case and state, the
progress at a glance and the log; the actions with their keys. Managers also get the agents'
workload. What the actions do is in controller.py."""

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor, Role
from app.help.client import HelpClient
from app.help.dto import Helps, Reminder, RequestView
from app.help.model import DONE, OPEN, WAITING
from app.help.proxy_client import ProxyLetterClient
from app.help.proxy_dto import ProxyLetters
from app.queue.rating import LEVELS
from ui.help.controller import HelpController
from ui.help.model import LogModel, PlanModel, RemindersModel, RequestsModel
from ui.help.proxy_letter import ProxyLetterFlow
from ui.help.workload import WorkloadPanel
from ui.message import tell
from ui.page import Clients, Page
from ui.palette import ALERT, GREY_TEXT, NUMBER
from ui.widgets import column_layout, keyed_button, rows_table, selected_row, wrapped_label, wrapping_bar

COMPACT = "QHeaderView::section { padding: 2px 4px; } QTableView::item { padding: 0 4px; }"
EMPTY = f"<p style='color:{GREY_TEXT}'>请在左侧选择帮办代办申请，或按 Ctrl+N 新建。</p>"


def _stretch(table: QTableView, column: int) -> None:
    """One column takes what is left and elides, so that every column stays in view without a
    horizontal scroll bar at the window's usual width; the right side shows it in full."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def request_html(v: RequestView) -> str:
    applicant = escape(v.applicant) + (f"（{escape(v.applicant_doc)}）" if v.applicant_doc else "")
    project = f"<b>项目：</b>{escape(v.project_name)}<br>" if v.project_name else ""
    agent = escape(v.agent) or f"<span style='color:{ALERT}'>待分派</span>"
    reason = (
        f"<br><span style='color:{ALERT}'><b>分派原因：</b>{escape(v.assign_reason)}</span>" if v.assign_reason else ""
    )
    rating = (
        f"<br><b>评价：</b>{LEVELS[v.rating]}（{v.rating} 分）{escape(v.rating_reason)}" if v.rating is not None else ""
    )
    return (
        f"<h3>{escape(v.request_no)}　{escape(v.kind)}·{escape(v.subject)}　"
        f"<span style='color:{GREY_TEXT}'>{escape(v.status)}</span></h3>"
        f"{project}<b>申请人：</b>{applicant}<br>"
        f"<b>联系人：</b>{escape(v.contact)}<br>"
        f"<b>紧急程度：</b>{escape(v.urgency)}　<b>目标日期：</b>{v.target_on}<br>"
        f"<b>牵头部门：</b>{escape(v.lead_department) or '—'}　<b>帮办员：</b>{agent}{reason}{rating}"
    )


class HelpPage(Page):
    """search: the catalog's search (ctx.catalog.search); departments: records with id, name and
    short_name, for the lead department of a new request (see ui.help.request_dialog)."""

    def __init__(
        self,
        client: Helps,
        actor: Actor,
        search: Callable[[str], list],
        departments: list,
        letters: ProxyLetters | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.manager = actor.has(Role.MANAGER)
        self.may_cancel = self.manager or actor.has(Role.AGENT)  # the center's rule for 撤销

        # -- the requests and the reminders
        self.model = RequestsModel(self)
        self.table = rows_table(self.model)
        self.show_closed = QCheckBox("显示已办结")
        self.summary = QLabel("")
        self.reminders = RemindersModel(self)
        self.reminder_table = rows_table(self.reminders)
        self.reminder_done = QPushButton("完成")
        self.reminder_done.setEnabled(False)

        # -- the selected request
        self.header = wrapped_label(EMPTY)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plan = PlanModel(self)
        self.plan_table = rows_table(self.plan)
        self.progress = QLabel("")
        self.progress.setStyleSheet(f"font-size: 22px; font-weight: bold; color: {NUMBER};")
        self.log = LogModel(self)
        self.log_table = rows_table(self.log)
        self.message = wrapped_label()

        # -- the actions
        self.refresh_button = keyed_button("刷新", "F5")
        self.new_button = keyed_button("新建…", "Ctrl+N")
        self.assign_button = keyed_button("分派…", "F6")
        self.assign_button.setVisible(self.manager)  # the center refuses anyone else
        self.log_button = keyed_button("记录…", "F7")
        self.link_button = keyed_button("关联办件…", "F8")
        self.close_button = keyed_button("办结…", "F9")
        self.cancel_button = keyed_button("撤销…", "Ctrl+Shift+Del")
        self.cancel_button.setVisible(self.may_cancel)
        self.rate_button = keyed_button("评价…", "F11")
        self.rate_button.setToolTip("办结后请申请人本人点选评价")
        self.proxy_letter_button = keyed_button("委托书…", "Ctrl+W")

        self.workload = WorkloadPanel(client, actor) if self.manager else None

        _stretch(self.table, RequestsModel.headers.index("申请人/项目"))
        _stretch(self.plan_table, PlanModel.headers.index("事项"))
        _stretch(self.log_table, LogModel.headers.index("内容"))
        self._lay_out()
        # Nine columns beside a seven-column plan at the window's 1440 pixels: the theme's roomy
        # cell padding would push the status columns out of sight.
        self.setStyleSheet(COMPACT)
        # The agent draws up the 委托书 for the request shown; the window checks proxies against it.
        self.letters = ProxyLetterFlow(self, letters, actor) if letters is not None else None
        self.show_request(None)
        self.controller = HelpController(self, client, actor, search, departments)
        self.controller.message.connect(self.said)
        if self.letters is not None:
            self.proxy_letter_button.clicked.connect(self.controller.draw_up_letter)
            self.letters.message.connect(self.controller.report)
            self.letters.failed.connect(lambda text: self.say(text, error=True))

    def _lay_out(self) -> None:
        bar = wrapping_bar(
            self.new_button,
            self.assign_button,
            self.log_button,
            self.link_button,
            self.close_button,
            self.cancel_button,
            self.rate_button,
            self.proxy_letter_button,
            self.refresh_button,
        )

        list_bar = QHBoxLayout()
        list_bar.addWidget(self.summary, 1)
        list_bar.addWidget(self.show_closed)
        due = QGroupBox("提醒（3 日内到期，逾期标红）")
        due_column = QVBoxLayout(due)
        due_column.addWidget(self.reminder_table, 1)
        due_column.addWidget(self.reminder_done, 0, Qt.AlignmentFlag.AlignRight)
        left = QSplitter(Qt.Orientation.Vertical)
        requests = QWidget()
        column_layout(requests, list_bar, fill=self.table).setContentsMargins(0, 0, 0, 0)
        left.addWidget(requests)
        left.addWidget(due)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.header)
        column.addWidget(QLabel("<b>办理计划</b>"))
        column.addWidget(self.plan_table, 2)
        column.addWidget(self.progress)
        column.addWidget(QLabel("<b>办理记录</b>"))
        column.addWidget(self.log_table, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 5)  # the list's target date, agent and progress stay in view
        split.setStretchFactor(1, 6)

        main = QWidget()
        column_layout(main, bar, fill=split, below=(self.message,))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.workload is None:
            layout.addWidget(main)
            return
        self.tabs = QTabWidget()
        self.tabs.addTab(main, "帮办代办申请")
        self.tabs.addTab(self.workload, "帮办员工作量")
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        self.controller.refresh()

    def selected_reminder(self) -> Reminder | None:
        return selected_row(self.reminder_table, self.reminders.rows)

    def show_request(self, view: RequestView | None) -> None:
        """Enables what the request's status allows; the center checks each action again."""
        status = view.status if view else None
        self.assign_button.setEnabled(status in (WAITING, OPEN))
        self.log_button.setEnabled(status == OPEN)
        unlinked = view is not None and any(p.case_no is None for p in view.plan)
        self.link_button.setEnabled(status == OPEN and unlinked)
        self.close_button.setEnabled(status == OPEN)
        self.cancel_button.setEnabled(status in (WAITING, OPEN))
        self.rate_button.setEnabled(status == DONE and view is not None and view.rating is None)
        self.proxy_letter_button.setEnabled(self.letters is not None and status == OPEN)
        self.header.setText(request_html(view) if view else EMPTY)
        self.plan.set_rows(view.plan if view else [])
        self.log.set_rows(view.log if view else [])
        if view:
            self.log_table.scrollToBottom()  # the latest contact first in sight
        accepted, total = view.progress if view else (0, 0)
        self.progress.setText(f"进度：已受理 {accepted} / {total} 项" if view else "")

    def show_reminder(self) -> None:
        due = self.selected_reminder()
        self.reminder_done.setEnabled(bool(due and due.log_id))

    def say(self, text: str, error: bool = False) -> None:
        tell(self.message, text, error)


def build(clients: Clients, actor: Actor) -> HelpPage:
    """帮办代办 (agents and managers): requests at the center, matters from this workstation's catalog."""
    catalog = clients.ctx.catalog
    letters = clients.center(ProxyLetterClient)
    return HelpPage(clients.center(HelpClient), actor, catalog.search, catalog.departments(), letters)
