"""The time services see. Tests and benchmarks give a fixed one; rules never read the system clock."""

from dataclasses import dataclass
from datetime import UTC, date, datetime


def hall_time(utc: datetime) -> datetime:
    """A moment stored in UTC (the audit log, sync) as the hall's clock reads it: this machine's
    local time, as notices print it."""
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


class Clock:
    def now(self) -> datetime:
        """Local wall-clock time (notices print it)."""
        return datetime.now()

    def today(self) -> date:
        return self.now().date()

    def utc_now(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class FixedClock(Clock):
    at: datetime

    def now(self) -> datetime:
        return self.at

    def utc_now(self) -> datetime:
        return self.at.astimezone(UTC).replace(tzinfo=None)  # `at` is the hall's local time, as now()
