"""The 大厅设置 page's behaviour: load the settings from the center off the UI thread, and change
the center's or a department's through the dialog with a reason. The center checks the role and
every field again; refused, the dialog stays open with the messages beside the fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING

from app.actor import Actor
from app.hall_settings.dto import DepartmentSettingsRow, HallSettings, Overview
from app.hall_settings.fields import CenterFields, DepartmentFields
from ui.background import run_in_background
from ui.center_form import submit
from ui.hall_settings.dialog import SettingsDialog
from ui.page_controller import PageController

if TYPE_CHECKING:  # the page builds this controller
    from ui.hall_settings.page import HallSettingsPage

EMPTY_CENTER = CenterFields("", "", "")


class HallSettingsController(PageController[DepartmentSettingsRow]):
    page: HallSettingsPage
    client: HallSettings

    def __init__(self, page: HallSettingsPage, client: HallSettings, actor: Actor):
        super().__init__(page, client, actor)
        self.settings: Overview | None = None
        page.refresh_button.clicked.connect(self.refresh)
        page.edit_center.clicked.connect(self.edit_center)
        page.edit_department.clicked.connect(self.edit_department)
        page.table.activated.connect(lambda _index: self.edit_department())  # Enter or a double click

    def refresh(self) -> None:
        keep = self.page.table.currentIndex().row()

        def shown(settings: Overview) -> None:
            self.settings = settings
            self.page.show_center(settings.center)
            self.page.model.set_rows(settings.departments)
            unset = sum(1 for d in settings.departments if d.fields is None)
            if settings.departments:
                self.page.table.selectRow(min(max(keep, 0), len(settings.departments) - 1))
            if unset:
                self.page.say(f"有 {unset} 个部门尚未设置（黄色）：其文书暂用部门名称作印章文字、不写复议机关和法院。")

        run_in_background(lambda: self.client.overview(), shown, self._failed)

    def edit_center(self) -> None:
        if self.settings is None or self.dialog is not None:
            return
        values = self.settings.center or EMPTY_CENTER
        note = "中心名称印在每份文书的页脚和排队小票上；咨询电话在部门未登记电话时使用。"
        self._open(
            SettingsDialog("修改中心信息", note, asdict(values), self.page),
            lambda values, reason: self.client.update_center(CenterFields(**values), reason),
            "已修改中心信息",
        )

    def edit_department(self) -> None:
        d = self.current()
        if self.settings is None or self.dialog is not None or d is None:
            return
        note = (
            f"{d.name}：受理通知书、一次性告知单等受理环节的文书加盖受理专用章，"
            "特殊环节告知书、延期告知书、决定书和送达回证加盖审批专用章；"
            "不予受理通知书和不予许可决定书写明行政复议机关和行政诉讼法院。"
        )
        department_id = d.id
        self._open(
            SettingsDialog(f"修改部门设置 · {d.name}", note, asdict(d.fields or d.defaults), self.page),
            lambda values, reason: self.client.update_department(department_id, DepartmentFields(**values), reason),
            f"已修改{d.name}的文书设置",
        )

    def _open(self, dialog: SettingsDialog, send: Callable[[dict, str], None], done: str) -> None:
        dialog.submitted.connect(lambda: self._save(dialog, send, done))
        self.form.open(dialog)

    def _save(self, dialog: SettingsDialog, send: Callable[[dict, str], None], done: str) -> None:
        values, reason = dialog.values(), dialog.reason.text()

        def saved(_result) -> None:
            self.page.say(f"{done}。各工作站同步后按新名称出具文书。")
            self.message.emit(done)
            self.refresh()

        submit(
            dialog,
            lambda: self.dialog is dialog,
            lambda: send(values, reason),
            saved,
            self._failed,
        )
