"""The main window: role-based navigation, the pages, the status bar and global shortcuts."""

import logging
import threading
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor, Role
from app.authorizations.expiring import ExpiringLetters
from app.center_client import CenterClient
from app.clock import Clock
from app.context import AppContext
from app.queue.client import QueueClient
from app.queue.walk_in import WalkInService
from app.trust.client import PersonSession
from app.trust.own_password import change_own_password
from app.trust.staff_client import PasswordClient
from ui.acceptance import controller as acceptance
from ui.acceptance import followup_page as followup
from ui.acceptance.controller import AcceptanceController
from ui.acceptance.followup_page import FollowUpPage
from ui.appointments import page as appointments
from ui.appointments.page import AppointmentsPage
from ui.approval import controller as approval
from ui.approval.controller import InboxController
from ui.approval.stranded_banner import StrandedBanner
from ui.approval.stranded_panel import StrandedPanel
from ui.audit import page as audit
from ui.authorizations import page as authorizations
from ui.authorizations.expiry_banner import ExpiryBanner
from ui.background import run_in_background
from ui.catalog import controller as catalog
from ui.delivery import page as delivery
from ui.dossier import page as dossier
from ui.hall_settings import page as hall_settings
from ui.help import page as help_page
from ui.help.page import HelpPage
from ui.page import Clients, Page
from ui.palette import ALERT
from ui.password_dialog import ChangePasswordDialog
from ui.queue import hall_page as hall
from ui.queue.controller import QueuePanelController
from ui.queue.panel import QueuePanel
from ui.screen_fit import fit_to_screen
from ui.staff import page as staff
from ui.supervision import page as supervision
from ui.supervision.page import SupervisionPage
from ui.sync_status import SyncStatus
from ui.widgets import ElidedLabel, OneDialog

log = logging.getLogger(__name__)


P = TypeVar("P", bound=Page)


