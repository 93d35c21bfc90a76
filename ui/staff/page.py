"""The 人员管理 page (layout, managers): the hall's staff with who is locked out and who has not
yet changed the one-time password, and the manager's tools: a new person, a password reset,
lifting a lock-out. What the buttons do is in controller.py."""

from PySide6.QtWidgets import QLabel, QPushButton

from app.actor import Actor
from app.trust.dto import StaffAdmin
from app.trust.staff_client import StaffClient
from ui.center_page import CenterPage
from ui.page import Clients
from ui.staff.controller import StaffController
from ui.staff.model import StaffModel
from ui.widgets import column_layout, keyed_button, rows_table, wrapped_label, wrapping_bar

NOTE = (
    "人员和密码在中心保存，各工作站同步后生效。新增人员和重置密码时，本机生成一次性密码，只显示一次，"
    "请当面交给本人；本人首次登录时必须修改。重置密码后，原电子签名密钥自即刻起作废，此前签署的记录仍然有效。"
)


class StaffPage(CenterPage[StaffController]):
    def __init__(self, client: StaffAdmin, actor: Actor, parent=None):
        super().__init__(parent)
        self.model = StaffModel(self)
        self.table = rows_table(self.model)
        self.new_button = keyed_button("新增人员…", "Ctrl+N")
        self.reset_button = QPushButton("重置密码…")
        self.unlock_button = QPushButton("解除锁定…")
        self.refresh_button = keyed_button("刷新", "F5")
        self.summary = QLabel("")
        column_layout(
            self,
            wrapped_label(NOTE),
            wrapping_bar(self.new_button, self.reset_button, self.unlock_button, self.refresh_button, self.summary),
            self.message,
            fill=self.table,
        )
        self.controller = StaffController(self, client, actor)
        self.controller.message.connect(self.said)


def build(clients: Clients, actor: Actor) -> StaffPage:
    """人员管理 (managers)."""
    return StaffPage(clients.center(StaffClient), actor)
