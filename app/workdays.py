"""The working-day calendar. Every time limit is counted here, from the center's published data.

Counting (ALL art. 82, 民法典 art. 201): the start day is not counted; the deadline is the end
of the Nth working day after it. Weekends are rest days unless listed as 调休 working days;
listed holidays are rest days. A year the State Council has not yet published is provisional:
only its statutory holidays are known, and any deadline reaching into it says so."""

from bisect import bisect_left
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
        # Per year, the working days from 1 January through each day ([0]: none yet, [n]: through its
        # nth day), tallied once per calendar: a count is then a subtraction and a deadline a
        # bisection, however many days they span and however many cases an inbox asks about.
        self._tallies: dict[int, list[int]] = {}

    @classmethod
    def load(cls, session: Session) -> "WorkCalendar":
        overrides = dict(session.execute(select(CalendarDay.day, CalendarDay.working)).all())
        years = dict(session.execute(select(CalendarYear.year, CalendarYear.provisional)).all())
        return cls(overrides, years)

    @classmethod
    def of(cls, store) -> "WorkCalendar":
        """The calendar as the store holds it now, for a client that holds no session."""
        with store.sessions() as session:
            return cls.load(session)

    def is_provisional(self, year: int) -> bool:
        return self._years.get(year, True)

    def is_working_day(self, day: date) -> bool:
        listed = self._overrides.get(day)
        return listed if listed is not None else day.weekday() < 5

    def _tally(self, year: int) -> list[int]:
        tally = self._tallies.get(year)
        if tally is None:
            tally, day = [0], date(year, 1, 1)
            while day.year == year:
                tally.append(tally[-1] + self.is_working_day(day))
                day += timedelta(days=1)
            self._tallies[year] = tally
        return tally

    def _through(self, day: date) -> int:
        """Working days from 1 January of its year up to and including `day`."""
        return self._tally(day.year)[day.toordinal() - date(day.year, 1, 1).toordinal() + 1]

    def add_working_days(self, start: date, days: int) -> Deadline:
        if days < 0:
            raise ValueError("工作日数不能为负数")
        end = start
        if days:
            year, wanted = start.year, self._through(start) + days
            while wanted > (tally := self._tally(year))[-1]:
                wanted -= tally[-1]
                year += 1
            # The first day whose tally reaches the count is the working day that completes it.
            end = date(year, 1, 1) + timedelta(days=bisect_left(tally, wanted) - 1)
        provisional = any(self.is_provisional(y) for y in range(start.year, end.year + 1))
        return Deadline(end, provisional)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after start up to and including end (0 when end <= start)."""
        if end <= start:
            return 0
        whole_years = sum(self._tally(y)[-1] for y in range(start.year, end.year))
        return whole_years + self._through(end) - self._through(start)
