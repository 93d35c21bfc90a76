"""What appointments answer, the same on both sides of HTTP (see app/web/wire.py), and the one
contract a page holds: the client at a workstation, or the service bound to a person in a test
(app/bound.py)."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from app.queue.dto import TicketInfo


class AppointmentStatus(StrEnum):
    BOOKED = "已预约"
    CHECKED_IN = "已签到"
    NO_SHOW = "已爽约"
    CANCELLED = "已取消"


# The periods opened on each working day when none are given.
DEFAULT_TIMES: tuple[tuple[str, str], ...] = (
    ("09:00", "09:30"),
    ("09:30", "10:00"),
    ("10:00", "10:30"),
    ("10:30", "11:00"),
    ("14:30", "15:00"),
    ("15:00", "15:30"),
    ("15:30", "16:00"),
    ("16:00", "16:30"),
)


@dataclass(frozen=True)
class SlotOpening:
    """Slots a manager opens: the same periods ("09:00", "09:30") on every working day of `days`
    calendar days from `first_day`, for a service, or for one of its agents."""

    category: str
    first_day: date
    days: int
    agent_no: str | None = None
    capacity: int = 1
    times: tuple[tuple[str, str], ...] = DEFAULT_TIMES


@dataclass(frozen=True)
class SlotInfo:
    id: str
    category_code: str
    category_name: str
    agent_no: str  # "" when the slot is the service's, with no agent named
    agent_name: str
    day: date
    starts_at: str
    ends_at: str
    capacity: int
    booked: int
    free: int
    bookable: bool  # a place is free and the slot has not started


@dataclass(frozen=True)
class AppointmentInfo:
    id: str
    booking_no: str  # 10 digits, told to the applicant
    slot: SlotInfo
    name: str
    phone: str
    has_id: bool  # booked with an ID number (only its hash is kept)
    status: AppointmentStatus
    ticket_id: str | None
    ticket_label: str  # "" before check-in
    booked_by: str
    booked_at: datetime
    checked_in_at: datetime | None


@dataclass(frozen=True)
class CheckIn:
    """A booking checked in and the ticket it became, to print like the kiosk's."""

    appointment: AppointmentInfo
    ticket: TicketInfo


class Appointments(Protocol):
    def slots(self, category: str, day: date, agent_no: str | None = None) -> list[SlotInfo]: ...

    def open_slots(self, opening: SlotOpening) -> list[SlotInfo]: ...

    def book(
        self, slot_id: str, name: str, phone: str, id_number: str = "", request_id: str | None = None
    ) -> AppointmentInfo: ...

    def day_list(
        self, day: date, category: str | None = None, agent_no: str | None = None
    ) -> list[AppointmentInfo]: ...

    def cancel(self, appointment_id: str, reason: str) -> AppointmentInfo: ...

    def check_in(self, appointment_id: str, id_number: str = "") -> CheckIn: ...
