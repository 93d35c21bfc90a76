"""A clerk who logged in while the center was away (the store opened their key) gets their session
at the center by itself as soon as the center is back: nothing to do, nothing to retype."""

from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from app.auth import login
from app.demo import DEMO_PASSWORD
from db.models import AuditEntry
from tests.sync_harness import Center, workstation
from ui.main_window import MainWindow


def test_a_login_during_an_outage_opens_its_session_when_the_center_is_back(qtbot, tmp_path):
    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    try:
        ws, _sync = workstation(center, tmp_path, "ws")
        center.stop()
        clerk = login(ws.store, ws.workstation_id, "C001", DEMO_PASSWORD)  # offline: the local key opens
        window = MainWindow(ws, clerk)
        qtbot.addWidget(window)
        window.sync.request()
        qtbot.waitUntil(lambda: "离线" in window.connection_label.text(), timeout=10000)
        assert not window.session.opened
        center.start()
        window.sync.request()
        qtbot.waitUntil(lambda: window.session.opened, timeout=15000)
        with center.store.sessions() as s:
            opened = s.scalars(select(AuditEntry.staff_no).where(AuditEntry.action == "auth.session_opened")).all()
        assert opened == ["C001"]
        window.close()
        QThreadPool.globalInstance().waitForDone(5000)
    finally:
        center.stop()
        center.store.engine.dispose()


def test_logout_ends_the_session_for_good_and_the_center_names_who_left(qtbot, center, tmp_path):
    """注销 (the status bar's button, as Ctrl+L): the session ends at the center, the audit row
    names the person, and no later sync round opens a session with the key left in memory."""
    ws, _sync = workstation(center, tmp_path, "ws")
    clerk = login(ws.store, ws.workstation_id, "C001", DEMO_PASSWORD)
    window = MainWindow(ws, clerk)
    qtbot.addWidget(window)
    window.logout_requested.connect(window.close)  # as the client's login loop does
    qtbot.waitUntil(lambda: window.session.opened, timeout=15000)
    window.logout_button.click()
    assert not window.session.opened
    report = ws.sync_engine().sync(retries=0)  # a round after logout, as a late timer would run
    window._open_session(report)
    QThreadPool.globalInstance().waitForDone(5000)
    assert not window.session.opened
    assert not window.sync.timer.isActive()
    with center.store.sessions() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.staff_no).where(AuditEntry.action.like("auth.session_%"))
        ).all()
    assert sorted(rows) == [("auth.session_closed", "C001"), ("auth.session_opened", "C001")]
