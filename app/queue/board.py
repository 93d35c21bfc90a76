"""The display board's picture: current call per window, recent calls, waiting per category and
the tidal windows, with names masked (张*)."""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select

from app.identity import mask_name
from app.queue.base import QueueBase
from app.queue.dto import Board as BoardPicture
from app.queue.dto import (
    BoardCall,
    BoardWindow,
    CategoryWaiting,
    TicketStatus,
    TidalAction,
    TidalOpen,
    WindowWaiting,
)
from app.queue.tickets import CALLED, SERVING
from db.models import (
    QueueCategory,
    QueueEvent,
    Ticket,
    TidalOpening,
)


class Board(QueueBase):
    """What the board shows; it also brings the tidal windows up to date as it polls."""

    # QueueService's, from app.queue.tidal_windows.TidalWindows.
    evaluate_tidal: Callable[[datetime | None], list[TidalAction]]

    def board(self, after_seq: int = 0) -> BoardPicture:
        """Current call per window, recent calls, waiting per category, tidal windows; names masked.
        `after_seq`: the calls since then are returned in `announce`, for the voice."""
        now = self.clock.now()
        self.evaluate_tidal(now)
        with self.store.sessions() as s:
            calls = s.execute(
                select(QueueEvent, Ticket)
                .join(Ticket, QueueEvent.ticket_id == Ticket.id)
                .where(Ticket.day == now.date(), QueueEvent.kind.in_(("呼叫", "重呼")))
                .order_by(QueueEvent.seq.desc())
                .limit(40)
            ).all()
            current = {
                t.window_no: t
                for t in s.scalars(
                    select(Ticket)
                    .where(Ticket.day == now.date(), Ticket.status.in_((CALLED, SERVING)))
                    .order_by(Ticket.called_at)
                )
            }
            tidal_open = s.scalars(select(TidalOpening).where(TidalOpening.closed_at.is_(None))).all()
            cats = s.scalars(select(QueueCategory).order_by(QueueCategory.code)).all()
            head = s.scalar(select(func.max(QueueEvent.seq))) or 0

            def call(e: QueueEvent, t: Ticket) -> BoardCall:
                return BoardCall(seq=e.seq, label=t.label, window_no=e.window_no, name=mask_name(t.name))

            # The headline is the newest call still being answered at its window: once that service
            # has ended (or the ticket was passed over, parked or transferred) it goes.
            headline = next((call(e, t) for e, t in calls if current.get(e.window_no) is t), None)

            return BoardPicture(
                at=now.isoformat(timespec="seconds"),
                windows=[
                    BoardWindow(window_no=n, label=t.label, name=mask_name(t.name), status=TicketStatus(t.status))
                    for n, t in sorted(current.items())
                ],
                headline=headline,
                recent=[call(e, t) for e, t in calls[:8]],
                announce=[call(e, t) for e, t in reversed(calls) if e.seq > after_seq],
                waiting=[
                    CategoryWaiting(code=c.code, name=c.name, waiting=self._waiting_count(s, c.code, now.date()))
                    for c in cats
                ],
                for_windows=[
                    WindowWaiting(window_no=n, waiting=waiting)
                    for n, waiting in sorted(self._waiting_for_windows(s, now.date()).items())
                ],
                tidal=[TidalOpen(window_no=o.window_no, category_code=o.category_code) for o in tidal_open],
                seq=head,
            )
