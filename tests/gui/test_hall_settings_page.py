"""The manager's 大厅设置 page against a center on loopback: a change refused field by field keeps
the dialog open with each message beside its field, a complete one with its reason is saved at
the center; the kiosk and the board then show the new name, and the kiosk's ticket prints it."""

from PySide6.QtCore import Qt, QThreadPool
from sqlalchemy import select

from app.auth import login
from app.demo import DEMO_PASSWORD
from app.devices.scope import DeviceKind
from app.hall_settings.client import HallSettingsClient
from app.queue.client import QueueClient
from db.models import AuditEntry, DepartmentSettings, HallSettings
from tests import pdf_reading
from tests.sync_harness import Center, acting_for, device, workstation
from ui.board.view import BoardView
from ui.hall_name import HallName
from ui.hall_settings.page import HallSettingsPage
from ui.kiosk import controller as kiosk_module
from ui.kiosk.controller import KioskController
from ui.kiosk.view import KioskView


def test_manager_changes_the_center_and_a_department_then_the_kiosk_prints_the_new_name(qtbot, tmp_path, monkeypatch):
    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    try:
        desk, _ = workstation(center, tmp_path, "desk")
        manager = login(desk.store, desk.workstation_id, "M001", DEMO_PASSWORD)
        page = HallSettingsPage(acting_for(desk, HallSettingsClient, manager), manager)
        qtbot.addWidget(page)
        controller = page.controller
        page.refresh()
        qtbot.waitUntil(lambda: page.model.rowCount() == 13, timeout=5000)
        assert "青山县政务服务中心" in page.center.text()

        page.edit_center.click()
        dialog = controller.dialog
        assert dialog is not None and dialog.inputs["center_name"].text() == "青山县政务服务中心"
        dialog.inputs["center_name"].clear()
        dialog.inputs["center_phone"].setText("12345")
        dialog.ok.click()  # no name, a bad phone, no reason: each refused beside its field, nothing saved
        qtbot.waitUntil(lambda: not dialog.errors["reason"].isHidden(), timeout=5000)
        assert "请填写中心名称" in dialog.errors["center_name"].text()
        assert "固定电话" in dialog.errors["center_phone"].text() and dialog.errors["center_address"].isHidden()
        assert dialog.isVisible() and dialog.inputs["center_phone"].text() == "12345"  # kept to correct
        dialog.inputs["center_name"].setText("某某市政务服务中心")
        dialog.inputs["center_phone"].setText("0371-12345678")
        dialog.reason.setText("县改市，中心更名")
        dialog.ok.click()
        qtbot.waitUntil(lambda: controller.dialog is None, timeout=5000)
        qtbot.waitUntil(lambda: "某某市政务服务中心" in page.center.text(), timeout=5000)

        page.table.selectRow(0)  # 市场监管局 (departments by code: GAJ first)
        row = page.model.rows[page.table.currentIndex().row()]
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        dialog = controller.dialog
        assert dialog is not None and dialog.inputs["court"].text() == row.fields.court
        dialog.inputs["court"].setText("某某市中级人民法院")
        dialog.reason.setText("管辖调整")
        dialog.ok.click()
        qtbot.waitUntil(lambda: controller.dialog is None, timeout=5000)
        with center.store.sessions() as s:
            assert s.get(HallSettings, 1).center_name == "某某市政务服务中心"
            assert s.get(DepartmentSettings, row.id).court == "某某市中级人民法院"
            reasons = list(s.scalars(select(AuditEntry.reason).where(AuditEntry.action.like("%settings_changed"))))
            assert reasons == ["县改市，中心更名", "管辖调整"]

        monkeypatch.setenv("HALL_TICKET_PDF_DIR", str(tmp_path / "tickets"))
        printed: list[bytes] = []  # the ticket as drawn, before the printer rasterizes it
        monkeypatch.setattr(kiosk_module, "print_pdf", lambda pdf, _printer: printed.append(pdf) or True)
        kiosk, board = KioskView(), BoardView()
        machines = {kind: device(center, tmp_path, kind) for kind in (DeviceKind.KIOSK, DeviceKind.BOARD)}
        for view, kind in ((kiosk, DeviceKind.KIOSK), (board, DeviceKind.BOARD)):
            qtbot.addWidget(view)
            view.hall_name = HallName(view, HallSettingsClient.for_device(machines[kind]))
        kiosk_controller = KioskController(kiosk, QueueClient.for_device(machines[DeviceKind.KIOSK]))
        qtbot.waitUntil(lambda: kiosk.title.text() == "某某市政务服务中心 · 自助取号", timeout=5000)
        qtbot.waitUntil(lambda: board.title.text() == "某某市政务服务中心 · 叫号信息", timeout=5000)
        qtbot.waitUntil(lambda: "A" in kiosk.category_buttons, timeout=5000)
        qtbot.mouseClick(kiosk.category_buttons["A"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "A001" in kiosk.ticket.text(), timeout=10000)
        (ticket,) = printed
        assert pdf_reading.text(ticket).startswith("某某市政务服务中心")
        kiosk_controller.timer.stop()
    finally:
        QThreadPool.globalInstance().waitForDone(10000)
        center.stop()
        center.store.engine.dispose()
