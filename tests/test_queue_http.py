"""The queue over HTTP, as the clients, kiosk, board and pads reach it."""

import pytest
from sqlalchemy import func, select

from app.auth import login
from app.center_client import CenterUnreachable
from app.demo import DEMO_PASSWORD
from app.devices.scope import DeviceKind
from app.queue.client import QueueClient
from app.queue.stats_excel import write_stats
from app.queue.tickets import QueueError
from app.queue.walk_in import WalkInService
from app.trust.client import PersonSession
from db.models import SyncState, WalkIn
from tests.sync_harness import People, device, workstation


def test_a_ticket_from_the_kiosk_is_called_served_and_rated_over_http(center, tmp_path):
    ws, _sync = workstation(center, tmp_path, "ws")
    queue = People(ws, QueueClient)
    kiosk = QueueClient.for_device(device(center, tmp_path, DeviceKind.KIOSK))
    board = QueueClient.for_device(device(center, tmp_path, DeviceKind.BOARD))
    pad = QueueClient.for_device(device(center, tmp_path, DeviceKind.RATING_PAD, 1))
    assert [c.code for c in kiosk.categories()] == ["A", "B", "C", "D", "E"]
    ticket = kiosk.issue("A", name="李小龙")
    called = queue["C001"].call_next(1)
    assert called.id == ticket.id and called.status == "已呼叫"
    shown = board.board()
    assert shown.windows[0].label == ticket.label and shown.windows[0].name == "李**"
    with pytest.raises(QueueError, match="没有正在办理"):
        pad.rate(1, 5)
    queue["C001"].act("start", ticket.id)
    assert pad.window_state(1).rateable.label == ticket.label
    with pytest.raises(QueueError, match="请说明原因"):
        pad.rate(1, 2)
    assert pad.rate(1, 2, "材料要求没讲清楚").rectification_due
    queue["C001"].act("end", ticket.id)
    stats = queue["M001"].stats()
    assert stats.total.issued == 1 and stats.total.served == 1
    assert stats.ratings.count == 1 and stats.ratings.active_rate == 1.0
    write_stats(stats, tmp_path / "day.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "day.xlsx")
    assert book.sheetnames == ["汇总", "按类别", "按窗口", "按时段", "潮汐窗口"]
    assert book["按类别"]["A2"].value == "A" and book["按类别"]["C2"].value == 1
    (item,) = queue["M001"].rectifications()
    assert item.reason == "材料要求没讲清楚"


def test_refusals_carry_the_reason_and_a_forged_credential_is_refused(center, tmp_path):
    ws, _sync = workstation(center, tmp_path, "ws")
    queue = People(ws, QueueClient)
    with pytest.raises(QueueError, match="暂无等候"):
        queue["C001"].call_next(1)
    with pytest.raises(QueueError, match="less than or equal to 5"):
        QueueClient.for_device(device(center, tmp_path, DeviceKind.RATING_PAD, 1)).rate(1, 9)
    with ws.store.sessions.begin() as s:
        s.get(SyncState, 1).credential = "forged"
    with pytest.raises(QueueError, match="凭证无效"):
        QueueClient(ws.store, ws.workstation_id).categories()


def test_offline_the_window_records_a_walk_in_that_is_pushed_later(center, tmp_path):
    ws, sync = workstation(center, tmp_path, "ws")
    center.stop()
    clerk = login(ws.store, ws.workstation_id, "C001", DEMO_PASSWORD)  # at the workstation, center away
    queue = QueueClient(ws.store, ws.workstation_id, timeout=1, session=PersonSession(clerk))
    with pytest.raises(CenterUnreachable, match="无法连接中心"):
        queue.call_next(1)
    walk_ins = WalkInService(ws.store, ws.workstation_id)
    walk_in = walk_ins.start(clerk, note="中心断线期间接待")
    walk_ins.end(clerk, walk_in)
    center.start()
    assert sync.sync(retries=0).ok
    with center.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(WalkIn).where(WalkIn.ended_at.is_not(None))) == 1
    assert queue.stats().walk_ins == 1  # the session is opened by itself now the center is back
