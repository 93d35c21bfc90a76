"""The hall's queue at the center: tickets from the kiosk and calls from the windows; the board,
tidal windows and ratings are its other parts (board.py, tidal_windows.py, rating.py).

Every change is one unit of work: the ticket, its queue event and an audit row together. A call
is atomic: the head of the chosen line is claimed with SKIP LOCKED on PostgreSQL (concurrent
calls take successive tickets instead of queueing behind one) and under SQLite's write lock,
and only while it still waits, so two windows never get the same ticket."""

import hashlib
from datetime import date, datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.actor import Role
from app.devices.scope import Device, DeviceRefused
from app.errors import NotFound
from app.identity import check_id_number
from app.queue import order
from app.queue.base import QueueBase
from app.queue.board import Board
from app.queue.dto import Category, DayStats, TicketInfo, TidalPicture, WindowState
from app.queue.rating import Ratings
from app.queue.stats import day_stats
from app.queue.tickets import (
    CALLED,
    CANCELLED,
    DONE,
    LINE_COLUMNS,
    NO_SHOW,
    PARKED,
    SERVING,
    WAITING,
    QueueError,
    rank_sql,
)
from app.queue.tidal_windows import TidalWindows
from app.uow import UnitOfWork
from db.models import (
    QueueCategory,
    Staff,
    Ticket,
)


def hash_id(number: str) -> str:
    """Tickets and appointments keep only this of an ID number: enough to match, nothing to read."""
    return hashlib.sha256(number.strip().upper().encode()).hexdigest()


