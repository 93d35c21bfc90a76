"""The 大厅设置 page (layout, managers): the center's name, address and phone, and per department
what its documents print (its two seals, the reconsideration body and the court). What the
buttons do is in controller.py."""

from html import escape

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from app.actor import Actor
from app.hall_settings.client import HallSettingsClient
from app.hall_settings.dto import HallSettings
from app.hall_settings.fields import CenterFields
from ui.center_page import CenterPage
from ui.hall_settings.controller import HallSettingsController
from ui.hall_settings.model import DepartmentsModel
from ui.page import Clients
from ui.widgets import column_layout, keyed_button, rows_table, wrapped_label

NOTE = (
    "这些名称印在受理通知书、一次性告知单、决定书、送达回证、授权委托书和排队小票上。"
    "修改在中心保存，各工作站同步后即按新名称出具文书；已出具的文书不变。"
)


class HallSettingsPage(CenterPage[HallSettingsController]):
    def __init__(self, client: HallSettings, actor: Actor, parent=None):
        super().__init__(parent)
        self.center = wrapped_label()
        self.edit_center = keyed_button("修改中心信息…", "Ctrl+Shift+C")
        self.model = DepartmentsModel(self)
        self.table = rows_table(self.model)
        self.edit_department = QPushButton("修改部门设置…（Enter）")
        self.refresh_button = keyed_button("刷新", "F5")

        center_row = QHBoxLayout()
        center_row.addWidget(self.center, 1)
        center_row.addWidget(self.edit_center)
        bar = QHBoxLayout()
        for b in (self.edit_department, self.refresh_button):
            bar.addWidget(b)
        bar.addStretch()
        column_layout(self, wrapped_label(NOTE), center_row, bar, self.message, fill=self.table)
        self.show_center(None)
        self.controller = HallSettingsController(self, client, actor)
        self.controller.message.connect(self.said)

    def show_center(self, fields: CenterFields | None) -> None:
        if fields is None:
            self.center.setText("<b>中心信息未设置</b>：文书上暂不印中心名称。请点右侧按钮填写。")
            return
        self.center.setText(
            f"<b>{escape(fields.center_name)}</b>　地址：{escape(fields.center_address)}"
            f"　咨询电话：{escape(fields.center_phone)}"
        )


def build(clients: Clients, actor: Actor) -> HallSettingsPage:
    """大厅设置 (managers)."""
    return HallSettingsPage(clients.center(HallSettingsClient), actor)
