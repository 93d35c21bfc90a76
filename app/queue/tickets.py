"""What every part of the queue shares: ticket states, the ticket as callers see it, and the
calling order's rank as SQL."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case

from app.errors import DomainError
from app.queue import order
from db.models import (
    Ticket,
)

WAITING, CALLED, SERVING, PARKED = "等候", "已呼叫", "办理中", "暂停"
DONE, NO_SHOW, CANCELLED = "已办结", "过号", "已取消"


class QueueError(DomainError):
    pass


@dataclass(frozen=True)
class TicketInfo:
    id: str
    label: str
    category_code: str
    category_name: str
    priority: str
    status: str
    issued_at: str
    ahead: int
    est_wait_min: int
    window_no: int | None
    name_masked: str
    recalls: int
    target_window: int | None = None  # waits for this window only (a booking with its agent, a transfer)


LINE_COLUMNS = (
    Ticket.id,
    Ticket.category_code,
    Ticket.priority,
    Ticket.order_at,
    Ticket.appointment_at,
    Ticket.target_window,
)


def rank_sql(now: datetime):
    """app.queue.order.rank as SQL expressions (line, time), to count who is ahead in the database."""
    due = and_(Ticket.priority == order.APPOINTMENT, Ticket.appointment_at <= now)
    line = case((Ticket.priority == order.GREEN, 0), (Ticket.priority.in_(order.PRIORITY), 1), (due, 1), else_=2)
    return line, case((due, Ticket.appointment_at), else_=Ticket.order_at)


def waiting_line(t: Ticket) -> order.Waiting:
    return order.Waiting(t.id, t.category_code, t.priority, t.order_at, t.appointment_at, t.target_window)
