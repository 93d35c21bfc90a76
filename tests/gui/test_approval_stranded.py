"""A case nobody can take any more (无人可办) against a center on loopback: red in the department's
inbox with the reason and no action, and red for the manager at login: a banner on the first page
and the list above the 授权书."""

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QColor

from app.approval.client import ApprovalClient, NoticeClient
from app.auth import login
from app.demo import DEMO_PASSWORD
from tests.sync_harness import acting_for, center_with_a_case, revoke_over_http
from ui.approval.controller import InboxController
from ui.approval.inbox_model import STRANDED
from ui.approval.inbox_page import InboxPage
from ui.main_window import MainWindow

WHY = "“核准”无人可办：首席代表陈静（S001）的授权书不在有效期内或已终止"


def _row_color(table, row: int) -> str:
    image = table.viewport().grab().toImage()
    return image.pixelColor(40, table.rowViewportPosition(row) + 4).name()


def test_a_stranded_case_is_red_with_its_reason_for_the_department_and_the_manager(qtbot, tmp_path):
    with center_with_a_case(tmp_path) as hall:
        try:
            revoke_over_http(hall.desk, "S001")

            # The reviewer's inbox: the case is listed, red, with why, and cannot be acted on.
            page = InboxPage()
            qtbot.addWidget(page)
            reviewer = login(hall.desk.store, hall.desk.workstation_id, "R001", DEMO_PASSWORD)
            client, notices = (acting_for(hall.desk, c, reviewer) for c in (ApprovalClient, NoticeClient))
            controller = InboxController(page, client, notices, reviewer)
            controller.refresh()
            qtbot.waitUntil(lambda: controller.view is not None, timeout=5000)
            assert page.model.rows[0].stranded == WHY
            state = page.model.index(0, page.model.columnCount() - 1)
            assert page.model.data(state) == f"无人可办：{WHY}"
            assert page.model.data(state, Qt.ItemDataRole.ToolTipRole) == f"无人可办：{WHY}"
            assert "无人可办 1 件" in page.summary.text()
            assert "无人可办" in page.detail.toPlainText() and WHY in page.detail.toPlainText()
            assert not page.agree.isEnabled() and not page.disagree.isEnabled()
            page.table.clearSelection()  # the selection colour would hide the row's own
            page.table.resize(900, 200)
            page.show()
            qtbot.waitExposed(page)
            assert _row_color(page.table, 0) == STRANDED

            # The manager hears of it at login: the 授权书 entry turns red and lists the case above the letters.
            manager = login(hall.desk.store, hall.desk.workstation_id, "M001", DEMO_PASSWORD)
            main = MainWindow(hall.desk, manager)
            qtbot.addWidget(main)
            panel = main.stranded
            qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
            entry = main.nav.item(main.pages.indexOf(main.authorizations_page))
            assert entry.data(Qt.ItemDataRole.ForegroundRole) == QColor("#c62828")
            assert "无人可办的办件 1 件" in main.statusBar().currentMessage()
            main.show()
            qtbot.waitExposed(main)
            # ... and a red banner across the first page shown, naming the case and why.
            banner = main.stranded_banner
            assert main.nav.currentRow() == 0 and banner.isVisible()
            assert "无人可办的办件 1 件" in banner.text.text() and WHY in banner.text.text()
            main.nav.setCurrentRow(main.pages.indexOf(main.authorizations_page))
            qtbot.waitUntil(lambda: panel.isVisible() and panel.model.rowCount() == 1, timeout=5000)
            assert "无人可办的办件 1 件" in panel.title.text()
            assert panel.model.rows[0].reason == WHY and panel.model.rows[0].step == "审核"
            panel.table.clearSelection()
            assert _row_color(panel.table, 0) == STRANDED
        finally:  # no background call may outlive the center
            QThreadPool.globalInstance().waitForDone(10000)
