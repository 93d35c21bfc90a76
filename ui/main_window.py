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
from app.appointments.client import AppointmentClient
from app.approval.client import ApprovalClient, NoticeClient
from app.authorizations.client import AuthorizationClient
from app.authorizations.expiring import ExpiringLetters
from app.center_client import CenterClient
from app.clock import Clock
from app.context import AppContext
from app.delivery.client import DeliveryClient
from app.dossier.client import DossierClient
from app.hall_settings.client import HallSettingsClient
from app.help.client import HelpClient
from app.help.proxy_client import ProxyLetterClient
from app.queue.client import QueueClient
from app.queue.walk_in import WalkInService
from app.supervision.client import SignalClient
from app.supervision.ledger_client import LedgerClient
from app.supervision.self_check_client import SelfCheckClient
from app.trust.client import PersonSession
from app.trust.own_password import change_own_password
from app.trust.staff_client import PasswordClient, StaffClient
from app.workdays import WorkCalendar
from ui.acceptance.controller import AcceptanceController
from ui.acceptance.followup_page import FollowUpPage
from ui.acceptance.view import AcceptanceView
from ui.appointments.page import AppointmentsPage
from ui.approval.controller import InboxController
from ui.approval.inbox_page import InboxPage
from ui.approval.stranded_banner import StrandedBanner
from ui.approval.stranded_panel import StrandedPanel
from ui.audit.page import AuditPage
from ui.authorizations.expiry_banner import ExpiryBanner
from ui.authorizations.page import AuthorizationsPage
from ui.background import run_in_background
from ui.catalog.controller import CatalogController
from ui.catalog.view import CatalogView
from ui.delivery.page import DeliveryPage
from ui.dossier.page import DossierPage
from ui.hall_settings.page import HallSettingsPage
from ui.help.page import HelpPage
from ui.palette import ALERT
from ui.password_dialog import ChangePasswordDialog
from ui.queue.controller import QueuePanelController
from ui.queue.hall_page import HallPage
from ui.queue.panel import QueuePanel
from ui.screen_fit import fit_to_screen
from ui.staff.page import StaffPage
from ui.supervision.page import SupervisionPage
from ui.sync_status import SyncStatus
from ui.widgets import ElidedLabel, OneDialog

log = logging.getLogger(__name__)


