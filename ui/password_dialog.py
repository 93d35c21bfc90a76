"""修改密码: the old password, the new one twice, and under the new one what its strength lacks, as
it is typed. Everyone reaches it from the main window (Ctrl+Shift+P); at a first login after a
manager's one-time password it comes before the main window, and cancelling it returns to the
login. The change is sent to the center off the UI thread (app.trust.own_password); refused, the
messages show beside the fields and nothing is lost."""

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

from app.actor import Actor
from app.center_client import CenterUnreachable
from app.trust.rules import password_problem
from ui.center_form import CenterForm, submit
from ui.message import tell
from ui.widgets import wrapped_label

RULE = "至少 8 位，含大写字母、小写字母、数字和符号中的至少三类，不含工号、不含空格。"
FIRST_LOGIN = "这是您首次使用管理员给的一次性密码登录。请设置只有您自己知道的新密码，设置后才能进入系统。"
FORCED_OFFLINE = "首次登录须在中心登记新密码，现在连不上中心，所以暂时不能进入系统。请稍后再试，或联系大厅管理员。"

Change = Callable[[str, str, str], Actor]  # (old, new, again) -> the actor, password changed


class ChangePasswordDialog(CenterForm, QDialog):
    """change: sends the change (in the background); old: the password just typed at a first
    login, not asked for again."""

    submitted = Signal()
    changed = Signal(object)  # the actor, no longer bound to change the password

    def __init__(self, staff_no: str, change: Change, *, first_login: bool = False, old: str = "", parent=None):
        super().__init__(parent)
        self.staff_no, self.change, self.first_login, self.preset_old = staff_no, change, first_login, old
        self.setWindowTitle("首次登录：请修改初始密码" if first_login else "修改密码")
        self.setMinimumWidth(460)
        password = QLineEdit.EchoMode.Password
        self.old_password = QLineEdit(echoMode=password)
        self.new_password = QLineEdit(echoMode=password)
        self.again = QLineEdit(echoMode=password)
        self.strength = wrapped_label(RULE)
        self.form_buttons("修改密码")
        self.buttons.button(self.buttons.StandardButton.Cancel).setText("返回登录" if first_login else "取消")
        form = QFormLayout()
        if not old:
            self.add_field(form, "old_password", "原密码", self.old_password)
        self.add_field(form, "new_password", "新密码", self.new_password)
        form.addRow("", self.strength)
        self.add_field(form, "again", "再次输入新密码", self.again)
        intro = wrapped_label(FIRST_LOGIN if first_login else "")
        intro.setVisible(first_login)
        self.stack(intro, form)
        self.new_password.textChanged.connect(self._strength)
        self.submitted.connect(self._send)
        (self.new_password if old else self.old_password).setFocus()

    def _strength(self, text: str) -> None:
        problem = password_problem(text, self.staff_no) if text else None
        tell(self.strength, problem or ("密码强度符合要求。" if text else RULE), error=problem is not None)

    def _send(self) -> None:
        old = self.preset_old or self.old_password.text()
        new, again = self.new_password.text(), self.again.text()

        def work() -> Actor:
            try:
                return self.change(old, new, again)
            except CenterUnreachable as exc:
                raise CenterUnreachable(
                    f"{exc}{FORCED_OFFLINE}" if self.first_login else f"{exc}密码没有修改。"
                ) from exc

        submit(self, self.isVisible, work, self.changed.emit, lambda _exc: None)
