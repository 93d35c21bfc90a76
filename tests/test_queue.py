"""The hall's queue at the center: tickets, calling order, transfers, the board, ratings."""

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import DomainError
from app.queue import order
from app.queue.dto import BoardWindow
from app.queue.service import QueueService
from app.queue.tickets import CALLED, WAITING, QueueError
from db.models import Case, QueueCategory, Rectification, Ticket
from tests.helpers import MONDAY_9, ZHANG, Ticking, prepared

ZHANG_ID = "11010519491231002X"


@pytest.fixture
def queue(demo_ctx):
    return QueueService(demo_ctx.store, demo_ctx.workstation_id, clock=Ticking(MONDAY_9))


def served_in_turn(queue, n: int) -> list[str]:
    """The labels of the next n tickets window 1 calls, each served to the end before the next."""
    called = []
    for _ in range(n):
        ticket = queue.call_next("C001", 1)
        called.append(ticket.label)
        queue.start("C001", ticket.id)
        queue.end("C001", ticket.id)
    return called


def test_tickets_are_numbered_per_category_and_one_waiting_ticket_per_person(queue):
    first = queue.issue("A", id_number=ZHANG_ID)
    second = queue.issue("A")
    other = queue.issue("C")
    assert (first.label, second.label, other.label) == ("A001", "A002", "C001")
    assert second.ahead == 1 and first.ahead == 0 and second.est_wait_min > 0
    with pytest.raises(QueueError, match="已有企业开办的等候号"):
        queue.issue("A", id_number=ZHANG_ID.lower())
    assert queue.issue("C", id_number=ZHANG_ID).label == "C002"  # another category is allowed
    with pytest.raises(QueueError, match="校验"):
        queue.issue("A", id_number="110105194912310021")
    with pytest.raises(DomainError, match="没有“Z”"):
        queue.issue("Z")


def test_calling_order_green_channel_priority_then_first_come(queue):
    plain = queue.issue("A")
    elderly = queue.issue("A", priority="老年人")
    green = queue.issue("A", priority="绿色通道")
    assert (elderly.ahead, green.ahead) == (0, 0)  # both go before the ordinary ticket
    assert queue.issue("A").ahead == 3  # a later ordinary ticket waits behind all three
    assert served_in_turn(queue, 3) == [green.label, elderly.label, plain.label]


def test_after_n_priority_calls_one_ordinary_ticket_is_called(queue):
    ordinary = queue.issue("A")
    priority = [queue.issue("A", priority="残疾人") for _ in range(5)]
    # Three priority calls (the hall's setting), then the waiting ordinary ticket, then priority again.
    assert served_in_turn(queue, 5) == [
        priority[0].label,
        priority[1].label,
        priority[2].label,
        ordinary.label,
        priority[3].label,
    ]


def test_an_appointment_is_called_in_its_slot():
    now = datetime(2026, 3, 2, 10, 0)
    walk_in = order.Waiting("w", "A", "", now - timedelta(minutes=30))
    early = order.Waiting("a", "A", order.APPOINTMENT, now - timedelta(minutes=5), now + timedelta(minutes=20))
    due = order.Waiting("b", "A", order.APPOINTMENT, now - timedelta(minutes=1), now - timedelta(minutes=2))
    assert order.choose_next([walk_in, early, due], 1, {"A"}, 0, 3, now).id == "b"
    assert order.choose_next([walk_in, early], 1, {"A"}, 0, 3, now).id == "w"  # before its slot: first come
    assert order.choose_next([early], 2, {"B"}, 0, 3, now) is None  # not this window's category


def test_transfer_keeps_place_and_priority(queue):
    a1 = queue.issue("A")
    b1 = queue.issue("B")
    b2 = queue.issue("B")
    assert queue.call_next("C001", 1).label == a1.label
    moved = queue.transfer("C001", a1.id, category_code="B")
    assert moved.status == WAITING and moved.ahead == 0  # issued before B001: ahead of it
    assert queue.call_next("C002", 2).label == a1.label  # window 2 serves A and B
    queue.transfer("C002", a1.id, window_no=4)
    assert queue.call_next("C004", 4).label == a1.label  # window 4 serves C/D/E, but A001 was sent to it
    assert queue.call_next("C002", 2).label == b1.label
    queue.no_show("C002", b1.id)
    assert queue.call_next("C002", 2).label == b2.label


def test_bad_input_is_refused_and_nothing_changes(queue, demo_ctx):
    with pytest.raises(QueueError, match="暂无等候"):
        queue.call_next("C001", 1)
    ticket = queue.issue("A")
    queue.call_next("C001", 1)
    with demo_ctx.store.sessions.begin() as s:
        s.add(QueueCategory(code="F", name="无窗口类别"))
    with pytest.raises(QueueError, match="F类当前没有窗口办理"):
        queue.transfer("C001", ticket.id, category_code="F")
    with pytest.raises(QueueError, match="未开放"):
        queue.transfer("C001", ticket.id, window_no=10)  # a standby window that is not open
    with pytest.raises(DomainError, match="不是中心登记的在岗工作人员"):
        queue.call_next("X999", 1)
    with pytest.raises(QueueError, match="本窗口不能操作"):
        queue.no_show("C002", ticket.id)  # another window's ticket
    with demo_ctx.store.sessions() as s:
        t = s.get(Ticket, ticket.id)
        assert (t.status, t.category_code, t.window_no) == (CALLED, "A", 1)
    for _ in range(3):
        queue.recall("C001", ticket.id)
    with pytest.raises(QueueError, match="已重呼 3 次"):
        queue.recall("C001", ticket.id)
    queue.no_show("C001", ticket.id)
    with pytest.raises(QueueError, match="没有正在办理"):
        queue.rate(1, 5)


