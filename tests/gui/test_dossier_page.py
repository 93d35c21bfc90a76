"""The dossier page against a center on loopback: a case accepted at the window and decided on
site is found by its number, its dossier fetched and checked, and its month exported as one zip
for the archive; a cancelled export leaves no file behind."""

import threading
import zipfile

from PySide6.QtCore import QDate, Qt, QThreadPool
from PySide6.QtWidgets import QPushButton

from app.approval.client import ApprovalClient
from app.auth import login
from app.demo import DEMO_PASSWORD
from app.dossier.client import DossierClient
from tests.sync_harness import acting_for, as_person, center_with_a_case
from ui.dossier.page import DossierPage


def test_manager_finds_views_and_exports_dossiers(qtbot, tmp_path, monkeypatch):
    with center_with_a_case(tmp_path) as hall:
        try:
            for staff_no, opinion in (("R001", "材料齐全"), ("S001", "准予许可")):
                approvals = as_person(hall.desk, ApprovalClient, staff_no)
                case_id = approvals.inbox()[0].case_id
                approvals.review(case_id, True, opinion, "准予食品经营许可")

            manager = login(hall.desk.store, hall.desk.workstation_id, "M001", DEMO_PASSWORD)
            client = acting_for(hall.desk, DossierClient, manager)
            page = DossierPage(client, manager)
            qtbot.addWidget(page)
            page.preview_enabled = False
            controller = page.controller

            # Find by number (typed in lower case, Enter) → the one row, selected.
            qtbot.keyClicks(page.case_no, hall.case_no.lower())
            qtbot.keyClick(page.case_no, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
            found = page.model.rows[0]
            assert found.case_no == hall.case_no and found.decision == "准予"
            assert page.model.cells(found)[1] == found.matter and "食品经营许可" in found.matter

            # Enter on the table views the dossier; its check against the guide shows on the page.
            with qtbot.waitSignal(controller.dossier_shown, timeout=30000) as shown:
                qtbot.keyClick(page.table, Qt.Key.Key_Return)
            dossier = shown.args[0]
            assert controller.dossier is dossier and dossier.case_no == hall.case_no
            assert dossier.file_name == f"卷宗_{hall.case_no}.pdf" and dossier.pdf.startswith(b"%PDF")
            assert dossier.problems == ()
            assert "材料清单与公布的办事指南一致" in page.check.text() and "不一致" not in page.check.text()

            # The month listed, then exported through the replaced path hook, with progress by signal.
            page.first.setDate(QDate(2026, 3, 1))
            page.last.setDate(QDate(2026, 3, 31))
            page.list_button.click()
            qtbot.waitUntil(lambda: "受理 1 件" in page.summary.text(), timeout=5000)
            target = tmp_path / "卷宗.zip"
            page.choose_zip_path = lambda _suggested: target
            steps = []
            controller.export_progress.connect(lambda done, total: steps.append((done, total)))
            with qtbot.waitSignal(controller.exported, timeout=30000) as exported:
                page.export_button.click()
            assert exported.args == [1, 0] and steps == [(1, 1)]
            assert page.message.text() == "已导出 1 件卷宗，其中 0 件材料清单与办事指南不一致"
            assert controller.progress is None and page.export_button.isEnabled()
            with zipfile.ZipFile(target) as archive:
                names = set(archive.namelist())
                assert names == {f"卷宗_{hall.case_no}.pdf", "目录.csv", "核对结果.txt"}
                assert hall.case_no in archive.read("目录.csv").decode("utf-8-sig")

            # 取消 while the first dossier is still being drawn: the worker stops at that case and
            # nothing is left under the chosen name. The gate holds the fetch until 取消 is pressed.
            gate, real = threading.Event(), client.case_file
            monkeypatch.setattr(client, "case_file", lambda *args: (gate.wait(10), real(*args))[1])
            cancelled_target = tmp_path / "取消.zip"
            page.choose_zip_path = lambda _suggested: cancelled_target
            page.export_button.click()
            assert controller.progress is not None and not page.export_button.isEnabled()
            controller.progress.findChild(QPushButton).click()
            gate.set()
            qtbot.waitUntil(lambda: "已取消导出" in page.message.text(), timeout=30000)
            assert not cancelled_target.exists() and not list(tmp_path.glob("取消.zip*"))
            assert controller.progress is None and page.export_button.isEnabled()
        finally:
            QThreadPool.globalInstance().waitForDone(10000)


def test_the_page_shown_lists_its_period_before_anything_is_asked(qtbot, tmp_path):
    """Opened, the page lists the cases of its period at once: empty until 列出 looked broken."""
    with center_with_a_case(tmp_path) as hall:
        try:
            manager = login(hall.desk.store, hall.desk.workstation_id, "M001", DEMO_PASSWORD)
            page = DossierPage(acting_for(hall.desk, DossierClient, manager), manager)
            qtbot.addWidget(page)
            page.first.setDate(QDate(2026, 3, 1))
            page.last.setDate(QDate(2026, 3, 31))
            page.refresh()  # what the main window calls when the page is shown
            qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
            assert page.model.rows[0].case_no == hall.case_no and "受理 1 件" in page.summary.text()
        finally:
            QThreadPool.globalInstance().waitForDone(5000)
