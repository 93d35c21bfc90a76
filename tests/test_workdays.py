"""Deadlines from the published calendar: weekends, statutory holidays and 调休 make-up days."""

import json
from datetime import date, timedelta

import chinese_calendar
import pytest

from app.paths import DEMO
from app.workdays import WorkCalendar


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    doc = json.loads((DEMO / "calendar.json").read_text(encoding="utf-8"))
    overrides = {date.fromisoformat(d["date"]): d["working"] for y in doc["years"] for d in y["days"]}
    return WorkCalendar(overrides, {y["year"]: y["provisional"] for y in doc["years"]})


def test_2026_calendar_matches_the_published_schedule_every_day(cal):
    day = date(2026, 1, 1)
    while day.year == 2026:
        assert cal.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Spring Festival 2026: Feb 15–23 off, Saturday Feb 14 and Saturday Feb 28 worked.
        (date(2026, 2, 12), 1, date(2026, 2, 13)),
        (date(2026, 2, 12), 2, date(2026, 2, 14)),  # make-up Saturday counts
        (date(2026, 2, 13), 2, date(2026, 2, 24)),  # Feb 14, then the holiday is skipped
        (date(2026, 2, 24), 4, date(2026, 2, 28)),  # Feb 25, 26, 27 and make-up Saturday 28
        # Qingming 2026: Apr 4–6 off.
        (date(2026, 4, 3), 1, date(2026, 4, 7)),
        # Labour Day 2026: May 1–5 off, Saturday May 9 worked.
        (date(2026, 4, 30), 1, date(2026, 5, 6)),
        (date(2026, 5, 6), 3, date(2026, 5, 9)),
        # National Day 2026: Oct 1–7 off, Sunday Sep 20 and Saturday Oct 10 worked.
        (date(2026, 9, 18), 1, date(2026, 9, 20)),
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 9, 30), 3, date(2026, 10, 10)),
        # The statutory 20 working days from the day before the Spring Festival holiday.
        (date(2026, 2, 13), 20, date(2026, 3, 19)),  # 14, 24–28, then 14 weekdays of March
        # Year boundary: New Year 2026 (Jan 1–3 off, Sunday Jan 4 worked).
        (date(2025, 12, 30), 2, date(2026, 1, 4)),
        (date(2025, 12, 31), 1, date(2026, 1, 4)),
    ],
)
def test_add_working_days(cal, start, n, expected):
    deadline = cal.add_working_days(start, n)
    assert deadline.day == expected
    assert deadline.provisional is False


def test_start_day_is_not_counted_and_zero_days_is_the_same_day(cal):
    assert cal.add_working_days(date(2026, 3, 2), 0).day == date(2026, 3, 2)
    assert cal.add_working_days(date(2026, 3, 2), 1).day == date(2026, 3, 3)


def test_deadline_reaching_an_unpublished_year_is_provisional(cal):
    deadline = cal.add_working_days(date(2026, 12, 25), 10)
    assert deadline.day.year == 2027
    assert deadline.provisional is True
    assert "暂定" in deadline.label()
    # 2027's statutory holidays are known even before the 调休 schedule: Feb 5–8 are off.
    assert cal.add_working_days(date(2027, 2, 4), 1).day == date(2027, 2, 9)


def test_publishing_a_year_turns_its_deadlines_official(demo_ctx):
    from app.calendar_data import load_calendar

    with demo_ctx.store.sessions() as s:
        assert WorkCalendar.load(s).add_working_days(date(2026, 12, 28), 5).provisional
    load_calendar(
        demo_ctx.store,
        demo_ctx.system(),
        {
            "format": "hall-calendar",
            "years": [
                {
                    "year": 2027,
                    "provisional": False,
                    "source": "国务院办公厅通知（测试）",
                    "days": [{"date": "2027-01-01", "working": False, "name": "元旦"}],
                }
            ],
        },
    )
    with demo_ctx.store.sessions() as s:
        deadline = WorkCalendar.load(s).add_working_days(date(2026, 12, 28), 5)
    assert deadline.provisional is False and deadline.day == date(2027, 1, 5)


def test_working_days_between(cal):
    # Feb 14 (make-up Saturday), 24, 25, 26, 27 and 28 (make-up Saturday).
    assert cal.working_days_between(date(2026, 2, 13), date(2026, 2, 28)) == 6
    assert cal.working_days_between(date(2026, 2, 28), date(2026, 2, 13)) == 0
