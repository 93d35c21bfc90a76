"""A case's limits in working days from its acceptance (DESIGN §4 rules 1 and 4): special steps
do not count (their working days are added back), and one extension of up to 10 working days
lengthens the statutory limit. A 容缺 case is decided once its missing material is in, so its
promised completion is never before the day agreed for that material (its statutory one is: a
later day is refused at acceptance, app.acceptance.rules.supply_day_refusal)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.workdays import Deadline, WorkCalendar

MAX_EXTENSION = 10
YELLOW_DAYS = 3  # working days left at which a case turns yellow


@dataclass(frozen=True)
class Limits:
    statutory: Deadline
    promised: Deadline


def limits(
    cal: WorkCalendar,
    accepted_on: date,
    statutory_days: int,
    promised_days: int,
    extension: int,
    paused: int,
    supply_by: date | None = None,
) -> Limits:
    """supply_by: the last day agreed for a 容缺 case's missing materials (None for other cases)."""
    promised = cal.add_working_days(accepted_on, promised_days + paused)
    if supply_by is not None and supply_by > promised.day:
        promised = Deadline(supply_by, False)  # an agreed day, not one counted on the calendar
    return Limits(cal.add_working_days(accepted_on, statutory_days + extension + paused), promised)


def limits_on(
    cal: WorkCalendar,
    today: date,
    accepted_on: date,
    statutory_days: int,
    promised_days: int,
    extension: int,
    paused_before: int,
    running_since: date | None,
    supply_by: date | None = None,
) -> Limits:
    """Limits as of today: a special step still running stops the clock from its start."""
    paused = paused_before + (cal.working_days_between(running_since, today) if running_since else 0)
    return limits(cal, accepted_on, statutory_days, promised_days, extension, paused, supply_by)


def days_left(cal: WorkCalendar, today: date, due: date) -> int:
    """Working days left until the end of `due`; negative once overdue (by working days)."""
    if today <= due:
        return cal.working_days_between(today, due)
    return -cal.working_days_between(due, today)


class DueWarning(StrEnum):
    """How near an open case is to its promised limit, as the lists colour it."""

    NONE = ""
    SOON = "yellow"  # YELLOW_DAYS working days or fewer left
    OVERDUE = "red"


def warning(left: int) -> DueWarning:
    if left < 0:
        return DueWarning.OVERDUE
    return DueWarning.SOON if left <= YELLOW_DAYS else DueWarning.NONE
