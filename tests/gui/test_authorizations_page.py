"""The manager's 授权书 page against a center on loopback: a letter refused field by field keeps
the dialog open with the messages beside the fields, a complete one is recorded with its scan,
and revoking it (reason asked, then confirmed) ends it at the center."""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QThreadPool
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from app.auth import login
from app.authorizations.client import AuthorizationClient
from app.authorizations.service import MAX_SCAN
from app.demo import DEMO_PASSWORD
from db.models import ChiefAuthorization
from tests.sync_harness import acting_for, sqlite_center, workstation
from ui.authorizations.page import AuthorizationsPage
from ui.authorizations.scan_view import ScanImageDialog, open_scan
from ui.pdf_preview import PdfPreviewDialog

SCAN = b"%PDF-1.4\n%%EOF\n"


def test_manager_records_and_revokes_a_letter(qtbot, tmp_path):
    with sqlite_center(tmp_path) as center:
        desk, _ = workstation(center, tmp_path, "desk")
        try:
            manager = login(desk.store, desk.workstation_id, "M001", DEMO_PASSWORD)
            page = AuthorizationsPage(acting_for(desk, AuthorizationClient, manager), manager)
            qtbot.addWidget(page)
            controller = page.controller
            with center.store.sessions() as s:  # the demo's 3 chief letters, and whatever else the hall set up
                on_file = s.query(ChiefAuthorization).count()
            assert on_file >= 3
            page.refresh()
            qtbot.waitUntil(lambda: page.model.rowCount() == on_file, timeout=5000)
            assert page.detail.toPlainText().count("授权事项") == 1 and page.revoke_button.isEnabled()

            page.new_button.click()
            qtbot.waitUntil(lambda: controller.dialog is not None, timeout=5000)
            dialog = controller.dialog
            dialog.matter_filter.setText("不存在的事项")  # a filter hides rows but 全选 then picks none
            dialog.select_all.click()
            assert dialog.matter_ids() == ()
            dialog.matter_filter.clear()
            dialog.matters.item(0).setCheckState(Qt.CheckState.Checked)
            dialog.ok.click()  # no 文号, no scan: refused beside those two fields, nothing recorded
            qtbot.waitUntil(lambda: not dialog.errors["scan"].isHidden(), timeout=5000)
            assert "文号" in dialog.errors["document_no"].text() and "扫描件" in dialog.errors["scan"].text()
            assert dialog.errors["matters"].isHidden() and dialog.errors["holder"].isHidden()
            assert dialog.isVisible() and dialog.matter_ids() and page.model.rowCount() == on_file

            big, pdf = tmp_path / "big.pdf", tmp_path / "授权书.pdf"
            with big.open("wb") as f:  # sparse: refused by its size before a byte is read
                f.truncate(MAX_SCAN + 1)
            pdf.write_bytes(SCAN)
            controller.choose_file = lambda: str(big)
            dialog.choose_scan.click()
            assert "不能超过 10 MB" in dialog.errors["scan"].text() and dialog.scan == b""
            controller.choose_file = lambda: str(pdf)
            dialog.choose_scan.click()
            assert dialog.scan == SCAN and "授权书.pdf" in dialog.scan_label.text() and dialog.preview.isEnabled()
            dialog.document_no.setText("青市监授〔2026〕8号")
            qtbot.keyClick(dialog.document_no, Qt.Key.Key_Return)  # Enter = 登记
            qtbot.waitUntil(lambda: page.model.rowCount() == on_file + 1, timeout=5000)
            assert controller.dialog is None and "已登记授权书" in page.message.text()
            letter = controller.current()  # the new letter is selected
            assert letter.document_no == "青市监授〔2026〕8号" and letter.status == "有效"

            page.new_button.click()  # Esc cancels the dialog
            qtbot.waitUntil(lambda: controller.dialog is not None, timeout=5000)
            qtbot.keyClick(controller.dialog, Qt.Key.Key_Escape)
            assert controller.dialog is None and page.model.rowCount() == on_file + 1

            page.scan_button.click()
            qtbot.waitUntil(lambda: isinstance(controller.viewer, PdfPreviewDialog), timeout=5000)
            assert controller.viewer.pdf == SCAN
            controller.viewer.close()

            asked: list[str] = []
            controller.ask_reason = lambda: ("首席代表岗位调整", True)
            controller.confirm = lambda text: asked.append(text) or False  # declined: nothing happens
            page.revoke_button.click()
            assert "终止后该首席代表不能再依此授权作出决定，确定终止吗？" in asked[0]
            controller.confirm = lambda text: True
            page.revoke_button.click()
            qtbot.waitUntil(
                lambda: (shown := controller.current()) is not None and shown.status == "已终止", timeout=5000
            )
            assert "首席代表岗位调整" in page.detail.toPlainText() and not page.revoke_button.isEnabled()
            with center.store.sessions() as s:
                query = select(ChiefAuthorization).where(ChiefAuthorization.document_no == letter.document_no)
                revoked = s.scalar(query)
                assert revoked.revoked_on is not None and revoked.revoked_reason == "首席代表岗位调整"
        finally:
            QThreadPool.globalInstance().waitForDone(10000)


def test_an_image_scan_is_shown_scaled_to_its_window(qtbot):
    image = QImage(1200, 1700, QImage.Format.Format_RGB32)  # an A4-like scan, larger than the window
    image.fill(QColor("white"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    parent = QWidget()
    qtbot.addWidget(parent)
    viewer = open_scan(parent, "授权书.png", "image/png", bytes(data))
    assert isinstance(viewer, ScanImageDialog)
    qtbot.waitUntil(lambda: not viewer.image.pixmap().isNull())
    shown = viewer.image.pixmap().size()
    assert shown.width() <= viewer.image.width() and shown.height() <= viewer.image.height()
    viewer.close()
