"""The demo stays usable whatever the date (issue 12, item 15): its 授权书 count from the day it is
set up, so a demo set up in 2031 still lets the chief decide; and a letter running out within 30
days is found for the manager (every one) and its holder (their own), from the store's letters."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app import demo
from app.authorizations.expiring import WARN_DAYS, ExpiringLetters, Letter, ending_soon
from app.clock import FixedClock
from app.context import AppContext
from app.hall_setup import validity
from db.models import ChiefAuthorization
from tests.helpers import accepted_case, approvals, person

TODAY = date(2031, 6, 2)


def letter(
    no: str,
    days_left: int,
    *,
    holder: str = "S001",
    starts: int = -300,
    revoked_in: int | None = None,
    matters: frozenset[str] = frozenset({"m1"}),
) -> Letter:
    return Letter(
        no,
        "市场监管局",
        holder,
        "陈静",
        TODAY + timedelta(days=starts),
        TODAY + timedelta(days=days_left),
        None if revoked_in is None else TODAY + timedelta(days=revoked_in),
        matters,
    )


@pytest.mark.parametrize(
    ("letters", "shown"),
    [
        ([letter("20 天", 20)], [("20 天", 20)]),
        ([letter("30 天", WARN_DAYS)], [("30 天", 30)]),
        ([letter("今天", 0)], [("今天", 0)]),
        ([letter("40 天", 40)], []),
        ([letter("已过期", -1)], []),
        ([letter("未生效", 20, starts=5)], []),
        ([letter("终止在即", 200, revoked_in=10)], [("终止在即", 9)]),  # revoked from day 10: day 9 is its last
        ([letter("已续", 20), letter("续期", 385, starts=21)], []),  # the renewal carries on the next day
        ([letter("断档", 20), letter("晚续", 385, starts=25)], [("断档", 20)]),  # a gap: still shown
        ([letter("少续", 20, matters=frozenset({"m1", "m2"})), letter("续一项", 385, starts=0)], [("少续", 20)]),
        ([letter("他人续", 20), letter("续", 385, holder="S002")], [("他人续", 20)]),
    ],
)
def test_letters_ending_within_30_days_and_not_carried_on(letters, shown):
    assert [(e.document_no, e.days_left) for e in ending_soon(letters, TODAY)] == shown


def test_validity_counts_from_the_day_of_set_up():
    assert validity({"valid_from_days": -90, "valid_to_days": 365}, date(2031, 6, 2)) == (
        date(2031, 3, 4),
        date(2032, 6, 1),
    )


def test_the_demo_set_up_in_2031_lets_the_chief_decide(tmp_path):
    ctx = AppContext.open(tmp_path / "hall.sqlite3")
    demo.seed(ctx.store, ctx.system(), FixedClock(datetime(2031, 6, 2, 8)))
    with ctx.store.sessions() as s:
        numbers = list(s.scalars(select(ChiefAuthorization.document_no)))
    assert len(numbers) == 53 and "青市监授〔2031〕1号" in numbers  # 13 chiefs, 4 clerks × 10 departments
    case_id = accepted_case(ctx, "SCJG-003", TODAY)  # 食品经营许可, 一审一核
    approvals(ctx, TODAY + timedelta(days=1)).review(person(ctx, "R001"), case_id, True, "材料齐全")
    decided = approvals(ctx, TODAY + timedelta(days=1)).review(person(ctx, "S001"), case_id, True, "同意", "准予经营")
    assert decided.decided == "准予"
    running_out = ExpiringLetters(ctx.store, FixedClock(datetime(2032, 5, 10, 9)))  # the letters end 2032-06-01
    assert len(running_out.for_actor(person(ctx, "M001"))) == 53
    assert [e.document_no for e in running_out.for_actor(person(ctx, "S001"))] == ["青市监授〔2031〕1号"]
    assert {e.holder_no for e in running_out.for_actor(person(ctx, "C001"))} == {"C001"}
    ctx.store.engine.dispose()
