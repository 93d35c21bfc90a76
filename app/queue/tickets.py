"""What every part of the queue shares: ticket states (app.queue.dto has the ticket as callers
see it), and the calling order's rank as SQL."""

from datetime import datetime

from sqlalchemy import and_, case

from app.errors import DomainError
from app.queue import order
from app.queue.dto import TicketStatus
from db.models import (
    Ticket,
)

# As stored (plain strings); TicketInfo carries them as TicketStatus.
WAITING, CALLED, SERVING, PARKED = (
    TicketStatus.WAITING.value,
    TicketStatus.CALLED.value,
    TicketStatus.SERVING.value,
    TicketStatus.PARKED.value,
)
DONE, NO_SHOW, CANCELLED = TicketStatus.DONE.value, TicketStatus.NO_SHOW.value, TicketStatus.CANCELLED.value


class QueueError(DomainError):
    pass


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
