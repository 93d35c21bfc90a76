"""Who serves at a window, and tickets that wait for one window: a person posted at a window calls
its tickets whatever their role (checked at the center), the board's headline goes once its
service ended, and a booking with an agent waits for the agent's window only."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.appointments.client import AppointmentClient
from app.appointments.dto import SlotOpening
from app.appointments.service import AppointmentService
from app.auth import on_duty
from app.devices.scope import DeviceKind
from app.documents.ticket_pdf import render_ticket
from app.errors import PermissionDenied
from app.queue import order
from app.queue.dto import WindowWaiting
from app.queue.service import QueueService
from app.queue.tickets import CALLED, DONE, SERVING, WAITING, QueueError
from db.models import Ticket
from tests import pdf_reading
from tests.helpers import MONDAY_9, Ticking
from tests.sync_harness import People, device, workstation


@pytest.fixture
def queue(demo_ctx):
    return QueueService(demo_ctx.store, demo_ctx.workstation_id, clock=Ticking(MONDAY_9))


def test_a_chief_posted_at_a_window_calls_and_serves_its_tickets_there_only(queue, demo_ctx):
    a1, a2 = queue.issue("A"), queue.issue("A")
    with demo_ctx.store.sessions() as s:
        chief = on_duty(s, "S001", demo_ctx.workstation_id)
    assert chief.window_no == 6 and not chief.roles & {"clerk", "agent", "manager"}
    called = queue.call_next("S001", 6)  # window 6 serves category A
    assert (called.label, called.status, called.window_no) == (a1.label, CALLED, 6)
    assert queue.start("S001", called.id).status == SERVING
    assert queue.end("S001", called.id).status == DONE
    with pytest.raises(PermissionDenied, match="派驻在 6 号窗口，不能在 1 号窗口叫号"):
        queue.call_next("S001", 1)  # the post is the authority: another window is not his
    with pytest.raises(PermissionDenied, match="没有派驻窗口"):
        queue.call_next("R001", 6)  # a reviewer posted nowhere calls nowhere
    other = queue.call_next("C001", 1)  # A002, at a clerk's window
    assert other.label == a2.label
    with pytest.raises(PermissionDenied, match="不能在 1 号窗口叫号或办理"):
        queue.start("S001", other.id)
    with demo_ctx.store.sessions() as s:
        assert s.get(Ticket, other.id).status == CALLED  # nothing changed


def test_the_board_headline_goes_once_the_service_ended(queue):
    ticket = queue.issue("A", name="王小明")
    assert queue.board().headline is None
    called = queue.call_next("C001", 1)
    headline = queue.board().headline
    assert (headline.label, headline.window_no, headline.name) == (ticket.label, 1, "王**")
    queue.start("C001", called.id)
    assert queue.board().headline.label == ticket.label  # still at the window
    queue.end("C001", called.id)
    board = queue.board()
    assert board.headline is None and board.windows == []
    assert [c.label for c in board.recent] == [ticket.label]  # history keeps it

    second, third = queue.issue("A"), queue.issue("A")
    queue.call_next("C001", 1)
    queue.call_next("C002", 2)
    assert queue.board().headline.label == third.label
    queue.no_show("C002", third.id)  # the newest call passed over: the one still answered shows
    assert queue.board().headline.label == second.label


def _booked_with_agent(demo_ctx, queue, agent_no: str | None):
    """A booking of category A on Monday 09:00 (with the agent, if any): its check-in."""
    service = AppointmentService(demo_ctx.store, queue=queue)
    with demo_ctx.store.sessions() as s:
        manager, clerk = (on_duty(s, no, demo_ctx.workstation_id) for no in ("M001", "C001"))
    queue.clock.at = datetime(2026, 2, 27, 16, 0)
    (slot,) = service.open_slots(manager, SlotOpening("A", date(2026, 3, 2), 1, agent_no, 1, (("09:00", "09:30"),)))
    booked = service.book(clerk, slot.id, "张三", "13800138000")
    return lambda: service.check_in(clerk, booked.id).ticket


def test_a_booking_with_an_agent_waits_for_the_agents_window_only(queue, demo_ctx):
    check_in = _booked_with_agent(demo_ctx, queue, "A002")  # 郑华, posted at window 9
    queue.clock.at = datetime(2026, 3, 2, 8, 40)
    walk_in = queue.issue("A")
    ticket = check_in()
    assert (ticket.target_window, ticket.priority, ticket.category_code) == (9, order.APPOINTMENT, "A")
    assert ticket.ahead == 1  # the walk-in of a category window 9 serves was there first
    board = queue.board()
    assert board.for_windows == [WindowWaiting(window_no=9, waiting=1)]
    assert {w.code: w.waiting for w in board.waiting}["A"] == 1  # the walk-in only
    assert queue.window_state(9).waiting_here == 1 and queue.window_state(1).waiting_here == 0
    assert "请到 9 号窗口办理" in pdf_reading.text(render_ticket(ticket, "青山县政务服务中心"))

    queue.clock.at = datetime(2026, 3, 2, 9, 1)  # the slot has come: the booking goes first, at window 9
    first = queue.call_next("C001", 1)  # window 1 serves A but skips the ticket sent to window 9
    assert first.label == walk_in.label
    queue.no_show("C001", first.id)
    with pytest.raises(QueueError, match="暂无等候"):
        queue.call_next("C002", 2)
    at_nine = queue.call_next("A002", 9)
    assert at_nine.label == ticket.label and at_nine.window_no == 9

    # Transfer keeps working: sent on to category B, it waits for B's windows again.
    moved = queue.transfer("A002", ticket.id, category_code="B")
    assert moved.status == WAITING and moved.target_window is None
    assert queue.call_next("C002", 2).label == ticket.label  # window 2 serves A and B


def test_a_booking_without_an_agent_waits_in_its_category(queue, demo_ctx):
    check_in = _booked_with_agent(demo_ctx, queue, None)
    queue.clock.at = datetime(2026, 3, 2, 8, 45)
    ticket = check_in()
    assert ticket.target_window is None
    queue.clock.at = datetime(2026, 3, 2, 9, 1)
    assert queue.call_next("C001", 1).label == ticket.label


def test_a_ticket_cannot_be_sent_to_a_window_that_is_not_open(queue, demo_ctx):
    with pytest.raises(QueueError, match="10 号窗口当前未开放"):
        queue.issue("E", order.APPOINTMENT, target_window=10)  # a standby window not opened
    with demo_ctx.store.sessions() as s:
        assert s.scalar(select(Ticket.id)) is None


def test_over_http_a_chief_calls_at_his_window_and_a_kiosk_check_in_names_the_window(center, tmp_path):
    from app.queue.client import QueueClient

    queue = center.app.state.queue
    queue.clock = Ticking(datetime(2026, 2, 27, 16, 0))
    ws, _sync = workstation(center, tmp_path, "ws")
    client = People(ws, QueueClient)
    appointments = People(ws, AppointmentClient)
    (slot,) = appointments["M001"].open_slots(
        SlotOpening("A", date(2026, 3, 2), 1, agent_no="A001", times=(("09:00", "09:30"),))
    )
    booked = appointments["C001"].book(slot.id, "张三", "13800138000")
    queue.clock.at = datetime(2026, 3, 2, 8, 45)
    kiosk = device(center, tmp_path, DeviceKind.KIOSK)
    done = AppointmentClient.for_device(kiosk).kiosk_check_in(booked.booking_no)
    assert done.ticket.target_window == 9
    QueueClient.for_device(kiosk).issue("A")
    assert client["S001"].call_next(6).window_no == 6
    with pytest.raises(QueueError, match="无权操作：陈静派驻在 6 号窗口"):
        client["S001"].call_next(2)
