"""The hall's queue at the center: tickets from the kiosk, calls from the windows, the board's
picture, tidal windows, ratings from the pads and the rectification items bad ratings open.

Times are the hall's local wall-clock time (tickets reset daily, statistics are by local hour).
Every change is one unit of work: the ticket, its queue event and an audit row together. A call
is atomic: the chosen ticket is claimed by an UPDATE that only succeeds while it still waits, so
two windows calling at once never get the same ticket (on PostgreSQL the candidate rows are
also locked with SKIP LOCKED, so concurrent calls do not queue behind each other)."""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.clock import Clock
from app.errors import DomainError, NotFound, PermissionDenied
from app.identity import check_id_number, mask_name
from app.queue import order, tidal
from app.uow import UnitOfWork
from app.workdays import WorkCalendar
from db.models import (
    Application,
    Case,
    Evaluation,
    QueueCategory,
    QueueEvent,
    QueueSettings,
    Rectification,
    Staff,
    StaffRole,
    Ticket,
    TidalOpening,
    Window,
)
from db.models.org import window_categories
from db.store import Store

WAITING, CALLED, SERVING, PARKED = "等候", "已呼叫", "办理中", "暂停"
DONE, NO_SHOW, CANCELLED = "已办结", "过号", "已取消"
LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
RECTIFY_DAYS = 15
RATE_WITHIN = timedelta(minutes=10)  # a pad may still rate the service that just ended


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


def _hash_id(number: str) -> str:
    return hashlib.sha256(number.strip().upper().encode()).hexdigest()


