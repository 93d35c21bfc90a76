"""The acceptance page's behaviour the first day at the window showed wrong: the status line says
the outcome once and belongs to one application; keys on a reopened slip reach the listed
materials; a decision and the follow-up refresh run off the UI thread, results back by signal."""

import threading
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.acceptance.model import ItemStatus, Outcome
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from db.models import Application, Commitment
from tests.gui.keyboard import check_all, fill_person, pick, press
from tests.helpers import accepted_with_a_commitment
from ui.acceptance.followup_page import FollowUpPage


def _count(ctx, model) -> int:
    with ctx.store.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def _accept(qtbot, w, query="spjyxk"):
    pick(qtbot, w, query)
    fill_person(qtbot, w)
    check_all(qtbot, w)
    with qtbot.waitSignal(w.acceptance.decided, timeout=20000) as blocker:
        press(qtbot, w, Qt.Key.Key_F6)
    return blocker.args[0]


# -- the status line (item 7) --------------------------------------------------------------------


def test_the_status_line_says_the_outcome_once_and_goes_with_its_application(qtbot, page):
    result = _accept(qtbot, page)
    status = page.acceptance_view.status
    notice = result.notices[0]
    assert status.text() == f"已受理，办件编号 {result.case_nos[0]}。{notice.kind} {notice.notice_no}"
    pick(qtbot, page, "gtgsh")  # the next applicant's application starts
    assert status.text() == ""
    page.acceptance._say("上一件的提示")
    qtbot.keyClick(page.acceptance_view.find_box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N
    assert status.text() == ""


def test_keys_on_a_reopened_slip_reach_the_listed_materials_or_say_why_not(qtbot, page):
    pick(qtbot, page, "spjyxk")
    fill_person(qtbot, page)
    items = page.acceptance.checklist.items
    rows = [r for r, i in enumerate(items) if i.required]
    check_all(qtbot, page, {rows[1]: Qt.Key.Key_2, rows[3]: Qt.Key.Key_2})
    with qtbot.waitSignal(page.acceptance.decided, timeout=20000) as blocker:
        press(qtbot, page, Qt.Key.Key_F9)
    view, model = page.acceptance_view, page.acceptance.checklist
    qtbot.keyClicks(view.slip_no, blocker.args[0].notices[0].notice_no)
    qtbot.keyClick(view.slip_no, Qt.Key.Key_Return)
    assert view.checklist.currentIndex().row() == rows[1]  # on the first listed material

    view.checklist.selectRow(rows[0])  # a material checked last time: locked
    locked = model.items[rows[0]]
    qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    assert "上次已核验" in view.status.text() and "只核验所列 2 项" in view.status.text()
    assert view.checklist.currentIndex().row() == rows[1]  # moved on to a listed one
    assert locked.status == ItemStatus.RECEIVED  # untouched

    qtbot.keyClick(view.checklist, Qt.Key.Key_0)  # a required material cannot be "not applicable"
    assert "必需材料，不能标为不适用" in view.status.text()
    assert model.items[rows[1]].status == ItemStatus.UNCHECKED and view.checklist.currentIndex().row() == rows[1]

    qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    assert model.items[rows[1]].status == ItemStatus.RECEIVED
    assert view.checklist.currentIndex().row() == rows[3]  # the locked rows between are skipped
    qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    assert model.items[rows[3]].status == ItemStatus.RECEIVED
    with qtbot.waitSignal(page.acceptance.decided, timeout=20000) as blocker:
        press(qtbot, page, Qt.Key.Key_F6)
    assert blocker.args[0].status == "已受理"


# -- work off the UI thread (item 14) -------------------------------------------------------------


def test_a_decision_runs_in_a_worker_with_the_form_disabled_and_comes_back_by_signal(qtbot, page, monkeypatch):
    service = page.acceptance.service
    real, threads, release = service.decide, [], threading.Event()

    def decide(*args, **kwargs):
        threads.append(threading.get_ident())
        assert release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "decide", decide)
    pick(qtbot, page, "spjyxk")
    fill_person(qtbot, page)
    check_all(qtbot, page)
    press(qtbot, page, Qt.Key.Key_F6)
    view = page.acceptance_view
    assert not view.isEnabled() and "正在办理" in view.status.text()
    press(qtbot, page, Qt.Key.Key_F6)  # pressed again meanwhile: nothing more starts
    with qtbot.waitSignal(page.acceptance.decided, timeout=20000) as blocker:
        release.set()
    assert threads and threads[0] != threading.main_thread().ident  # the service ran in a worker
    assert len(threads) == 1 and blocker.args[0].status == "已受理"
    assert view.isEnabled() and view.status.text().startswith("已受理")
    assert page.acceptance.prepared is None and view.find_box.hasFocus()  # ready for the next applicant


