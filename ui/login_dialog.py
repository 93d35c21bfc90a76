"""Login: staff number and password; errors (wrong password, lock-out) shown next to the form. A
first login with a manager's one-time password changes it before the main window opens."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.actor import Actor
from app.auth import LoginFailed, login
from app.context import AppContext
from app.trust.client import PersonSession
from app.trust.own_password import change_own_password
from app.trust.staff_client import PasswordClient
from ui.background import run_in_background
from ui.message import error_line
from ui.password_dialog import ChangePasswordDialog


class LoginDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.change_dialog: ChangePasswordDialog | None = None  # a first login's required change
        self.setWindowTitle("登录 · 政务服务中心前台系统")
        self.setMinimumWidth(420)
        title = QLabel("政务服务中心前台系统")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 20px; font-weight: bold; margin: 12px;")
        self.staff_no = QLineEdit(placeholderText="例如 C001")
        self.password = QLineEdit(placeholderText="密码", echoMode=QLineEdit.EchoMode.Password)
        self.error = error_line(hidden=True)
        form = QFormLayout()
        form.addRow("工号", self.staff_no)
        form.addRow("密码", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登录")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出")
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        self.staff_no.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.try_login)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(f"工作站：{ctx.workstation_name}"))
        layout.addWidget(buttons)

    def keyPressEvent(self, event) -> None:
        # Enter belongs to the field it is pressed in (staff number: on to the password; password:
        # log in). A line edit passes Enter on after acting on it, and QDialog would then click the
        # default button QDialogButtonBox makes of 登录: a second login with the password already
        # cleared, whose "请输入工号和密码" hid the attempts left and the lock-out.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def try_login(self) -> None:
        typed = self.password.text()
        try:
            actor = login(self.ctx.store, self.ctx.workstation_id, self.staff_no.text(), typed)
        except LoginFailed as exc:
            self._refused(str(exc))
            return
        if actor.must_change_password:
            self._first_login(actor, typed)
            return
        self.actor = actor
        self.accept()

    def _refused(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.password.clear()
        self.password.setFocus()

    def _first_login(self, actor: Actor, typed: str) -> None:
        """The one-time password a manager gave opens the key, and must be changed before anything
        else; the center must be reachable for that. Cancelled: back to the login."""
        client = PasswordClient(self.ctx.store, self.ctx.workstation_id, session=PersonSession(actor))
        dialog = self.change_dialog = ChangePasswordDialog(
            actor.staff_no,
            lambda old, new, again: change_own_password(self.ctx.store, actor, client, old, new, again),
            first_login=True,
            old=typed,
            parent=self,
        )

        def changed(actor: Actor) -> None:  # after finished(Accepted); not when it was cancelled first
            if self.change_dialog is dialog:
                self.change_dialog, self.actor = None, actor
                self.accept()

        def finished(result: int) -> None:
            run_in_background(client.end_session, lambda _r: None, lambda _exc: None)  # the main window opens its own
            dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted and self.change_dialog is dialog:
                self.change_dialog = None
                self._refused("须先修改初始密码才能进入系统。请重新登录。")

        dialog.changed.connect(changed)
        dialog.finished.connect(finished)
        dialog.open()