class QueueService:
    def __init__(self, store: Store, workstation_id: str = "center", clock: Clock | None = None):
        self.store = store
        self.workstation_id = workstation_id
        self.clock = clock or Clock()

    # -- who ------------------------------------------------------------------------------------

    def _device(self) -> Actor:
        return Actor(None, "kiosk", "取号机", frozenset(), self.workstation_id)

    def _staff(self, s: Session, staff_no: str, *roles: Role) -> Actor:
        """The acting staff member as the center knows them (roles are never taken from the caller)."""
        rows = s.execute(
            select(Staff.id, Staff.name, StaffRole.role)
            .outerjoin(StaffRole, StaffRole.staff_id == Staff.id)
            .where(Staff.staff_no == staff_no, Staff.active.is_(True))
        ).all()
        if not rows:
            raise PermissionDenied(f"“{staff_no}”不是中心登记的在岗工作人员。")
        held = frozenset(Role(r.role) for r in rows if r.role)
        actor = Actor(rows[0].id, staff_no, rows[0].name, held, self.workstation_id)
        actor.require(*roles)
        return actor

    def _settings(self, s: Session) -> QueueSettings:
        return s.get(QueueSettings, 1) or QueueSettings(id=1, tidal_mode="suggest", priority_streak=3, recall_limit=3)

    # -- kiosk ----------------------------------------------------------------------------------

    def categories(self) -> list[dict]:
        """What the kiosk offers: each category with its waiting count and estimated wait."""
        now = self.clock.now()
        with self.store.sessions() as s:
            cats = s.scalars(select(QueueCategory).order_by(QueueCategory.code)).all()
            return [
                {
                    "code": c.code,
                    "name": c.name,
                    "waiting": self._waiting_count(s, c.code, now.date()),
                    "est_wait_min": self._estimate(s, c, self._waiting_count(s, c.code, now.date()), now),
                    "windows": sorted(self._serving_windows(s, now.date()).get(c.code, set())),
                }
                for c in cats
            ]

    def _waiting_count(self, s: Session, code: str, day) -> int:
        return s.scalar(
            select(func.count()).where(Ticket.day == day, Ticket.category_code == code, Ticket.status == WAITING)
        )

    def _serving_windows(self, s: Session, day) -> dict[str, set[int]]:
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

    def _estimate(self, s: Session, category: QueueCategory, ahead: int, now: datetime) -> int:
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
        windows = max(1, len(self._serving_windows(s, now.date()).get(category.code, set())))
        return round(ahead * minutes / windows)

    def issue(
        self,
        category_code: str,
        priority: str = "",
        id_number: str = "",
        name: str = "",
        appointment_at: datetime | None = None,
    ) -> TicketInfo:
        """An appointment checked in without its slot time (the kiosk's 预约签到) is due at once."""
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
                return self._issue(category_code, priority, id_number, name.strip()[:40], now, appointment_at)
            except IntegrityError:
                continue
        raise QueueError("取号繁忙，请重试。")

    def _issue(
        self, code: str, priority: str, id_number: str, name: str, now: datetime, appointment_at: datetime | None
    ) -> TicketInfo:
        with UnitOfWork(self.store, self._device()) as uow:
            s = uow.session
            category = s.scalar(select(QueueCategory).where(QueueCategory.code == code))
            if category is None:
                raise NotFound(f"没有“{code}”这个取号类别。")
            if not self._serving_windows(s, now.date()).get(code):
                raise QueueError(f"{category.name}暂无窗口办理，请咨询导办人员。")
            id_hash = _hash_id(id_number) if id_number else None
            if id_hash and s.scalar(
                select(Ticket.label).where(
                    Ticket.day == now.date(),
                    Ticket.category_code == code,
                    Ticket.id_hash == id_hash,
                    Ticket.status.in_((WAITING, CALLED, PARKED)),
                )
            ):
                raise QueueError(f"该证件号已有{category.name}的等候号，不能重复取号。")
            last = s.scalar(select(func.count()).where(Ticket.day == now.date(), Ticket.label.like(f"{code}%")))
            ticket = Ticket(
                day=now.date(),
                label=f"{code}{last + 1:03d}",
                category_code=code,
                priority=priority,
                appointment_at=appointment_at,
                id_hash=id_hash,
                name=name,
                issued_at=now,
                order_at=now,
                status=WAITING,
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

    def cancel(self, ticket_id: str, reason: str) -> None:
        """The kiosk could not print: the ticket never existed for the applicant."""
        with UnitOfWork(self.store, self._device()) as uow:
            t = self._ticket(uow.session, ticket_id)
            if t.status != WAITING or t.called_at is not None:
                raise QueueError(f"{t.label}号已被呼叫，不能作废。")
            t.status = CANCELLED
            self._event(uow.session, t, "作废", None, "", reason)
            uow.record("queue.cancel", "ticket", t.id, reason=reason)
            uow.commit()

    # -- the window -----------------------------------------------------------------------------

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

    def _streak(self, s: Session, window_no: int, day, limit: int, now: datetime) -> int:
        """Priority calls this window made in a row just before (green channel calls do not count)."""
        recent = s.execute(
            select(*LINE_COLUMNS, Ticket.called_at)
            .where(Ticket.day == day, Ticket.window_no == window_no, Ticket.called_at.is_not(None))
            .order_by(Ticket.called_at.desc())
            .limit(limit + 5)
        ).all()
        streak = 0
        for *line, called_at in recent:
            ticket = order.Waiting(*line)
            if ticket.priority == order.GREEN:
                continue
            if not order.is_priority_call(ticket, called_at):
                break
            streak += 1
        return streak

    def _lines(self, window_no: int, categories: set[str], day, now: datetime) -> dict[int, list]:
        """The head of each line this window may call from, as queries: 0 green channel, 1 priority,
        1 appointments whose slot has come, 2 everyone else (see app.queue.order.rank)."""
        mine = and_(
            Ticket.day == day,
            Ticket.status == WAITING,
            or_(
                Ticket.target_window == window_no,
                and_(Ticket.target_window.is_(None), Ticket.category_code.in_(categories)),
            ),
        )
        due = and_(Ticket.priority == order.APPOINTMENT, Ticket.appointment_at <= now)
        early = or_(Ticket.appointment_at.is_(None), Ticket.appointment_at > now)
        ordinary = or_(Ticket.priority == "", and_(Ticket.priority == order.APPOINTMENT, early))
        head = select(*LINE_COLUMNS).where(mine).limit(1)
        return {
            0: [head.where(Ticket.priority == order.GREEN).order_by(Ticket.order_at, Ticket.id)],
            1: [
                head.where(Ticket.priority.in_(order.PRIORITY)).order_by(Ticket.order_at, Ticket.id),
                head.where(due).order_by(Ticket.appointment_at, Ticket.id),
            ],
            2: [head.where(ordinary).order_by(Ticket.order_at, Ticket.id)],
        }

    def call_next(self, staff_no: str, window_no: int) -> TicketInfo:
        """Peeks at the head of each line, applies the calling order to those few, then claims the
        head of the chosen line. On PostgreSQL the claim skips rows another window is claiming at
        this moment (SKIP LOCKED), so concurrent calls take successive tickets instead of queueing
        behind one; on SQLite writes are serialized anyway. The UPDATE only succeeds on a ticket
        that still waits: a ticket is never called twice."""
        now = self.clock.now()
        pg = self.store.engine.dialect.name == "postgresql"
        for _attempt in range(5):
            with UnitOfWork(self.store, self._device()) as uow:
                s = uow.session
                uow.actor = self._staff(s, staff_no, Role.CLERK, Role.AGENT, Role.MANAGER)
                busy = s.scalar(
                    select(Ticket.label).where(
                        Ticket.day == now.date(), Ticket.window_no == window_no, Ticket.status.in_((CALLED, SERVING))
                    )
                )
                if busy:
                    raise QueueError(f"{window_no} 号窗口正在处理 {busy} 号，请先结束办理或标记过号。")
                settings = self._settings(s)
                categories = self.window_categories(s, window_no)
                lines = self._lines(window_no, categories, now.date(), now)
                heads: dict[str, tuple[order.Waiting, object]] = {}
                for query in (q for queries in lines.values() for q in queries):
                    row = s.execute(query).first()
                    if row is not None:
                        heads[row.id] = (order.Waiting(*row), query)
                streak = self._streak(s, window_no, now.date(), settings.priority_streak, now)
                peek = [line for line, _query in heads.values()]
                chosen = order.choose_next(peek, window_no, categories, streak, settings.priority_streak, now)
                if chosen is None:
                    served = "、".join(sorted(categories)) or "无"
                    raise QueueError(f"{window_no} 号窗口办理的类别（{served}）暂无等候。")
                query = heads[chosen.id][1]
                claim = select(Ticket).from_statement(
                    query.with_only_columns(Ticket).with_for_update(skip_locked=True) if pg else query
                )
                ticket = s.scalar(claim)
                if ticket is None:
                    continue  # the whole line is being claimed right now: look again
                # Ours now: on PostgreSQL the row is locked and re-checked as still waiting; on
                # SQLite this transaction holds the database's write lock.
                ticket.status, ticket.window_no, ticket.staff_no, ticket.called_at = CALLED, window_no, staff_no, now
                self._event(s, ticket, "呼叫", window_no, staff_no)
                info = self._info(s, ticket, now)
                uow.record("queue.call", "ticket", ticket.id, detail={"label": ticket.label, "window": window_no})
                uow.commit()
                return info
        raise QueueError("叫号繁忙，请重试。")

    def _act(self, staff_no: str, ticket_id: str, kind: str, change, reason: str = "") -> TicketInfo:
        now = self.clock.now()
        with UnitOfWork(self.store, self._device()) as uow:
            s = uow.session
            uow.actor = self._staff(s, staff_no, Role.CLERK, Role.AGENT, Role.MANAGER)
            t = self._ticket(s, ticket_id, lock=True)
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

    def no_show(self, staff_no: str, ticket_id: str) -> TicketInfo:
        def change(s, t, now):
            if t.status != CALLED:
                raise QueueError(f"{t.label}号不在呼叫中，不能标记过号。")
            t.status = NO_SHOW
            t.ended_at = now

        return self._act(staff_no, ticket_id, "过号", change)

    def start(self, staff_no: str, ticket_id: str) -> TicketInfo:
        def change(s, t, now):
            if t.status != CALLED:
                raise QueueError(f"{t.label}号不在呼叫中，不能开始办理。")
            t.status, t.started_at = SERVING, now

        return self._act(staff_no, ticket_id, "开始办理", change)

    def end(self, staff_no: str, ticket_id: str) -> TicketInfo:
        def change(s, t, now):
            if t.status != SERVING:
                raise QueueError(f"{t.label}号不在办理中，不能结束办理。")
            t.status, t.ended_at = DONE, now

        return self._act(staff_no, ticket_id, "结束办理", change)

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
                if not self._serving_windows(s, now.date()).get(category_code):
                    raise QueueError(f"{category_code}类当前没有窗口办理，不能转入。")
                t.category_code, t.target_window = category_code, None
                where = f"转至{category_code}类"
            else:
                self._window(s, window_no)
                if not self.window_categories(s, window_no):
                    raise QueueError(f"{window_no} 号窗口当前未开放，不能转入。")
                t.target_window = window_no
                where = f"转至{window_no}号窗口"
            t.status, t.window_no, t.staff_no, t.called_at, t.started_at, t.recalls = WAITING, None, "", None, None, 0
            return where

        return self._act(staff_no, ticket_id, "转移", change)

    def window_state(self, window_no: int) -> dict:
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
            return {
                "window_no": window_no,
                "categories": sorted(categories),
                "current": asdict(self._info(s, current, now)) if current else None,
                "parked": [asdict(self._info(s, t, now)) for t in parked],
                "rateable": asdict(self._info(s, rateable, now)) if rateable else None,
                "staff_no": staff_no,
                "staff_name": staff.name if staff else "",
                "waiting": {c: self._waiting_count(s, c, now.date()) for c in sorted(categories)},
            }

    # -- the board ------------------------------------------------------------------------------

    def board(self, after_seq: int = 0) -> dict:
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

            def call(e, t):
                return {"seq": e.seq, "label": t.label, "window_no": e.window_no, "name": mask_name(t.name)}

            return {
                "at": now.isoformat(timespec="seconds"),
                "windows": [
                    {
                        "window_no": n,
                        "label": t.label,
                        "name": mask_name(t.name),
                        "status": t.status,
                    }
                    for n, t in sorted(current.items())
                ],
                "recent": [call(e, t) for e, t in calls[:8]],
                "announce": [call(e, t) for e, t in reversed(calls) if e.seq > after_seq] if after_seq else [],
                "waiting": [
                    {"code": c.code, "name": c.name, "waiting": self._waiting_count(s, c.code, now.date())}
                    for c in cats
                ],
                "tidal": [{"window_no": o.window_no, "category_code": o.category_code} for o in tidal_open],
                "seq": head,
            }

    # -- tidal windows --------------------------------------------------------------------------

    def _loads(self, s: Session, now: datetime) -> dict[str, tidal.Load]:
        rows = s.execute(
            select(Ticket.category_code, func.count(), func.min(Ticket.order_at))
            .where(Ticket.day == now.date(), Ticket.status == WAITING)
            .group_by(Ticket.category_code)
        ).all()
        loads = {code: tidal.Load(0, 0) for code in s.scalars(select(QueueCategory.code))}
        for code, count, oldest in rows:
            loads[code] = tidal.Load(count, (now - oldest).total_seconds() / 60)
        return loads

    def evaluate_tidal(self, now: datetime | None = None) -> list[dict]:
        """Brings the low-queue clocks up to date; in automatic mode applies what is due, in
        suggest mode returns it for the manager to confirm."""
        now = now or self.clock.now()
        with UnitOfWork(self.store, Actor(None, "tidal", "潮汐窗口", frozenset(), self.workstation_id)) as uow:
            s = uow.session
            loads = self._loads(s, now)
            rules = {c.code: _rule(c) for c in s.scalars(select(QueueCategory))}
            openings = []
            for o in s.scalars(select(TidalOpening).where(TidalOpening.closed_at.is_(None))):
                view = _opening(o)
                low = tidal.low_since(view, loads.get(o.category_code, tidal.Load(0, 0)), rules[o.category_code], now)
                if low != o.low_since:
                    o.low_since = low
                openings.append(_opening(o))
            standby = sorted(s.scalars(select(Window.number).where(Window.tidal_standby.is_(True))))
            actions = tidal.decide(loads, rules, openings, standby, now)
            if self._settings(s).tidal_mode == "auto":
                for action in actions:
                    self._apply_tidal(uow, action, "自动", now)
                actions = []
            uow.commit()
        return [asdict(a) for a in actions]

    def confirm_tidal(self, staff_no: str, action: dict) -> None:
        """A manager confirms a suggestion with one click; it must still be due."""
        now = self.clock.now()
        due = [
            a
            for a in self.evaluate_tidal(now)
            if (a["kind"], a["window_no"]) == (action.get("kind"), action.get("window_no"))
        ]
        if not due:
            raise QueueError("该建议已不再适用（排队情况已变化），请刷新。")
        with UnitOfWork(self.store, self._device()) as uow:
            uow.actor = self._staff(uow.session, staff_no, Role.MANAGER)
            self._apply_tidal(uow, tidal.Action(**due[0]), staff_no, now)
            uow.commit()

    def _apply_tidal(self, uow: UnitOfWork, action: tidal.Action, by: str, now: datetime) -> None:
        s = uow.session
        if action.kind == "open":
            o = TidalOpening(
                window_no=action.window_no,
                category_code=action.category_code,
                opened_at=now,
                open_reason=action.reason,
                opened_by=by,
                close_reason="",
                closed_by="",
            )
            s.add(o)
            s.flush()
        else:
            o = s.get(TidalOpening, action.opening_id)
            o.closed_at, o.close_reason, o.closed_by = now, action.reason, by
        s.add(
            QueueEvent(
                at=now,
                kind="潮汐开启" if action.kind == "open" else "潮汐关闭",
                window_no=action.window_no,
                staff_no=by,
                detail=f"{action.category_code}：{action.reason}",
            )
        )
        uow.record(f"queue.tidal_{action.kind}", "window", str(action.window_no), reason=action.reason)

    def set_tidal_mode(self, staff_no: str, mode: str) -> None:
        if mode not in ("suggest", "auto"):
            raise QueueError("潮汐窗口模式只能是“建议”或“自动”。")
        with UnitOfWork(self.store, self._device()) as uow:
            uow.actor = self._staff(uow.session, staff_no, Role.MANAGER)
            settings = uow.session.get(QueueSettings, 1)
            if settings is None:
                settings = QueueSettings(id=1, priority_streak=3, recall_limit=3)
                uow.session.add(settings)
            settings.tidal_mode = mode
            uow.record("queue.tidal_mode", "queue_settings", "1", detail={"mode": mode})
            uow.commit()

    def tidal_log(self, day) -> list[dict]:
        with self.store.sessions() as s:
            start = datetime.combine(day, datetime.min.time())
            rows = s.scalars(
                select(TidalOpening)
                .where(TidalOpening.opened_at >= start, TidalOpening.opened_at < start + timedelta(days=1))
                .order_by(TidalOpening.opened_at)
            ).all()
            return [
                {
                    "window_no": o.window_no,
                    "category_code": o.category_code,
                    "opened_at": o.opened_at.isoformat(timespec="minutes"),
                    "open_reason": o.open_reason,
                    "opened_by": o.opened_by,
                    "closed_at": o.closed_at.isoformat(timespec="minutes") if o.closed_at else None,
                    "close_reason": o.close_reason,
                    "closed_by": o.closed_by,
                }
                for o in rows
            ]

    # -- rating ---------------------------------------------------------------------------------

    def _rateable(self, s: Session, window_no: int, now: datetime) -> Ticket | None:
        """The ticket in service at the window, or the one that ended there in the last minutes
        and has no rating yet."""
        rated = select(Evaluation.ticket_id)
        serving = s.scalar(
            select(Ticket).where(
                Ticket.day == now.date(),
                Ticket.window_no == window_no,
                Ticket.status == SERVING,
                Ticket.id.not_in(rated),
            )
        )
        if serving is not None:
            return serving
        return s.scalar(
            select(Ticket)
            .where(
                Ticket.day == now.date(),
                Ticket.window_no == window_no,
                Ticket.status == DONE,
                Ticket.ended_at >= now - RATE_WITHIN,
                Ticket.id.not_in(rated),
            )
            .order_by(Ticket.ended_at.desc())
        )

    def rate(self, window_no: int, level: int, reason: str = "") -> dict:
        if level not in LEVELS:
            raise QueueError("评价等级应为 1～5。")
        reason = reason.strip()
        if level <= 2 and not reason:
            raise QueueError(f"选择“{LEVELS[level]}”时请说明原因。")
        now = self.clock.now()
        pad = Actor(None, "pad", f"{window_no}号窗口评价器", frozenset(), self.workstation_id)
        with UnitOfWork(self.store, pad) as uow:
            s = uow.session
            self._window(s, window_no)
            t = self._rateable(s, window_no, now)
            if t is None:
                raise QueueError(f"{window_no} 号窗口当前没有正在办理的业务，无法评价。")
            case_nos = list(
                s.scalars(
                    select(Case.case_no)
                    .join(Application, Case.application_id == Application.id)
                    .where(Application.ticket_id == t.id)
                )
            )
            ev = Evaluation(
                ticket_id=t.id,
                window_no=window_no,
                staff_no=t.staff_no,
                level=level,
                reason=reason,
                case_nos=json.dumps(case_nos, ensure_ascii=False),
                at=now,
            )
            s.add(ev)
            s.flush()
            result = {"label": t.label, "level": level, "case_nos": case_nos, "rectification_due": None}
            if level <= 2:
                due = WorkCalendar.load(s).add_working_days(now.date(), RECTIFY_DAYS)
                s.add(Rectification(evaluation_id=ev.id, opened_on=now.date(), due_on=due.day, status="待整改"))
                result["rectification_due"] = due.day.isoformat()
            uow.record("queue.rate", "ticket", t.id, reason=reason, detail={"level": level, "cases": case_nos})
            uow.commit()
        return result

    def rectifications(self) -> list[dict]:
        with self.store.sessions() as s:
            rows = s.execute(
                select(Rectification, Evaluation, Ticket)
                .join(Evaluation, Rectification.evaluation_id == Evaluation.id)
                .join(Ticket, Evaluation.ticket_id == Ticket.id)
                .order_by(Rectification.due_on)
            ).all()
            return [
                {
                    "id": r.id,
                    "label": t.label,
                    "window_no": e.window_no,
                    "staff_no": e.staff_no,
                    "level": LEVELS[e.level],
                    "reason": e.reason,
                    "case_nos": json.loads(e.case_nos or "[]"),
                    "opened_on": r.opened_on.isoformat(),
                    "due_on": r.due_on.isoformat(),
                    "status": r.status,
                }
                for r, e, t in rows
            ]

    # -- helpers --------------------------------------------------------------------------------

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
            line, at = _rank_sql(now)
            mine, mine_at = order.rank(_waiting(t), now)
            ahead = s.scalar(
                select(func.count()).where(
                    Ticket.day == t.day,
                    Ticket.category_code == t.category_code,
                    Ticket.status == WAITING,
                    Ticket.id != t.id,
                    or_(line < mine, and_(line == mine, at < mine_at)),
                )
            )
        return TicketInfo(
            id=t.id,
            label=t.label,
            category_code=t.category_code,
            category_name=category.name if category else t.category_code,
            priority=t.priority,
            status=t.status,
            issued_at=t.issued_at.isoformat(timespec="seconds"),
            ahead=ahead,
            est_wait_min=self._estimate(s, category, ahead, now) if category and t.status == WAITING else 0,
            window_no=t.window_no,
            name_masked=mask_name(t.name),
            recalls=t.recalls,
        )


LINE_COLUMNS = (
    Ticket.id,
    Ticket.category_code,
    Ticket.priority,
    Ticket.order_at,
    Ticket.appointment_at,
    Ticket.target_window,
)


def _rank_sql(now: datetime):
    """app.queue.order.rank as SQL expressions (line, time), to count who is ahead in the database."""
    due = and_(Ticket.priority == order.APPOINTMENT, Ticket.appointment_at <= now)
    line = case((Ticket.priority == order.GREEN, 0), (Ticket.priority.in_(order.PRIORITY), 1), (due, 1), else_=2)
    return line, case((due, Ticket.appointment_at), else_=Ticket.order_at)


def _waiting(t: Ticket) -> order.Waiting:
    return order.Waiting(t.id, t.category_code, t.priority, t.order_at, t.appointment_at, t.target_window)


def _rule(c: QueueCategory) -> tidal.Rule:
    return tidal.Rule(c.open_waiting, c.open_wait_min, c.close_waiting, c.close_after_min, c.min_open_min)


def _opening(o: TidalOpening) -> tidal.Opening:
    return tidal.Opening(o.id, o.window_no, o.category_code, o.opened_at, o.low_since)
