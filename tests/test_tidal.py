"""Tidal windows: they open when a queue grows, close only after it has stayed low, never flap."""

import itertools
from datetime import datetime, timedelta

import pytest

from app.queue import tidal
from app.queue.dto import TidalOpen
from app.queue.service import QueueService
from app.queue.tickets import QueueError
from tests.helpers import MONDAY_9, Ticking

RULE = tidal.Rule(open_waiting=10, open_wait_min=30, close_waiting=3, close_after_min=10, min_open_min=30)


def run_script(waiting_by_minute: list[int]) -> list[tuple[int, str]]:
    """Feeds a scripted waiting count, minute by minute, through the rule as the center does."""
    start = datetime(2026, 3, 2, 9, 0)
    openings: list[tidal.Opening] = []
    events = []
    for minute, waiting in enumerate(waiting_by_minute):
        now = start + timedelta(minutes=minute)
        load = tidal.Load(waiting, 0)
        openings = [
            tidal.Opening(o.id, o.window_no, o.category_code, o.opened_at, tidal.low_since(o, load, RULE, now))
            for o in openings
        ]
        for action in tidal.decide({"A": load}, {"A": RULE}, openings, [5, 10], now):
            events.append((minute, f"{action.kind}:{action.window_no}"))
            if action.kind == "open":
                openings.append(tidal.Opening(f"o{minute}", action.window_no, "A", now, None))
            else:
                openings = [o for o in openings if o.id != action.opening_id]
    return events


def test_opens_at_the_threshold_and_closes_only_after_a_sustained_low():
    # 5 quiet minutes, a burst to 12, a fall to 2 at minute 20, then quiet.
    script = [5] * 5 + [12] * 15 + [2] * 40
    events = run_script(script)
    # Still crowded 10 minutes after the first opened: a second window. Low from minute 20; each
    # closes once low for 10 minutes AND open for at least 30: at 35 (opened 5) and 45 (opened 15).
    assert events == [(5, "open:5"), (15, "open:10"), (35, "close:5"), (45, "close:10")]


def test_a_queue_that_hovers_around_the_threshold_does_not_flap():
    # Waiting swings between 11 and 3 every 4 minutes for two hours.
    script = [11 if (m // 4) % 2 == 0 else 3 for m in range(120)]
    events = run_script(script)
    opens = [m for m, e in events if e.startswith("open")]
    closes = [m for m, e in events if e.startswith("close")]
    assert opens and not closes  # never low for 10 minutes in a row: stays open, no flapping
    # A second window is added only after the first had 10 minutes to take effect.
    assert all(b - a >= RULE.close_after_min for a, b in itertools.pairwise(opens))
    assert len(opens) <= 2  # two standby windows at most


def test_long_wait_alone_opens_a_window():
    now = datetime(2026, 3, 2, 10, 0)
    (action,) = tidal.decide({"B": tidal.Load(2, 31)}, {"B": RULE}, [], [5], now)
    assert action.kind == "open" and "最长已等候 31 分钟" in action.reason


@pytest.fixture
def queue(demo_ctx):
    return QueueService(demo_ctx.store, demo_ctx.workstation_id, clock=Ticking(MONDAY_9))


def test_suggest_mode_waits_for_the_manager_and_auto_mode_acts(queue):
    for _ in range(15):
        queue.issue("D")  # the demo's default threshold: 15 waiting
    (suggestion,) = queue.evaluate_tidal()
    assert suggestion.kind == "open" and suggestion.category_code == "D" and suggestion.window_no == 5
    assert queue.board().tidal == []  # suggest mode: nothing opened by itself
    with pytest.raises(Exception, match="大厅管理员"):
        queue.confirm_tidal("C001", suggestion)
    queue.confirm_tidal("M001", suggestion)
    assert queue.board().tidal == [TidalOpen(window_no=5, category_code="D")]
    assert queue.call_next("C001", 5).category_code == "D"  # window 5 now serves D (C001 covers it)
    (entry,) = queue.tidal_log(MONDAY_9.date())
    assert entry.opened_by == "M001" and "达到开启阈值 15 人" in entry.open_reason
    with pytest.raises(QueueError, match="不再适用"):
        queue.confirm_tidal("M001", suggestion)

    queue.set_tidal_mode("M001", "auto")
    for _ in range(15):
        queue.issue("C")
    queue.evaluate_tidal()
    assert TidalOpen(window_no=10, category_code="C") in queue.board().tidal
    with pytest.raises(QueueError, match="建议"):
        queue.set_tidal_mode("M001", "sometimes")


def test_a_category_may_set_its_own_threshold_in_the_hall_setup(queue):
    for _ in range(11):
        queue.issue("A")
    assert queue.evaluate_tidal() == []  # the demo's hall.json sets A's threshold to 12 waiting
    queue.issue("A")
    (suggestion,) = queue.evaluate_tidal()
    assert suggestion.category_code == "A" and "达到开启阈值 12 人" in suggestion.reason


@pytest.mark.pg
def test_two_managers_confirming_at_once_open_the_window_once_postgres(pg_demo_center):
    import threading

    from sqlalchemy import func, select

    from db.models import TidalOpening

    store = pg_demo_center
    queue = QueueService(store, clock=Ticking(MONDAY_9))
    for _ in range(15):
        queue.issue("D")
    (suggestion,) = queue.evaluate_tidal()
    start, outcomes = threading.Barrier(4), []

    def confirm() -> None:
        start.wait()
        try:
            queue.confirm_tidal("M001", suggestion)
            outcomes.append("opened")
        except QueueError:
            outcomes.append("refused")

    threads = [threading.Thread(target=confirm) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["opened", "refused", "refused", "refused"]
    with store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(TidalOpening)) == 1
