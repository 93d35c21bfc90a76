"""The pure rules of proven identity, from tables: keys, signatures, sessions, lock-out, passwords."""

import inspect
import json
from datetime import datetime, timedelta

import pytest

from app import demo
from app.center.loopback import LoopbackCenter
from app.hall_setup import load_hall
from app.trust import keys, signed
from app.trust.rules import SessionTimes, locked, password_problem, session_refusal
from tests.helpers import QUICK_KEYS

T0 = datetime(2026, 3, 2, 9, 0)


def test_a_wrapped_key_opens_only_with_its_password_and_its_owner():
    made = keys.new_key("Demo@2026", "C001")
    key = keys.unwrap(made.wrapped, "Demo@2026", "C001")
    assert keys.public_of(key) == made.public_key
    for password, owner in (("demo@2026", "C001"), ("Demo@2026", "C002"), ("", "C001")):
        with pytest.raises(keys.WrongPassword):
            keys.unwrap(made.wrapped, password, owner)
    assert "Demo@2026" not in made.wrapped and len(made.wrapped) < 400


def test_rewrapping_keeps_the_same_key_so_earlier_signatures_stay_valid():
    made = keys.new_key("Old#Pass1", "S001")
    message = signed.mutation_message("ws-1", 7, '{"by":"S001"}')
    signature = signed.sign(keys.unwrap(made.wrapped, "Old#Pass1", "S001"), message)
    again = keys.rewrap(made.wrapped, "Old#Pass1", "New#Pass2", "S001")
    with pytest.raises(keys.WrongPassword):
        keys.unwrap(again, "Old#Pass1", "S001")
    assert keys.public_of(keys.unwrap(again, "New#Pass2", "S001")) == made.public_key
    assert signed.verify(made.public_key, message, signature)


def test_keys_are_wrapped_at_the_halls_cost_and_the_tests_quick_keys_never_pass_the_center():
    assert keys.HALL_COST == (3, 65536, 4)  # RFC 9106 §4, second recommended option
    made = json.loads(keys.new_key("Demo@2026", "C001").wrapped)
    assert (made["t"], made["m"], made["p"]) == (3, 65536, 4)
    # Every way a hall or its demo is set up wraps at the hall's cost unless a test passes less.
    for sets_up in (keys.Wrapper, load_hall, demo.seed, LoopbackCenter):
        (cost,) = [p for p in inspect.signature(sets_up).parameters.values() if p.name in ("cost", "key_cost")]
        assert cost.default == (3, 65536, 4), sets_up
    quick = keys.Wrapper("Demo@2026", QUICK_KEYS).new_key("C001")
    assert keys.public_of(keys.unwrap(quick.wrapped, "Demo@2026", "C001")) == quick.public_key
    assert "封装格式" in keys.wrapped_problem(quick.wrapped)  # the center stores no key this cheap


@pytest.mark.parametrize(
    "changed",
    [
        signed.mutation_message("ws-2", 7, '{"by":"S001"}'),  # another workstation
        signed.mutation_message("ws-1", 8, '{"by":"S001"}'),  # another place in the series
        signed.mutation_message("ws-1", 7, '{"by":"S002"}'),  # altered text
        signed.challenge_message("7", "ws-1", "S001"),  # another purpose
    ],
)
def test_a_signature_covers_exactly_its_message(changed):
    made = keys.new_key("Demo@2026", "S001")
    key = keys.unwrap(made.wrapped, "Demo@2026", "S001")
    signature = signed.sign(key, signed.mutation_message("ws-1", 7, '{"by":"S001"}'))
    assert signed.verify(made.public_key, signed.mutation_message("ws-1", 7, '{"by":"S001"}'), signature)
    assert not signed.verify(made.public_key, changed, signature)
    assert not signed.verify(made.public_key, changed, "not base64!")


@pytest.mark.parametrize(
    ("started", "last_used", "ended", "at", "why"),
    [
        (T0, T0, None, T0 + timedelta(minutes=29), None),
        (T0, T0, None, T0 + timedelta(minutes=31), "长时间未操作"),
        (T0, T0 + timedelta(hours=11, minutes=50), None, T0 + timedelta(hours=11, minutes=59), None),
        (T0, T0 + timedelta(hours=11, minutes=59), None, T0 + timedelta(hours=12, minutes=1), "最长时限"),
        (T0, T0, T0 + timedelta(minutes=1), T0 + timedelta(minutes=2), "已结束"),
    ],
)
def test_sessions_end_when_idle_too_long_or_after_a_working_day_or_at_logout(started, last_used, ended, at, why):
    refusal = session_refusal(SessionTimes(started, last_used, ended), at)
    assert (refusal is None) if why is None else (why in refusal)


def _minutes(*ms):
    return [T0 + timedelta(minutes=m) for m in ms]


@pytest.mark.parametrize(
    ("failures", "at_minute", "until_minute"),
    [
        (_minutes(0, 1, 2, 3), 4, None),  # four failures: not yet
        (_minutes(0, 1, 2, 3, 4), 5, 19),  # the fifth within 15 minutes locks for 15 from it
        (_minutes(0, 1, 2, 3, 4), 20, None),  # the lock has run out
        (_minutes(0, 5, 10, 15, 30), 31, None),  # spread over more than 15 minutes
        (_minutes(0, 20, 21, 22, 23, 24), 25, 39),  # the latest five count
    ],
)
def test_five_failures_within_fifteen_minutes_lock_the_account_for_fifteen(failures, at_minute, until_minute):
    until = locked(failures, T0 + timedelta(minutes=at_minute))
    assert until == (None if until_minute is None else T0 + timedelta(minutes=until_minute))


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Demo@2026", None),
        ("Qs#window7", None),
        ("Ab1!", "至少 8 位"),
        ("abcdefgh1", "至少三类"),
        ("Demo 2026!", "空格"),
        ("C001@Hall9", "工号"),
        ("Aa1!Aa1!Aa1!", "重复字符"),
    ],
)
def test_password_strength_is_explained(password, problem):
    found = password_problem(password, "C001")
    assert (found is None) if problem is None else (problem in found)
