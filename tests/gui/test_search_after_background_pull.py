"""The running client: a matter the center adds while the clerk works is found by the clerk's next
search once the background sync has pulled it, without a restart."""

from dataclasses import replace

from PySide6.QtCore import QThreadPool

from app.auth import login
from app.catalog.service import CatalogService
from app.demo import DEMO_PASSWORD
from tests.sync_harness import sqlite_center, workstation
from ui.main_window import MainWindow


def test_the_clerks_next_search_finds_a_matter_pulled_in_the_background(qtbot, tmp_path):
    with sqlite_center(tmp_path) as center:
        try:
            ctx, _engine = workstation(center, tmp_path, "ws")
            window = MainWindow(ctx, login(ctx.store, ctx.workstation_id, "C001", DEMO_PASSWORD))
            qtbot.addWidget(window)
            qtbot.waitUntil(lambda: not window.sync.running, timeout=15000)  # the round it starts with
            search = window.catalog_view.search
            qtbot.keyClicks(search, "ystdba")
            assert window.catalog.model.rows == []

            catalog = CatalogService(center.store)
            manager = login(center.store, "center", "M001", DEMO_PASSWORD)
            guide = catalog.guide(catalog.search("gtgsh")[0].id).guide
            catalog.save_guide(manager, replace(guide, code="SCJG-901", name="夜市摊点备案"), "新增事项", new=True)
            with qtbot.waitSignal(window.sync.synced, timeout=15000):
                window.sync.run()

            search.clear()
            qtbot.keyClicks(search, "ystdba")
            assert [row.name for row in window.catalog.model.rows] == ["夜市摊点备案"]
            window.sync.timer.stop()
            window.close()
        finally:
            QThreadPool.globalInstance().waitForDone(10000)
