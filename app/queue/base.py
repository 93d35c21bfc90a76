"""What the queue's parts share at the center: the store, the clock, who is acting, which windows
serve which categories, and a ticket as callers see it. Times are the hall's local wall-clock
time (tickets reset daily, statistics are by local hour)."""

from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.auth import on_duty
from app.clock import Clock
from app.errors import NotFound, PermissionDenied
from app.identity import mask_name
from app.queue import order
from app.queue.dto import TicketInfo, TicketStatus
from app.queue.tickets import DONE, WAITING, QueueError, rank_sql, waiting_line
from db.models import QueueCategory, QueueEvent, QueueSettings, Ticket, TidalOpening, Window
from db.models.org import window_categories
from db.store import Store

SERVING_ROLES = (Role.CLERK, Role.AGENT, Role.MANAGER)  # serve at any window of the hall


class QueueBase:
    """The store, the clock and the lookups every part of the queue uses."""

    def __init__(self, store: Store, workstation_id: str = "center", clock: Clock | None = None):
        self.store = store
        self.workstation_id = workstation_id
        self.clock = clock or Clock()

    def _device(self) -> Actor:
        return Actor(None, "kiosk", "取号机", frozenset(), self.workstation_id)

    def _staff(self, s: Session, staff_no: str, *roles: Role) -> Actor:
        actor = on_duty(s, staff_no, self.workstation_id)
        actor.require(*roles)
        return actor

    def _server(self, s: Session, staff_no: str, window_no: int | None) -> Actor:
        """Who may serve at a window. The front-desk roles serve any window (a clerk also takes a
        tidal standby window); anyone else only the window they are posted at: the post is the
        authority to serve it (a chief posted at his department's window calls its tickets)."""
        actor = on_duty(s, staff_no, self.workstation_id)
        if any(actor.has(role) for role in SERVING_ROLES):
            return actor
        if window_no is None or actor.window_no != window_no:
            posted = f"派驻在 {actor.window_no} 号窗口" if actor.window_no else "没有派驻窗口"
            where = f" {window_no} 号窗口" if window_no else "该窗口"
            raise PermissionDenied(f"无权操作：{actor.name}{posted}，不能在{where}叫号或办理。")
        return actor

    def _settings(self, s: Session, lock: bool = False) -> QueueSettings:
        """The hall's one settings row (created by the migration)."""
        return s.get_one(QueueSettings, 1, with_for_update=lock)

    def _waiting_count(self, s: Session, code: str, day) -> int:
        """Waiting in the category's line; a ticket sent to one window waits in that window's."""
        return s.scalars(
            select(func.count()).where(
                Ticket.day == day,
                Ticket.category_code == code,
                Ticket.status == WAITING,
                Ticket.target_window.is_(None),
            )
        ).one()

    def _waiting_for_windows(self, s: Session, day) -> dict[int, int]:
        """window -> tickets waiting for that window only (a booking with its agent, a transfer)."""
        rows = s.execute(
            select(Ticket.target_window, func.count())
            .where(Ticket.day == day, Ticket.status == WAITING, Ticket.target_window.is_not(None))
            .group_by(Ticket.target_window)
        )
        return {window: n for window, n in rows if window is not None}  # as the query asks

    def _open_window(self, s: Session, window_no: int) -> None:
        """A ticket may be sent to a window only while it serves (a standby window only when opened)."""
        self._window(s, window_no)
        if not self.window_categories(s, window_no):
            raise QueueError(f"{window_no} 号窗口当前未开放，不能在该窗口排队。")

    def _serving_windows(self, s: Session) -> dict[str, set[int]]:
        """category -> windows serving it now: the windows set up for it, plus open tidal windows."""
        out: dict[str, set[int]] = {}
        regular = s.execute(
            select(QueueCategory.code, Window.number)
            .join(window_categories, window_categories.c.category_id == QueueCategory.id)
            .join(Window, window_categories.c.window_id == Window.id)
            .where(Window.tidal_standby.is_(False))
        )
        tidal_open = s.execute(
            select(TidalOpening.category_code, TidalOpening.window_no).where(TidalOpening.closed_at.is_(None))
        )
        for code, number in [*regular, *tidal_open]:
            out.setdefault(code, set()).add(number)
        return out

    def _estimate(self, s: Session, category: QueueCategory, ahead: int, now: datetime, windows: int) -> int:
        """People ahead × the average service time today (the category's default until there is
        one), shared among the windows serving the category."""
        served = s.execute(  # the latest services are what the next hour will look like
            select(Ticket.started_at, Ticket.ended_at)
            .where(Ticket.day == now.date(), Ticket.category_code == category.code, Ticket.status == DONE)
            .order_by(Ticket.ended_at.desc())
            .limit(50)
        ).all()
        if served:
            minutes = sum((e - b).total_seconds() for b, e in served if b and e) / 60 / len(served)
        else:
            minutes = category.service_min
        return round(ahead * minutes / max(1, windows))

    def _window(self, s: Session, window_no: int) -> Window:
        w = s.scalar(select(Window).where(Window.number == window_no))
        if w is None:
            raise NotFound(f"没有 {window_no} 号窗口。")
        return w

    def window_categories(self, s: Session, window_no: int) -> set[str]:
        """What the window serves now: its own categories (none for a standby window) plus the
        categories it has been opened for as a tidal window."""
        standby = s.scalar(select(Window.tidal_standby).where(Window.number == window_no))
        if standby is None:
            raise NotFound(f"没有 {window_no} 号窗口。")
        regular = (
            select(QueueCategory.code)
            .join(window_categories, window_categories.c.category_id == QueueCategory.id)
            .join(Window, window_categories.c.window_id == Window.id)
            .where(Window.number == window_no, Window.tidal_standby.is_(False))
        )
        tidal_open = select(TidalOpening.category_code).where(
            TidalOpening.window_no == window_no, TidalOpening.closed_at.is_(None)
        )
        return set(s.scalars(regular.union(tidal_open)))

    def _ticket(self, s: Session, ticket_id: str, lock: bool = False) -> Ticket:
        t = s.get(Ticket, ticket_id, with_for_update=lock)
        if t is None:
            raise NotFound("没有这张排队号。")
        return t

    def _event(self, s: Session, t: Ticket, kind: str, window_no: int | None, staff_no: str, detail: str = "") -> None:
        s.add(
            QueueEvent(
                ticket_id=t.id, at=self.clock.now(), kind=kind, window_no=window_no, staff_no=staff_no, detail=detail
            )
        )

    def _info(self, s: Session, t: Ticket, now: datetime) -> TicketInfo:
        category = s.scalar(select(QueueCategory).where(QueueCategory.code == t.category_code))
        ahead = 0
        if t.status == WAITING:
            line, at = rank_sql(now)
            mine, mine_at = order.rank(waiting_line(t), now)
            ahead = s.scalars(
                select(func.count()).where(
                    Ticket.day == t.day,
                    self._same_line(s, t),
                    Ticket.status == WAITING,
                    Ticket.id != t.id,
                    or_(line < mine, and_(line == mine, at < mine_at)),
                )
            ).one()
        return TicketInfo(
            id=t.id,
            label=t.label,
            category_code=t.category_code,
            category_name=category.name if category else t.category_code,
            priority=t.priority,
            status=TicketStatus(t.status),
            issued_at=t.issued_at.isoformat(timespec="seconds"),
            ahead=ahead,
            est_wait_min=self._estimate(s, category, ahead, now, self._windows_calling(s, t))
            if category and t.status == WAITING
            else 0,
            window_no=t.window_no,
            name_masked=mask_name(t.name),
            recalls=t.recalls,
            target_window=t.target_window,
        )

    def _same_line(self, s: Session, t: Ticket):
        """The waiting tickets `t` is called among: a ticket sent to one window is called there
        among the others sent to it and the categories that window serves; any other ticket among
        its category's."""
        if t.target_window is None:
            return and_(Ticket.category_code == t.category_code, Ticket.target_window.is_(None))
        served = self.window_categories(s, t.target_window)
        return or_(
            Ticket.target_window == t.target_window,
            and_(Ticket.target_window.is_(None), Ticket.category_code.in_(served)),
        )

    def _windows_calling(self, s: Session, t: Ticket) -> int:
        return 1 if t.target_window is not None else len(self._serving_windows(s).get(t.category_code, ()))
