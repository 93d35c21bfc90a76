"""The audit page names what each entry was about as people know it (a person by name and staff
number, an application by its case or notice numbers, a workstation by its name…), and who did it
without the command line's code; a guide's publisher reads the same way."""

import re
from dataclasses import replace
from datetime import datetime

from app import audit
from app.acceptance.model import Decision, Outcome
from app.acceptance.service import AcceptanceService
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from tests.helpers import ZHANG, prepared

UUID_PART = re.compile(r"[0-9a-f]{8}")  # an id or its first part


def test_the_audit_rows_name_their_subjects_and_people(demo_ctx):
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    acc = AcceptanceService(demo_ctx.store, demo_ctx.workstation_id, FixedClock(datetime(2026, 3, 2, 9, 30)))
    result = acc.decide(clerk, prepared(demo_ctx, acc, "spjyxk"), ZHANG, Decision(Outcome.ACCEPT))
    manager = login(demo_ctx.store, demo_ctx.workstation_id, "M001", DEMO_PASSWORD)
    rows = audit.list_recent(demo_ctx.store, manager)
    by_action = {}
    for r in rows:  # newest first: the latest entry of each action
        by_action.setdefault(r.action, r)
    assert by_action["auth.login"].subject == "王建国（M001）"
    assert by_action["application.accept"].subject == result.case_nos[0]
    assert by_action["workstation.created"].subject == demo_ctx.workstation_name
    assert by_action["matter.guide_versioned"].subject.endswith("）")  # 名称（编码）
    for r in rows:
        assert not UUID_PART.search(r.subject), (r.action, r.subject)
        assert "cli:" not in r.staff, r.staff  # the command line by the name it recorded: 命令行（…）


def test_a_guide_imported_from_the_command_line_reads_as_published_by_the_system(demo_ctx):
    from ui.catalog.guide_html import guide_html

    hit = demo_ctx.catalog.search("spjyxk")[0]
    guide = demo_ctx.catalog.guide(hit.id)
    assert guide.version.published_by == "系统导入"
    assert "由 系统导入 发布" in guide_html(guide) and "cli:" not in guide_html(guide)
    manager = login(demo_ctx.store, demo_ctx.workstation_id, "M001", DEMO_PASSWORD)
    edited = demo_ctx.catalog.save_guide(manager, replace(guide.guide, fees="免费"), "改收费")
    assert edited.version.published_by == "王建国（M001）"
