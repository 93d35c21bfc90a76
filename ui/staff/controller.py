"""The 人员管理 page's behaviour: load the staff from the center off the UI thread; a new person,
a reset and lifting a lock-out each through a dialog that stays open with the center's messages
beside the fields until it is accepted. A new person's and a reset's one-time password, made on
this machine, is shown once and then forgotten. The center checks the role and every field again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QDialog

from app.actor import Actor
from app.clock import Clock
from app.trust.dto import StaffAdmin, StaffOverview, StaffRow
from app.trust.staff_fields import MAX_REASON, NewStaff, cleaned
from ui.background import run_in_background
from ui.center_form import CenterForm, ReasonDialog, submit
from ui.page_controller import PageController
from ui.staff.dialogs import NewStaffDialog, OneTimePasswordDialog
from ui.staff.model import locked_until
from ui.widgets import OneDialog, follow_current_row

if TYPE_CHECKING:  # the page builds this controller
    from ui.staff.page import StaffPage

RESET_WARNING = (
    "将为{who}生成新的电子签名密钥和一次性密码：原密码和原密钥自即刻起作废，"
    "其在各工作站的登录须重新进行；此前用原密钥签署的记录仍然有效。账号如被锁定，同时解除。"
    "一次性密码只显示一次，请当面交给本人。"
)
REASON_HINT = "必填（记入审计日志），如：本人忘记密码，已当面核实身份"
UNLOCK_WARNING = "将解除{who}的账号锁定（各工作站同步后生效），连续密码错误的次数从零重新计算。请先当面核实本人身份。"


T = TypeVar("T")
Prepare = Callable[[], Callable[[], T]]  # at OK: reads the dialog, gives the work that sends it


class StaffController(PageController[StaffRow]):
    page: StaffPage
    client: StaffAdmin

    def __init__(self, page: StaffPage, client: StaffAdmin, actor: Actor, clock: Clock | None = None):
        super().__init__(page, client, actor)
        self.clock = clock or Clock()
        self.overview: StaffOverview | None = None
        self.shown_password = OneDialog()
        page.refresh_button.clicked.connect(lambda: self.refresh())
        page.new_button.clicked.connect(self.new_person)
        page.reset_button.clicked.connect(self.reset)
        page.unlock_button.clicked.connect(self.unlock)
        follow_current_row(page.table, self._buttons)

    @property
    def password_dialog(self) -> QDialog | None:
        """The one-time password, while it is shown."""
        return self.shown_password.shown

    def _buttons(self) -> None:
        person = self.current()
        others = person is not None and person.staff_no != self.actor.staff_no
        self.page.new_button.setEnabled(self.overview is not None)
        self.page.reset_button.setEnabled(others)
        locked = person is not None and locked_until(person, self.page.model.now) is not None
        self.page.unlock_button.setEnabled(others and locked)

    def refresh(self, select: str | None = None) -> None:
        current = self.current()
        keep = select or (current.staff_no if current else None)

        def shown(overview: StaffOverview) -> None:
            self.overview = overview
            staff = overview.staff
            self.page.model.now = self.clock.utc_now()
            self.page.model.set_rows(staff)
            locked = sum(1 for p in staff if locked_until(p, self.page.model.now) is not None)
            waiting = sum(1 for p in staff if p.on_initial_key)
            self.page.summary.setText(f"共 {len(staff)} 人，锁定 {locked} 人，待修改初始密码 {waiting} 人")
            if staff:
                self.page.table.selectRow(next((i for i, p in enumerate(staff) if p.staff_no == keep), 0))
            self._buttons()

        run_in_background(lambda: self.client.overview(), shown, self._failed)

    def _open(self, dialog: CenterForm, prepare: Prepare[T], accepted: Callable[[T], object]) -> None:
        """prepare: at OK, reads the dialog (on this thread) and gives the work that sends it to the
        center; accepted: what follows once the center took it."""
        dialog.submitted.connect(
            lambda: submit(dialog, lambda: self.dialog is dialog, prepare(), accepted, self._failed)
        )
        self.form.open(dialog)

    def new_person(self) -> None:
        if self.overview is None or self.dialog is not None:
            return
        d = NewStaffDialog(self.overview, self.page)
        typed: list[NewStaff] = []  # as sent: the dialog is gone when the center answers

        def prepare() -> Callable[[], str]:
            values = cleaned(d.values())
            typed[:] = [values]
            return lambda: self.client.create(values)

        def created(password: str) -> None:
            who = f"{typed[0].name}（{typed[0].staff_no}）"
            self._done(f"已新增{who}，一次性密码已显示。", typed[0].staff_no)
            self._show_password(who, password)

        self._open(d, prepare, created)

    def _with_reason(self, title: str, warning: str, ok: str, send: Callable[[str, str], object], accepted) -> None:
        person = self.current()
        if person is None or self.dialog is not None:
            return
        who = f"{person.name}（{person.staff_no}）"
        d = ReasonDialog(f"{title} · {who}", warning.format(who=who), ok, REASON_HINT, MAX_REASON, self.page)

        def prepare() -> Callable[[], object]:
            reason, staff_no = d.reason.text(), person.staff_no
            return lambda: send(staff_no, reason)

        self._open(d, prepare, lambda result: accepted(who, person.staff_no, result))

    def reset(self) -> None:
        def done(who: str, staff_no: str, password: str) -> None:
            self._done(f"已重置{who}的密码，一次性密码已显示。", staff_no)
            self._show_password(who, password)

        self._with_reason("重置密码", RESET_WARNING, "确认重置", self.client.reset, done)

    def unlock(self) -> None:
        def done(who: str, staff_no: str, _result) -> None:
            self._done(f"已解除{who}的账号锁定。", staff_no)

        self._with_reason("解除锁定", UNLOCK_WARNING, "解除锁定", self.client.unlock, done)

    def _show_password(self, who: str, password: str) -> None:
        self.shown_password.open(
            OneTimePasswordDialog(who, password, self.page)
        )  # deleted, password and all, once closed