def test_a_decision_that_fails_loses_nothing_and_says_so_in_plain_words(qtbot, page, monkeypatch):
    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(page.acceptance.service, "decide", broken)
    pick(qtbot, page, "spjyxk")
    fill_person(qtbot, page)
    check_all(qtbot, page)
    before = page.acceptance.prepared
    with qtbot.assertNotEmitted(page.acceptance.decided), qtbot.waitSignal(page.acceptance.refused) as blocker:
        press(qtbot, page, Qt.Key.Key_F6)
    said = blocker.args[0]
    assert "未保存任何内容" in said and "OSError" not in said and "disk" not in said
    view = page.acceptance_view
    assert view.isEnabled() and view.status.text() == said
    assert page.acceptance.prepared is before and all(i.status != ItemStatus.UNCHECKED for i in before.items)
    assert view.applicant.person.doc_no.text() == "11010519491231002X"
    assert _count(page.ctx, Application) == 0


@pytest.fixture
def followup(qtbot, demo_ctx):
    """The follow-up page with a deferred application past 5 working days and a 容缺 commitment."""
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    accepted_with_a_commitment(demo_ctx, clerk, outcomes=[Outcome.DEFER])
    demo_ctx.acceptance.clock = FixedClock(datetime(2026, 2, 26, 8, 30))  # the deferred one is accepted by law now
    follow = FollowUpPage(demo_ctx.acceptance, clerk)
    qtbot.addWidget(follow)
    return follow


def test_the_follow_up_refresh_runs_in_a_worker_and_comes_back_by_signal(qtbot, followup, monkeypatch):
    service, threads = followup.controller.service, []
    for name in ("sweep_deferred", "unprinted"):  # the store write with its PDF, and the PDFs read
        real = getattr(service, name)
        monkeypatch.setattr(service, name, lambda *a, _real=real: (threads.append(threading.get_ident()), _real(*a))[1])
    with qtbot.waitSignal(followup.controller.refreshed, timeout=20000):
        followup.refresh()
    assert len(threads) == 2 and threading.main_thread().ident not in threads
    assert "已依法自收到材料之日起受理" in followup.notice.text()
    assert followup.pending.rows == [] and len(followup.commitments.rows) == 1
    assert [n.kind for n in followup.unprinted.rows] == ["容缺受理通知书", "受理通知书"]  # never printed
    assert "1 项容缺材料即将到期" in followup.urgent_summary()


def test_marking_a_material_supplied_is_written_in_a_worker(qtbot, followup, monkeypatch, demo_ctx):
    with qtbot.waitSignal(followup.controller.refreshed, timeout=20000):
        followup.refresh()
    service, threads = followup.controller.service, []
    real = service.mark_supplied
    monkeypatch.setattr(service, "mark_supplied", lambda *a: (threads.append(threading.get_ident()), real(*a))[1])
    followup.commitment_view.selectRow(0)
    with qtbot.waitSignal(followup.controller.refreshed, timeout=20000):
        followup.supplied_button.click()
    assert threads and threads[0] != threading.main_thread().ident
    assert followup.commitments.rows == []
    with demo_ctx.store.sessions() as s:
        assert s.scalar(select(Commitment.supplied_on)) == date(2026, 2, 26)


# -- 容缺: the supply day the dialog offers ends at the statutory limit (issue 12 walkthrough) ----


def test_the_tolerance_dialog_offers_supply_days_up_to_the_statutory_limit(qtbot, page):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDateEdit

    pick(qtbot, page, "spjyxk")
    fill_person(qtbot, page)
    items = page.acceptance.checklist.items
    eligible = next(r for r, i in enumerate(items) if i.required and i.tolerance_eligible)
    check_all(qtbot, page, {eligible: Qt.Key.Key_2})
    last = page.acceptance.service.latest_supply_day(page.acceptance.prepared)
    seen = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        edit = dialog.findChild(QDateEdit)
        seen["range"] = (edit.minimumDate().toPython(), edit.maximumDate().toPython())
        seen["suggested"] = edit.date().toPython()
        dialog.reject()

    QTimer.singleShot(0, look)
    press(qtbot, page, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: "range" in seen)
    assert seen["range"] == (date.today() + timedelta(days=1), last)
    assert seen["suggested"] <= last
    assert _count(page.ctx, Application) == 0  # cancelled: nothing decided