def test_park_and_resume(queue):
    first = queue.issue("A")
    second = queue.issue("A")
    queue.call_next("C001", 1)
    queue.start("C001", first.id)
    queue.park("C001", first.id, reason="申请人去复印材料")
    assert queue.call_next("C001", 1).label == second.label
    with pytest.raises(QueueError, match="正在处理"):
        queue.resume("C001", 1, first.id)
    queue.no_show("C001", second.id)
    resumed = queue.resume("C001", 1, first.id)
    assert resumed.status == "办理中"


def test_the_board_masks_names_and_announces_new_calls(queue):
    ticket = queue.issue("A", name="张三丰")
    before = queue.board().seq
    queue.call_next("C001", 1)
    board = queue.board(after_seq=before)
    assert board.windows == [BoardWindow(window_no=1, label=ticket.label, name="张**", status=CALLED)]
    assert [(c.label, c.window_no, c.name) for c in board.announce] == [(ticket.label, 1, "张**")]
    assert "张三丰" not in str(board)
    assert {w.code: w.waiting for w in board.waiting}["A"] == 0


def test_the_first_call_of_the_day_is_announced_to_a_board_that_has_seen_no_event(queue):
    assert queue.board().seq == 0  # the board came up before anyone took a ticket
    ticket = queue.issue("A", name="张三丰")
    queue.call_next("C001", 1)
    assert [c.label for c in queue.board(after_seq=0).announce] == [ticket.label]


def test_rating_binds_the_ticket_and_its_cases_and_a_bad_one_opens_a_rectification(queue, demo_ctx):
    ticket = queue.issue("A")
    queue.call_next("C001", 1)
    queue.start("C001", ticket.id)
    with pytest.raises(QueueError, match="请说明原因"):
        queue.rate(1, 2)
    result = queue.rate(1, 1, reason="等候时间过长")
    assert result.label == ticket.label
    # 2026-03-02 is a Monday: 15 working days later is Monday 2026-03-23.
    assert result.rectification_due == "2026-03-23"
    with pytest.raises(QueueError, match="没有正在办理"):
        queue.rate(1, 5)  # rated once only
    (item,) = queue.rectifications()
    assert item.label == ticket.label and item.status == "待整改" and item.reason == "等候时间过长"
    with demo_ctx.store.sessions() as s:
        assert s.scalar(select(Rectification.due_on)).isoformat() == "2026-03-23"


def test_rating_lists_the_cases_accepted_during_the_service(queue, demo_ctx):
    from app.acceptance.model import Decision, Outcome
    from app.auth import login
    from app.demo import DEMO_PASSWORD

    ticket = queue.issue("A")
    queue.call_next("C001", 1)
    queue.start("C001", ticket.id)
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    acc = demo_ctx.acceptance
    acc.clock = FixedClock(MONDAY_9)
    prep = prepared(demo_ctx, acc, "gtgsh")
    result = acc.decide(clerk, prep, ZHANG, Decision(Outcome.ACCEPT), ticket_id=ticket.id)
    queue.end("C001", ticket.id)
    rated = queue.rate(1, 5)
    with demo_ctx.store.sessions() as s:
        case_no = s.scalar(select(Case.case_no).where(Case.application_id == result.application_id))
    assert rated.case_nos == [case_no]


@pytest.mark.slow
@pytest.mark.pg
def test_two_windows_calling_at_once_never_get_the_same_ticket_postgres(pg_demo_center):
    """Concurrent calls against a PostgreSQL center: every ticket is called exactly once."""
    store = pg_demo_center
    queue = QueueService(store, clock=Ticking(MONDAY_9))
    for _ in range(120):
        queue.issue("E")  # windows 1, 3, 4 and 8 all serve E
    called: list[tuple[str, str]] = []
    errors: list[Exception] = []

    def window(staff_no: str, number: int) -> None:
        service = QueueService(store, clock=FixedClock(MONDAY_9 + timedelta(hours=1)))
        while True:
            try:
                ticket = service.call_next(staff_no, number)
            except QueueError as exc:
                if "暂无等候" not in str(exc):
                    errors.append(exc)
                return
            called.append((ticket.id, staff_no))
            service.start(staff_no, ticket.id)
            service.end(staff_no, ticket.id)

    threads = [threading.Thread(target=window, args=args) for args in [("C001", 1), ("C003", 3), ("C004", 4)]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    ids = [ticket_id for ticket_id, _ in called]
    assert len(ids) == 120 and len(set(ids)) == 120
    assert len({staff for _, staff in called}) == 3  # all three windows took part


def test_appointments_are_called_in_their_slot_through_the_center(queue):
    plain = queue.issue("A")
    later = queue.issue("A", priority="预约", appointment_at=MONDAY_9 + timedelta(hours=2))
    checked_in = queue.issue("A", priority="预约")  # at the kiosk, no slot given: due at once
    called = []
    for _ in range(3):
        ticket = queue.call_next("C001", 1)
        called.append(ticket.label)
        queue.no_show("C001", ticket.id)
    assert called == [checked_in.label, plain.label, later.label]
