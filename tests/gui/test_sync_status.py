"""The client's own sync: two workstations keep working while the center is down, and their
outboxes empty by themselves within 10 s of its return."""

import time
from datetime import datetime

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from app.acceptance.model import Outcome
from app.sync.dto import OutboxStatus
from db.models import Case
from tests.helpers import accept
from tests.sync_harness import Center, workstation
from ui import sync_status
from ui.sync_status import SyncStatus


def test_outboxes_empty_by_themselves_after_the_center_returns(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(sync_status, "OFFLINE_INTERVAL_MS", 500)
    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    syncs: list[SyncStatus] = []
    try:
        stations = [workstation(center, tmp_path, name) for name in ("ws1", "ws2")]
        center.stop()
        labels = []
        for ctx, engine in stations:
            accept(ctx, "gtgsh", Outcome.ON_THE_SPOT)
            label = QLabel()
            labels.append(label)
            syncs.append(SyncStatus(engine, label))
        qtbot.waitUntil(lambda: all("离线" in label.text() for label in labels), timeout=15000)
        assert all("待上传 0" not in label.text() for label in labels)
        back = time.monotonic()
        center.start()
        qtbot.waitUntil(lambda: all(engine.status().pending == 0 for _ctx, engine in stations), timeout=10000)
        assert time.monotonic() - back < 10
        qtbot.waitUntil(lambda: all("在线" in label.text() for label in labels), timeout=5000)
        with center.store.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Case)) == 2
    finally:
        for sync in syncs:
            sync.timer.stop()
        QThreadPool.globalInstance().waitForDone(10000)
        center.stop()


def test_last_sync_is_shown_in_local_time(qtbot, monkeypatch):
    from types import SimpleNamespace

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        label = QLabel()
        engine = SimpleNamespace(enrolled=lambda: False)
        status = SyncStatus(engine, label)
        status.show(outbox(2, "x", datetime(2026, 11, 22, 6, 0)), None)
        assert "上次同步 14:00" in label.text() and "待上传 2" in label.text() and "在线" in label.text()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_an_untrusted_center_certificate_is_named_in_the_status_bar(qtbot):
    from types import SimpleNamespace

    from app.center_tls import reading
    from app.sync.engine import SyncReport

    label = QLabel()
    status = SyncStatus(SimpleNamespace(enrolled=lambda: False), label)
    why = reading(20, "https://center:8765")  # X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    status.show(
        outbox(3, "https://center:8765"),
        SyncReport(ok=False, error=why, untrusted=True),
    )
    assert "连接：中心证书不受信任" in label.text() and "待上传 3" in label.text()
    assert why in label.toolTip() and "HALL_CA_BUNDLE" in label.toolTip()


def test_an_outdated_program_is_told_apart_from_other_refusals(qtbot, center, tmp_path):
    """The center's 426 makes the report say the program is outdated; a refusal of another kind
    (a revoked machine) leaves the workstation merely offline."""
    from types import SimpleNamespace

    ctx, engine = workstation(center, tmp_path, "ws")
    label = QLabel()
    status = SyncStatus(SimpleNamespace(enrolled=lambda: False), label)
    versions = engine._versions()
    engine._versions = lambda: {**versions, "schema": "0001"}  # as a workstation not yet upgraded
    outdated = engine.sync(retries=0)
    assert not outdated.ok and outdated.outdated and "请升级工作站程序" in outdated.error
    status.show(engine.status(), outdated)
    assert "连接：需升级程序" in label.text()

    engine._versions = lambda: versions
    center.app.state.service.revoke(ctx.workstation_id)
    revoked = engine.sync(retries=0)
    assert not revoked.ok and not revoked.outdated and "吊销" in revoked.error
    status.show(engine.status(), revoked)
    assert "连接：离线" in label.text()


def outbox(pending: int, center: str, last_sync_at: datetime | None = None) -> OutboxStatus:
    """A workstation's sync state as SyncEngine.status gives it, for the status bar to show."""
    return OutboxStatus(True, center, "ws", pending, 0, [], last_sync_at, "", 0)
