"""The audit page shows who, what and about what in words: no ids, no JSON, no command-line code."""

import re

from PySide6.QtCore import Qt

from app.auth import login
from app.demo import DEMO_PASSWORD
from ui.audit.page import AuditPage


def test_the_audit_page_reads_without_ids_or_json(qtbot, demo_ctx):
    login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    manager = login(demo_ctx.store, demo_ctx.workstation_id, "M001", DEMO_PASSWORD)
    page = AuditPage(demo_ctx, manager)
    qtbot.addWidget(page)
    page.refresh()
    model = page.model
    assert model.rowCount() > 10
    column = {name: i for i, name in enumerate(model.headers)}
    cells = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert cells[0][column["对象"]] == "人员 王建国（M001）"  # the manager's own login, newest first
    for row in cells:
        assert not re.search(r"[0-9a-f]{8}", row[column["对象"]]), row
        assert "{" not in row[column["详情"]] and '"' not in row[column["详情"]], row
        assert "cli:" not in row[column["人员"]], row
    detail = model.index(0, column["详情"])
    assert model.data(detail, Qt.ItemDataRole.ToolTipRole) == model.data(detail)  # whole in the tooltip
