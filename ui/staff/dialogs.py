"""The 人员管理 page's dialogs: a new person (each field's message beside it) and the one-time
password, shown once to be handed over. The reason for a reset or for lifting a lock-out is the
shared ui.center_form.ReasonDialog."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.actor import ROLE_LABELS, Role
from app.trust.dto import StaffOverview
from app.trust.staff_fields import MAX_NAME, NewStaff
from ui.center_form import CenterForm
from ui.widgets import wrapping_bar


class NewStaffDialog(CenterForm, QDialog):
    """overview: StaffAdmin.overview(), for the departments and windows to choose from."""

    submitted = Signal()  # 新增 (Enter): the controller sends values() and answers

    def __init__(self, overview: StaffOverview, parent=None):
        super().__init__(parent)
        self.setWindowTitle("新增人员")
        self.setMinimumWidth(520)
        self.staff_no = QLineEdit(placeholderText="如 C005：大写字母和数字")
        self.staff_no.setMaxLength(20)
        self.staff_no.textEdited.connect(lambda text: self.staff_no.setText(text.upper()))
        self.name = QLineEdit(placeholderText="姓名")
        self.name.setMaxLength(MAX_NAME + 10)  # a little over: the center says how much too long
        self.roles = {role: QCheckBox(ROLE_LABELS[role]) for role in Role}
        roles = wrapping_bar(*self.roles.values())
        self.department = QComboBox()
        self.department.addItem("（不属于部门：综合窗口、帮办代办、管理员）", None)
        for d in overview.departments:
            self.department.addItem(d.name, d.id)
        self.posted_window = QComboBox()
        self.posted_window.addItem("（不固定窗口）", None)
        for w in overview.windows:
            self.posted_window.addItem(f"{w.number} 号窗口 · {w.name}", w.number)
        self.form_buttons("新增并生成一次性密码")

        form = QFormLayout()
        self.add_field(form, "staff_no", "工号", self.staff_no)
        self.add_field(form, "name", "姓名", self.name)
        self.add_field(form, "roles", "岗位", roles, self.roles[Role.CLERK])
        self.add_field(form, "department_id", "所属部门", self.department)
        self.add_field(form, "window_no", "窗口", self.posted_window)
        note = QLabel(
            "新增后本机生成一次性密码，只显示一次，请当面交给本人；本人首次登录时必须修改。"
            "密码不经网络传送，中心只保存用它加密的电子签名密钥。"
        )
        note.setWordWrap(True)
        self.stack(note, form)
        self.staff_no.setFocus()

    def values(self) -> NewStaff:
        return NewStaff(
            self.staff_no.text(),
            self.name.text(),
            tuple(role for role, box in self.roles.items() if box.isChecked()),
            self.department.currentData(),
            self.posted_window.currentData(),
        )


class OneTimePasswordDialog(QDialog):
    """The one-time password, shown this once: it is kept nowhere, on this machine or the center."""

    def __init__(self, person: str, password: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("一次性密码")
        self.setMinimumWidth(480)
        intro = QLabel(f"{person}的一次性密码：")
        self.password = QLabel(password)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(22)
        font.setBold(True)
        self.password.setFont(font)
        self.password.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        instruction = QLabel(
            "请把这个密码当面交给本人（注意区分大小写）。<b>它只显示这一次</b>，关闭后任何人都无法再查看；"
            "忘记了只能重新重置。本人首次登录时必须改为自己的密码，改好之前不能办理业务。"
        )
        instruction.setWordWrap(True)
        close = QPushButton("已交给本人，关闭")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(instruction)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        close.setFocus()