C = TypeVar("C", bound=CenterClient)


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
        self._refreshers: dict[QWidget, Callable[[], None]] = {}
        self.acceptance: AcceptanceController | None = None
        self.appointments_page: AppointmentsPage | None = None
        self.help_page: HelpPage | None = None
        self.followup: FollowUpPage | None = None
        self.delivery_page: DeliveryPage | None = None
        self.inbox: InboxController | None = None
        self.dossier_page: DossierPage | None = None
        self.audit_page: AuditPage | None = None
        self.hall_page: HallPage | None = None
        self.supervision_page: SupervisionPage | None = None
        self.stranded: StrandedPanel | None = None
        self.password_dialog = OneDialog()  # 修改密码, while it is open
        notices = self.center(NoticeClient)
        if actor.has(Role.CLERK):
            self._clerk_pages(notices)
        if actor.has(Role.CHIEF) or actor.has(Role.REVIEWER):
            self.inbox_page = InboxPage()
            self.inbox = InboxController(self.inbox_page, self.center(ApprovalClient), notices, actor)
            self.inbox.message.connect(self._tell)
            self._add_page("审批待办", self.inbox_page, self.inbox.refresh)
        if actor.has(Role.AGENT):  # an agent's day starts here; a manager finds it with the hall's pages
            self._help_page()
        self.catalog_view = CatalogView()
        self.catalog = CatalogController(self.catalog_view, ctx, actor)
        self._add_page("事项目录", self.catalog_view)
        if any(actor.has(role) for role in (Role.MANAGER, Role.SUPERVISOR, Role.CHIEF, Role.REVIEWER)):
            self.dossier_page = DossierPage(self.center(DossierClient), actor)
            self.dossier_page.controller.message.connect(self._tell)
            self._add_page("卷宗", self.dossier_page, self.dossier_page.refresh)
        if actor.has(Role.MANAGER):
            if self.help_page is None:
                self._help_page()
            self.hall_page = HallPage(self.center(QueueClient), actor)
            self._add_page("大厅运行", self.hall_page, self.hall_page.refresh)
            self.stranded = StrandedPanel(self.center(ApprovalClient), actor)
            self.stranded.found.connect(self._stranded_found)
            self.authorizations_page = AuthorizationsPage(self.center(AuthorizationClient), actor, self.stranded)
            self.authorizations_page.controller.message.connect(self._tell)
            self._add_page("授权书", self.authorizations_page, self.authorizations_page.refresh)
            self.settings_page = HallSettingsPage(self.center(HallSettingsClient), actor)
            self.settings_page.controller.message.connect(self._tell)
            self._add_page("大厅设置", self.settings_page, self.settings_page.refresh)
            self.staff_page = StaffPage(self.center(StaffClient), actor)
            self.staff_page.controller.message.connect(self._tell)
            self._add_page("人员管理", self.staff_page, self.staff_page.refresh)
            self.audit_page = AuditPage(ctx, actor)
            self._add_page("审计日志", self.audit_page, self.audit_page.refresh)
        if actor.has(Role.SUPERVISOR) or actor.has(Role.MANAGER):
            self.supervision_page = SupervisionPage(
                self.center(SignalClient),
                self.center(LedgerClient),
                self.center(SelfCheckClient),
                actor,
                dossiers=self.center(DossierClient),
            )
            self.supervision_page.controller.message.connect(self._tell)
            self._add_page("电子监察", self.supervision_page, self.supervision_page.refresh)
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
            self.queue = QueuePanelController(self.queue_panel, self.center(QueueClient), actor, walk_ins)
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
        self.catalog.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
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

    def _clerk_pages(self, notices: NoticeClient) -> None:
        """Acceptance, its follow-up and handing out results (综合窗口出件)."""
        ctx, actor = self.ctx, self.actor
        self.acceptance_view = AcceptanceView()
        self.acceptance = AcceptanceController(self.acceptance_view, ctx, actor, ctx.acceptance)
        self._add_page("综合受理", self.acceptance_view)
        self.followup = FollowUpPage(ctx.acceptance, actor)
        self._add_page("待办提醒", self.followup, self.followup.refresh)
        self.followup.open_deferred.connect(self._open_deferred)
        self.followup.print_notice.connect(self._print_notice)
        self.acceptance.message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.delivery_page = DeliveryPage(self.center(DeliveryClient), notices, actor)
        self.delivery_page.controller.message.connect(self._tell)
        self._add_page("结果送达", self.delivery_page, self.delivery_page.refresh)
        self._appointments_page()

    def _help_page(self) -> None:
        """帮办代办, followed by the appointments it books."""
        ctx = self.ctx
        client, letters = self.center(HelpClient), self.center(ProxyLetterClient)
        self.help_page = HelpPage(client, self.actor, ctx.catalog.search, ctx.catalog.departments(), letters)
        self.help_page.controller.message.connect(self._tell)
        self._add_page("帮办代办", self.help_page, self.help_page.refresh)
        self._appointments_page()

    def _appointments_page(self) -> None:
        if self.appointments_page is not None:
            return
        ctx = self.ctx
        self.appointments_page = AppointmentsPage(
            self.center(AppointmentClient),
            self.center(QueueClient).categories,
            self.actor,
            working_day=WorkCalendar.of(ctx.store).is_working_day,
        )
        self.appointments_page.controller.message.connect(self._tell)
        self._add_page("预约服务", self.appointments_page, self.appointments_page.refresh)

    def center(self, client: type[C]) -> C:
        """A client of the center that acts for the logged-in person."""
        return client(self.ctx.store, self.ctx.workstation_id, session=self.session)

    def _open_session(self, report) -> None:
        if report.ok and not self.session.opened:
            run_in_background(
                self.center(CenterClient).open_session,
                lambda _none: None,
                lambda exc: log.info("session not opened yet: %s", exc),  # the next request tries again
                owner=self,
            )

    def closeEvent(self, event) -> None:
        """Logout or exit: the session at the center is ended (waiting at most a moment for an
        absent center) and the person's key goes with this window: no sync round after this
        one reopens it."""
        self.sync.stop()
        closing = threading.Thread(target=self.center(CenterClient).end_session, daemon=True)
        closing.start()
        closing.join(1.5)
        super().closeEvent(event)

    def _tell(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def _add_page(self, title: str, widget, refresh: Callable[[], None] | None = None) -> None:
        """refresh: reloads the page each time it is shown (center pages read fresh data)."""
        QListWidgetItem(title, self.nav)
        self.pages.addWidget(widget)
        if refresh is not None:
            self._refreshers[widget] = refresh

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
        refresh = self._refreshers.get(shown) if shown is not None else None
        if refresh is not None:
            refresh()

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
        client, actor, store = self.center(PasswordClient), self.actor, self.ctx.store
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
