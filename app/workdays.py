"""The working-day calendar. Every time limit is counted here, from the center's published data.

Counting (ALL art. 82, 民法典 art. 201): the start day is not counted; the deadline is the end
of the Nth working day after it. Weekends are rest days unless listed as 调休 working days;
listed holidays are rest days. A year the State Council has not yet published is provisional:
only its statutory holidays are known, and any deadline reaching into it says so."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import CalendarDay, CalendarYear


@dataclass(frozen=True)
class Deadline:
    day: date
    provisional: bool  # reaches into a year whose 调休 schedule is not yet published

    def label(self) -> str:
        text = f"{self.day:%Y年%m月%d日}"
        return text + "（暂定：该年度节假日安排尚未公布）" if self.provisional else text


class WorkCalendar:
    def __init__(self, overrides: dict[date, bool], years: dict[int, bool]):
        self._overrides = overrides  # day -> working?
        self._years = years  # year -> provisional?
        # An inbox asks the same few thousand questions for its cases: each is answered once.
        self._added: dict[tuple[date, int], Deadline] = {}
        self._between: dict[tuple[date, date], int] = {}

    @classmethod
    def load(cls, session: Session) -> "WorkCalendar":
        overrides = dict(session.execute(select(CalendarDay.day, CalendarDay.working)).all())
        years = dict(session.execute(select(CalendarYear.year, CalendarYear.provisional)).all())
        return cls(overrides, years)

    def is_provisional(self, year: int) -> bool:
        return self._years.get(year, True)

    def is_working_day(self, day: date) -> bool:
        listed = self._overrides.get(day)
        return listed if listed is not None else day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> Deadline:
        found = self._added.get((start, days))
        if found is None:
            found = self._added[(start, days)] = self._add(start, days)
        return found

    def _add(self, start: date, days: int) -> Deadline:
        if days < 0:
            raise ValueError("工作日数不能为负数")
        current, counted = start, 0
        while counted < days:
            current += timedelta(days=1)
            if self.is_working_day(current):
                counted += 1
        provisional = any(self.is_provisional(y) for y in range(start.year, current.year + 1))
        return Deadline(current, provisional)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after start up to and including end (0 when end <= start)."""
        found = self._between.get((start, end))
        if found is None:
            found = self._between[(start, end)] = self._count(start, end)
        return found

    def _count(self, start: date, end: date) -> int:
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            count += self.is_working_day(current)
        return count
