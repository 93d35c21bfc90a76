"""Which waiting ticket a window calls next. Pure: the center and the queue simulation share it.

Order: the green channel first; then priority tickets (elderly, disabled, pregnant) and
appointments whose slot has come; then everyone else, first come first served. A transfer keeps
a ticket's place (its order time) and its priority. After `streak_limit` consecutive priority
calls at a window, the next call at that window goes to an ordinary ticket if one waits, so
ordinary tickets are never starved."""

from dataclasses import dataclass
from datetime import datetime

GREEN = "绿色通道"
APPOINTMENT = "预约"
PRIORITY = ("老年人", "残疾人", "孕妇")
KINDS = ("", GREEN, *PRIORITY, APPOINTMENT)
LABELS = {
    "": "普通",
    GREEN: "绿色通道",
    "老年人": "老年人优先",
    "残疾人": "残疾人优先",
    "孕妇": "孕妇优先",
    APPOINTMENT: "预约",
}


@dataclass(frozen=True)
class Waiting:
    id: str
    category_code: str
    priority: str
    order_at: datetime
    appointment_at: datetime | None = None
    target_window: int | None = None


def rank(ticket: Waiting, now: datetime) -> tuple[int, datetime]:
    """(class, time): class 0 green channel, 1 priority or an appointment in its slot, 2 ordinary.
    An appointment checked in before its slot waits as an ordinary ticket meanwhile."""
    if ticket.priority == GREEN:
        return 0, ticket.order_at
    if ticket.priority == APPOINTMENT and ticket.appointment_at is not None and ticket.appointment_at <= now:
        return 1, ticket.appointment_at
    if ticket.priority in PRIORITY:
        return 1, ticket.order_at
    return 2, ticket.order_at


def eligible(ticket: Waiting, window_no: int, categories: set[str]) -> bool:
    """A ticket transferred to a window waits for that window only."""
    if ticket.target_window is not None:
        return ticket.target_window == window_no
    return ticket.category_code in categories


def choose_next(
    waiting: list[Waiting], window_no: int, categories: set[str], streak: int, streak_limit: int, now: datetime
) -> Waiting | None:
    """streak: how many priority (class 1) calls this window made in a row just before."""
    mine = sorted((t for t in waiting if eligible(t, window_no, categories)), key=lambda t: (rank(t, now), t.id))
    if not mine:
        return None
    best = mine[0]
    if rank(best, now)[0] == 1 and streak >= streak_limit:
        ordinary = [t for t in mine if rank(t, now)[0] == 2]
        if ordinary:
            return ordinary[0]
    return best


def is_priority_call(ticket: Waiting, now: datetime) -> bool:
    return rank(ticket, now)[0] == 1