class MainWindow(QMainWindow):
    logout_requested = Signal()

    def __init__(self, ctx: AppContext, actor: Actor, clock: Clock | None = None):
        """clock: the day letters running out are counted from (tests fix it)."""
        super().__init__()
        self.ctx, self.actor = ctx, actor
        # The person's session at the center, opened with their key when first needed (also when
        # the center was away at login) and closed at logout: every center page acts through it.
        self.session = PersonSession(actor)
        self.setWindowTitle(f"政务服务中心前台系统 · {actor.name}（{actor.role_labels}）")
        fit_to_screen(self, QSize(1440, 900))
        self.nav = QListWidget()
        self.pages = QStackedWidget()
        self.clients = clients = Clients(ctx, self.session)
        self.acceptance: AcceptanceController | None = None
        self.followup: FollowUpPage | None = None
        self.inbox: InboxController | None = None
        self.help_page: HelpPage | None = None
        self.appointments_page: AppointmentsPage | None = None
        self.stranded: StrandedPanel | None = None
        self.supervision_page: SupervisionPage | None = None
        # Pages only some roles have: None for the others.
        self.delivery_page: Page | None = None
        self.dossier_page: Page | None = None
        self.hall_page: Page | None = None
        self.audit_page: Page | None = None
        self.password_dialog = OneDialog()  # 修改密码, while it is open
        if actor.has(Role.CLERK):
            self.acceptance_view = self._add_page("综合受理", acceptance.build(clients, actor))
            self.acceptance = self.acceptance_view.controller
            self.followup = self._add_page("待办提醒", followup.build(clients, actor))
            self.followup.open_deferred.connect(self._open_deferred)
            self.followup.print_notice.connect(self._print_notice)
            self.delivery_page = self._add_page("结果送达", delivery.build(clients, actor))
            self._appointments_page(clients)
        if actor.has(Role.CHIEF) or actor.has(Role.REVIEWER):
            self.inbox_page = self._add_page("审批待办", approval.build(clients, actor))
            self.inbox = self.inbox_page.controller
        if actor.has(Role.AGENT):  # an agent's day starts here; a manager finds it with the hall's pages
            self._help_page(clients)
        self.catalog_view = self._add_page("事项目录", catalog.build(clients, actor))
        self.catalog = self.catalog_view.controller
        if any(actor.has(role) for role in (Role.MANAGER, Role.SUPERVISOR, Role.CHIEF, Role.REVIEWER)):
            self.dossier_page = self._add_page("卷宗", dossier.build(clients, actor))
        if actor.has(Role.MANAGER):
            if self.help_page is None:
                self._help_page(clients)
            self.hall_page = self._add_page("大厅运行", hall.build(clients, actor))
            self.authorizations_page = self._add_page("授权书", authorizations.build(clients, actor))
            self.stranded = self.authorizations_page.stranded
            if self.stranded is not None:  # always: build gives the page its panel
                self.stranded.found.connect(self._stranded_found)
            self.settings_page = self._add_page("大厅设置", hall_settings.build(clients, actor))
            self.staff_page = self._add_page("人员管理", staff.build(clients, actor))
            self.audit_page = self._add_page("审计日志", audit.build(clients, actor))
        if actor.has(Role.SUPERVISOR) or actor.has(Role.MANAGER):
            self.supervision_page = self._add_page("电子监察", supervision.build(clients, actor))
        self._fit_nav()
        self.nav.currentRowChanged.connect(self._switch)
        # A supervisor's day starts at 电子监察; everyone else's at their first page.
        first = self.supervision_page if self.supervision_page is not None and not actor.has(Role.MANAGER) else None
        self.nav.setCurrentRow(self.pages.indexOf(first) if first is not None else 0)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.queue: QueuePanelController | None = None
        if actor.window_no:  # anyone posted at a window serves it (the center checks the post again)
            self.queue_panel = QueuePanel(actor.window_no)
            walk_ins = WalkInService(ctx.store, ctx.workstation_id)
            self.queue = QueuePanelController(self.queue_panel, self.clients.center(QueueClient), actor, walk_ins)
            self.queue.message.connect(lambda text: self.statusBar().showMessage(text, 10000))
            if self.acceptance is not None:
                self.acceptance.service_ref = self.queue.service_ref
            column.addWidget(self.queue_panel)
        self.expiry = ExpiryBanner(actor.has(Role.MANAGER))
        if actor.has(Role.MANAGER):
            self.expiry.open_letters.connect(
                lambda: self.nav.setCurrentRow(self.pages.indexOf(self.authorizations_page))
            )
        column.addWidget(self.expiry)
        self.stranded_banner = StrandedBanner()  # managers: cases nobody can take, on every page
        self.stranded_banner.open_cases.connect(self._show_stranded)
        column.addWidget(self.stranded_banner)
        column.addWidget(body, 1)
        self.setCentralWidget(central)
        self._status_bar()
        self.sync = SyncStatus(ctx.sync_engine(), self.connection_label, self)
        # Logged in while the center was away: the session is opened as soon as a sync gets through.
        self.sync.synced.connect(self._open_session)
        self.catalog.message.connect(lambda _text: self.sync.request())
        if self.acceptance is not None:
            self.acceptance.decided.connect(lambda _result: self.sync.request())
        self._shortcuts()
        if self.followup is not None:
            self._remind(self.followup)
        if self.stranded is not None:
            self.stranded.refresh()  # the manager hears of cases nobody can take at once
        self._letters_running_out(ExpiringLetters(ctx.store, clock))
        if self.acceptance is not None:
            self.acceptance.focus_find()
        else:
            self.catalog_view.search.setFocus()

    def _help_page(self, clients: Clients) -> None:
        """帮办代办, followed by the appointments it books."""
        self.help_page = self._add_page("帮办代办", help_page.build(clients, self.actor))
        self._appointments_page(clients)

    def _appointments_page(self, clients: Clients) -> None:
        if self.appointments_page is None:
            self.appointments_page = self._add_page("预约服务", appointments.build(clients, self.actor))

    def _open_session(self, report) -> None:
        if report.ok and not self.session.opened:
            run_in_background(
                self.clients.center(CenterClient).open_session,
                lambda _none: None,
                lambda exc: log.info("session not opened yet: %s", exc),  # the next request tries again
                owner=self,
            )

    def closeEvent(self, event) -> None:
        """Logout or exit: the session at the center is ended (waiting at most a moment for an
        absent center) and the person's key goes with this window: no sync round after this
        one reopens it."""
        self.sync.stop()
        closing = threading.Thread(target=self.clients.center(CenterClient).end_session, daemon=True)
        closing.start()
        closing.join(1.5)
        super().closeEvent(event)

    def _tell(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def _add_page(self, title: str, page: P) -> P:
        """Placed in the navigation; what it says goes to the status bar, and it is refreshed each
        time it is shown (center pages read fresh data)."""
        QListWidgetItem(title, self.nav)
        self.pages.addWidget(page)
        page.said.connect(lambda text: self.statusBar().showMessage(text, page.said_for_ms))
        return page

    def _fit_nav(self) -> None:
        """As wide as the longest page title: every pixel is the pages' on a 1366×768 screen."""
        self.nav.ensurePolished()
        margins = self.nav.contentsMargins()
        self.nav.setFixedWidth(
            self.nav.sizeHintForColumn(0) + margins.left() + margins.right() + 2 * self.nav.frameWidth() + 4
        )

    def _switch(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        # Only the page shown counts for the window's minimum size (a tall page elsewhere must not
        # make this one scroll).
        for i in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if i == row else QSizePolicy.Policy.Ignored
            page = self.pages.widget(i)
            if page is not None:  # one for each index below count()
                page.setSizePolicy(policy, policy)
        shown = self.pages.currentWidget()
        if isinstance(shown, Page):
            shown.refresh()

    def _remind(self, followup: FollowUpPage) -> None:
        """At login: deferred slips past due are accepted by law now, and overdue work is announced
        once the follow-up lists are in (they are brought up to date off the UI thread)."""

        def announce() -> None:
            followup.controller.refreshed.disconnect(announce)
            urgent = followup.urgent_summary()
            if urgent:
                self.statusBar().showMessage(f"待办提醒：{urgent}（Ctrl+2 查看）", 30000)

        followup.controller.refreshed.connect(announce)
        followup.refresh()

    def _stranded_found(self, count: int) -> None:
        """The 授权书 entry turns red while cases nobody can take are listed there."""
        item = self.nav.item(self.pages.indexOf(self.authorizations_page))
        item.setData(Qt.ItemDataRole.ForegroundRole, QColor(ALERT) if count else None)
        item.setToolTip(f"无人可办的办件 {count} 件" if count else "")
        if count:
            self.statusBar().showMessage(f"无人可办的办件 {count} 件：见“授权书”页", 30000)
        assert self.stranded is not None, "the panel that sends it"
        self.stranded_banner.show_cases(self.stranded.model.rows)

    def _show_stranded(self) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(self.authorizations_page))

    def _letters_running_out(self, letters: ExpiringLetters) -> None:
        """At login, from the letters this store holds (no center needed)."""
        run_in_background(
            lambda: letters.for_actor(self.actor),
            self.expiry.show_endings,
            lambda exc: log.warning("letters running out not read: %s", exc),  # a reminder only: login goes on
            owner=self,
        )

    def _open_deferred(self, application_id: str) -> None:
        assert self.acceptance is not None, "sent by the follow-up page, which comes with acceptance"
        self.nav.setCurrentRow(self.pages.indexOf(self.acceptance_view))
        self.acceptance.open_deferred(application_id)

    def _print_notice(self, notice) -> None:
        assert self.acceptance is not None and self.followup is not None, "sent by the follow-up page"
        self.acceptance.show_notice(notice)
        self.followup.refresh()

    def _status_bar(self) -> None:
        bar = self.statusBar()
        a = self.actor
        window = f"{a.window_no} 号窗口" if a.window_no else "未分配窗口"
        # Short, and elided where the window is narrow: the status bar must not set the window's
        # width, and its messages need the room.
        self.staff_label = ElidedLabel(f"{a.name}（{a.staff_no}）· {a.role_labels}")
        self.window_label = ElidedLabel(window)
        self.workstation_label = ElidedLabel(f"工作站：{self.ctx.workstation_name}")
        self.connection_label = ElidedLabel()
        for label in (self.staff_label, self.window_label, self.workstation_label):
            label.setToolTip(label.text())
        for label in (self.staff_label, self.window_label, self.workstation_label, self.connection_label):
            bar.addPermanentWidget(label)
        self.password_button = QToolButton()
        self.password_button.setText("修改密码")
        self.password_button.setToolTip("修改自己的登录密码（Ctrl+Shift+P）")
        self.password_button.clicked.connect(self.change_password)
        bar.addPermanentWidget(self.password_button)
        # Logging out must be findable by someone who has never read a shortcut list.
        self.logout_button = QToolButton()
        self.logout_button.setText("注销")
        self.logout_button.setToolTip("注销登录，换人使用本机（Ctrl+L）")
        self.logout_button.clicked.connect(self.logout_requested.emit)
        bar.addPermanentWidget(self.logout_button)

    def change_password(self) -> None:
        """修改密码 (Ctrl+Shift+P): the same key, wrapped again under the new password; the center
        keeps it for every workstation and this one takes it at once."""
        if self.password_dialog.shown is not None:
            self.password_dialog.shown.activateWindow()
            return
        client, actor, store = self.clients.center(PasswordClient), self.actor, self.ctx.store
        dialog = ChangePasswordDialog(
            actor.staff_no,
            lambda old, new, again: change_own_password(store, actor, client, old, new, again),
            parent=self,
        )
        dialog.changed.connect(
            lambda _actor: self._tell("密码已修改。下次登录请用新密码（其他工作站同步后同样生效）。")
        )
        self.password_dialog.open(dialog)

    def _print_guide(self) -> None:
        """Ctrl+P prints the guide of the matter on the page shown: on 综合受理 the one being accepted
        (each of a bundle's, in the versions applied), on 事项目录 the one selected."""
        page = self.pages.currentWidget()
        if page is self.catalog_view:
            guides = [self.catalog.current] if self.catalog.current is not None else []
        elif self.acceptance is not None and page is self.acceptance_view:
            prepared = self.acceptance.prepared
            guides = [self.ctx.catalog.guide_version(v) for v in prepared.version_ids] if prepared else []
        else:
            self._tell("本页没有办事指南可打印（Ctrl+P 用于综合受理和事项目录）。")
            return
        if guides:
            self.catalog.print_guide(guides)
        else:
            self._tell("请先选择事项，再按 Ctrl+P 打印其办事指南。")

    def _shortcuts(self) -> None:
        def focus_search() -> None:
            self.nav.setCurrentRow(self.pages.indexOf(self.catalog_view))
            self.catalog_view.search.setFocus()
            self.catalog_view.search.selectAll()

        bindings: list[tuple[str, Callable[[], object]]] = [
            ("Ctrl+F", focus_search),
            ("Ctrl+P", self._print_guide),
            ("Ctrl+L", self.logout_requested.emit),
            ("Ctrl+Shift+P", self.change_password),
        ]
        if self.actor.has(Role.MANAGER):
            bindings.append(("Ctrl+E", self.catalog.edit))
        for i in range(self.nav.count()):
            bindings.append((f"Ctrl+{i + 1}", partial(self.nav.setCurrentRow, i)))
        for keys, slot in bindings:
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