class QueueService(Ratings, TidalWindows, Board, QueueBase):
    """The queue at the center: the kiosk, the windows, the board, tidal windows and the pads."""

    def categories(self) -> list[Category]:
        """What the kiosk offers: each category with its waiting count and estimated wait."""
        now = self.clock.now()
        with self.store.sessions() as s:
            serving = self._serving_windows(s)
            offered = []
            for c in s.scalars(select(QueueCategory).order_by(QueueCategory.code)):
                waiting = self._waiting_count(s, c.code, now.date())
                windows = serving.get(c.code, set())
                offered.append(
                    Category(
                        code=c.code,
                        name=c.name,
                        waiting=waiting,
                        est_wait_min=self._estimate(s, c, waiting, now, len(windows)),
                        windows=sorted(windows),
                    )
                )
            return offered

    def issue(
        self,
        category_code: str,
        priority: str = "",
        id_number: str = "",
        name: str = "",
        appointment_at: datetime | None = None,
        target_window: int | None = None,
        issued_by: str | None = None,
    ) -> TicketInfo:
        """An appointment checked in without its slot time (the kiosk's 预约签到) is due at once.
        `target_window`: the ticket waits for that window only (a booking with an agent: the agent's
        window), which calls it among its own; the other windows skip it. `issued_by`: the enrolled
        machine that asked for it (only that kiosk may cancel it)."""
        if priority not in order.KINDS:
            raise QueueError(f"未知的优先类别：{priority}")
        id_number = id_number.strip().upper()
        if id_number:
            problem = check_id_number(id_number, self.clock.today())
            if problem:
                raise QueueError(problem)
        now = self.clock.now()
        for _attempt in range(5):  # two kiosks may take the same next number: the loser retries
            try:
                if priority == order.APPOINTMENT and appointment_at is None:
                    appointment_at = now
                return self._issue(
                    category_code, priority, id_number, name.strip()[:40], now, appointment_at, target_window, issued_by
                )
            except IntegrityError:
                continue
        raise QueueError("取号繁忙，请重试。")

    def _issue(
        self,
        code: str,
        priority: str,
        id_number: str,
        name: str,
        now: datetime,
        appointment_at: datetime | None,
        target_window: int | None,
        issued_by: str | None,
    ) -> TicketInfo:
        with UnitOfWork(self.store, self._device(), self.clock) as uow:
            s = uow.session
            category = s.scalar(select(QueueCategory).where(QueueCategory.code == code))
            if category is None:
                raise NotFound(f"没有“{code}”这个取号类别。")
            if target_window is not None:
                self._open_window(s, target_window)
            elif not self._serving_windows(s).get(code):
                raise QueueError(f"{category.name}暂无窗口办理，请咨询导办人员。")
            id_hash = hash_id(id_number) if id_number else None
            if id_hash and s.scalar(
                select(Ticket.label).where(
                    Ticket.day == now.date(),
                    Ticket.category_code == code,
                    Ticket.id_hash == id_hash,
                    Ticket.status.in_((WAITING, CALLED, PARKED)),
                )
            ):
                raise QueueError(f"该证件号已有{category.name}的等候号，不能重复取号。")
            last = s.scalars(select(func.count()).where(Ticket.day == now.date(), Ticket.label.like(f"{code}%"))).one()
            ticket = Ticket(
                day=now.date(),
                label=f"{code}{last + 1:03d}",
                category_code=code,
                priority=priority,
                appointment_at=appointment_at,
                id_hash=id_hash,
                name=name,
                issued_at=now,
                issued_by=issued_by,
                order_at=now,
                status=WAITING,
                target_window=target_window,
                staff_no="",
                recalls=0,
            )
            s.add(ticket)
            s.flush()
            self._event(s, ticket, "取号", None, "", priority)
            info = self._info(s, ticket, now)
            uow.record("queue.issue", "ticket", ticket.id, detail={"label": ticket.label, "priority": priority})
            uow.commit()
        return info

    def cancel(self, ticket_id: str, reason: str, kiosk: Device | None = None) -> None:
        """The kiosk could not print: the ticket never existed for the applicant. A kiosk cancels
        only a ticket it issued itself (`kiosk`: the one asking; None: the center's own undoing)."""
        with UnitOfWork(self.store, self._device(), self.clock) as uow:
            t = self._ticket(uow.session, ticket_id)
            if kiosk is not None and t.issued_by != kiosk.id:
                raise DeviceRefused(kiosk, f"{t.label}号不是本机发出的，本机不能作废。")
            if t.status != WAITING or t.called_at is not None:
                raise QueueError(f"{t.label}号已被呼叫，不能作废。")
            t.status = CANCELLED
            self._event(uow.session, t, "作废", None, "", reason)
            uow.record("queue.cancel", "ticket", t.id, reason=reason)
            uow.commit()

    def _streak(self, s: Session, window_no: int, day, limit: int, now: datetime) -> int:
        """Priority calls this window made in a row just before (green channel calls do not count)."""
        recent = s.execute(
            select(*LINE_COLUMNS, Ticket.called_at)
            .where(Ticket.day == day, Ticket.window_no == window_no, Ticket.called_at.is_not(None))
            .order_by(Ticket.called_at.desc())
            .limit(limit + 5)
        ).all()
        streak = 0
        for row in recent:
            ticket, called_at = order.Waiting(*row[:-1]), row[-1]
            assert called_at is not None, "the query reads called tickets only"
            if ticket.priority == order.GREEN:
                continue
            if not order.is_priority_call(ticket, called_at):
                break
            streak += 1
        return streak

    def _next_query(self, window_no: int, categories: set[str], day, now: datetime, ordinary_first: bool):
        """The window's next ticket by the calling order (app.queue.order), as one query: the
        green channel, then priority and due appointments, then everyone else; with
        `ordinary_first` (the priority streak is full) everyone else goes before priority."""
        line, at = rank_sql(now)
        if ordinary_first:
            line = case((line == 0, 0), (line == 2, 1), else_=2)
        return (
            select(Ticket)
            .where(
                Ticket.day == day,
                Ticket.status == WAITING,
                or_(
                    Ticket.target_window == window_no,
                    and_(Ticket.target_window.is_(None), Ticket.category_code.in_(categories)),
                ),
            )
            .order_by(line, at, Ticket.id)
            .limit(1)
        )

    def call_next(self, staff_no: str, window_no: int) -> TicketInfo:
        """Chooses and claims in one query. On PostgreSQL the claim skips rows another window is
        claiming at this moment (FOR UPDATE SKIP LOCKED), so concurrent calls take successive
        tickets instead of queueing behind one, and a locked row is re-checked as still waiting;
        on SQLite the transaction holds the database's write lock. A ticket is never called twice."""
        now = self.clock.now()
        pg = self.store.engine.dialect.name == "postgresql"
        for _attempt in range(5):
            with UnitOfWork(self.store, self._device(), self.clock) as uow:
                s = uow.session
                uow.actor = self._server(s, staff_no, window_no)
                busy = s.scalar(
                    select(Ticket.label).where(
                        Ticket.day == now.date(), Ticket.window_no == window_no, Ticket.status.in_((CALLED, SERVING))
                    )
                )
                if busy:
                    raise QueueError(f"{window_no} 号窗口正在处理 {busy} 号，请先结束办理或标记过号。")
                settings = self._settings(s)
                categories = self.window_categories(s, window_no)
                full = self._streak(s, window_no, now.date(), settings.priority_streak, now) >= settings.priority_streak
                query = self._next_query(window_no, categories, now.date(), now, ordinary_first=full)
                ticket = s.scalar(query.with_for_update(skip_locked=True) if pg else query)
                if ticket is None:
                    if s.scalar(query.with_only_columns(Ticket.id)) is not None:
                        continue  # every waiting ticket is being claimed right now: look again
                    served = "、".join(sorted(categories)) or "无"
                    raise QueueError(f"{window_no} 号窗口办理的类别（{served}）暂无等候。")
                ticket.status, ticket.window_no, ticket.staff_no, ticket.called_at = CALLED, window_no, staff_no, now
                self._event(s, ticket, "呼叫", window_no, staff_no)
                info = self._info(s, ticket, now)
                uow.record("queue.call", "ticket", ticket.id, detail={"label": ticket.label, "window": window_no})
                uow.commit()
                return info
        raise QueueError("叫号繁忙，请重试。")

    def _act(self, staff_no: str, ticket_id: str, kind: str, change, reason: str = "") -> TicketInfo:
        now = self.clock.now()
        with UnitOfWork(self.store, self._device(), self.clock) as uow:
            s = uow.session
            t = self._ticket(s, ticket_id, lock=True)
            uow.actor = self._server(s, staff_no, t.window_no)
            if t.staff_no and t.staff_no != staff_no and not uow.actor.has(Role.MANAGER):
                raise QueueError(f"{t.label}号由 {t.window_no} 号窗口办理，本窗口不能操作。")
            detail = change(s, t, now) or ""
            self._event(s, t, kind, t.window_no, staff_no, detail or reason)
            info = self._info(s, t, now)
            uow.record(f"queue.{kind}", "ticket", t.id, reason=reason, detail={"label": t.label, "detail": detail})
            uow.commit()
        return info

    def recall(self, staff_no: str, ticket_id: str) -> TicketInfo:
        def change(s, t, now):
            limit = self._settings(s).recall_limit
            if t.status != CALLED:
                raise QueueError(f"{t.label}号不在呼叫中，不能重呼。")
            if t.recalls >= limit:
                raise QueueError(f"{t.label}号已重呼 {limit} 次，请标记过号。")
            t.recalls += 1

        return self._act(staff_no, ticket_id, "重呼", change)

    def _move(self, staff_no: str, ticket_id: str, kind: str, verb: str, before: str, after: str) -> TicketInfo:
        """A ticket from one status to the next (过号, 开始办理, 结束办理), stamped with the time it
        started being served or ended."""

        def change(s, t, now):
            if t.status != before:
                raise QueueError(f"{t.label}号不在{'呼叫中' if before == CALLED else '办理中'}，不能{verb}。")
            t.status = after
            if after == SERVING:
                t.started_at = now
            else:
                t.ended_at = now

        return self._act(staff_no, ticket_id, kind, change)

    def no_show(self, staff_no: str, ticket_id: str) -> TicketInfo:
        return self._move(staff_no, ticket_id, "过号", "标记过号", CALLED, NO_SHOW)

    def start(self, staff_no: str, ticket_id: str) -> TicketInfo:
        return self._move(staff_no, ticket_id, "开始办理", "开始办理", CALLED, SERVING)

    def end(self, staff_no: str, ticket_id: str) -> TicketInfo:
        return self._move(staff_no, ticket_id, "结束办理", "结束办理", SERVING, DONE)

    def park(self, staff_no: str, ticket_id: str, reason: str = "") -> TicketInfo:
        def change(s, t, now):
            if t.status not in (CALLED, SERVING):
                raise QueueError(f"{t.label}号不在办理中，不能暂停。")
            t.status = PARKED

        return self._act(staff_no, ticket_id, "暂停", change, reason)

    def resume(self, staff_no: str, window_no: int, ticket_id: str) -> TicketInfo:
        def change(s, t, now):
            if t.status != PARKED:
                raise QueueError(f"{t.label}号没有暂停，不能恢复。")
            if t.window_no != window_no:
                raise QueueError(f"{t.label}号暂停在 {t.window_no} 号窗口，请在该窗口恢复。")
            busy = s.scalar(
                select(Ticket.label).where(
                    Ticket.day == t.day, Ticket.window_no == window_no, Ticket.status.in_((CALLED, SERVING))
                )
            )
            if busy:
                raise QueueError(f"{window_no} 号窗口正在处理 {busy} 号，请先结束或暂停。")
            t.status = SERVING if t.started_at else CALLED

        return self._act(staff_no, ticket_id, "恢复", change)

    def transfer(
        self, staff_no: str, ticket_id: str, category_code: str | None = None, window_no: int | None = None
    ) -> TicketInfo:
        """To another category or window: the ticket waits again, with its place and priority."""

        def change(s, t, now):
            if t.status not in (CALLED, SERVING, PARKED):
                raise QueueError(f"{t.label}号不在本窗口办理中，不能转移。")
            if (category_code is None) == (window_no is None):
                raise QueueError("请选择转往的类别或窗口（二选一）。")
            if category_code is not None:
                if s.scalar(select(QueueCategory).where(QueueCategory.code == category_code)) is None:
                    raise NotFound(f"没有“{category_code}”这个取号类别。")
                if not self._serving_windows(s).get(category_code):
                    raise QueueError(f"{category_code}类当前没有窗口办理，不能转入。")
                t.category_code, t.target_window = category_code, None
                where = f"转至{category_code}类"
            else:
                assert window_no is not None, "one of the two, checked above"
                self._open_window(s, window_no)
                t.target_window = window_no
                where = f"转至{window_no}号窗口"
            t.status, t.window_no, t.staff_no, t.called_at, t.started_at, t.recalls = WAITING, None, "", None, None, 0
            return where

        return self._act(staff_no, ticket_id, "转移", change)

    def window_state(self, window_no: int) -> WindowState:
        """What the clerk's panel and the window's rating pad show."""
        now = self.clock.now()
        with self.store.sessions() as s:
            self._window(s, window_no)
            current = s.scalar(
                select(Ticket)
                .where(Ticket.day == now.date(), Ticket.window_no == window_no, Ticket.status.in_((CALLED, SERVING)))
                .order_by(Ticket.called_at.desc())
            )
            parked = s.scalars(
                select(Ticket).where(Ticket.day == now.date(), Ticket.window_no == window_no, Ticket.status == PARKED)
            ).all()
            rateable = self._rateable(s, window_no, now)
            staff_no = current.staff_no if current else (rateable.staff_no if rateable else "")
            staff = s.scalar(select(Staff).where(Staff.staff_no == staff_no)) if staff_no else None
            categories = self.window_categories(s, window_no)
            return WindowState(
                window_no=window_no,
                categories=sorted(categories),
                current=self._info(s, current, now) if current else None,
                parked=[self._info(s, t, now) for t in parked],
                rateable=self._info(s, rateable, now) if rateable else None,
                staff_no=staff_no,
                staff_name=staff.name if staff else "",
                waiting={c: self._waiting_count(s, c, now.date()) for c in sorted(categories)},
                waiting_here=self._waiting_for_windows(s, now.date()).get(window_no, 0),
            )

    # -- the manager's figures --------------------------------------------------------------------

    def stats(self, day: date | None = None) -> DayStats:
        """A day of the hall in figures (today's by default)."""
        return day_stats(self.store, day or self.clock.today())

    def tidal(self) -> TidalPicture:
        """What is due for the manager to confirm, and today's openings and closings."""
        return TidalPicture(self.evaluate_tidal(), self.tidal_log(self.clock.today()))
