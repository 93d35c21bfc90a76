"""Appointment slots (预约服务, DESIGN §3.5): bookable periods of a service (a queue category),
with an agent or not, opened by managers on working days, and read by anyone enrolled (they carry
no personal data: the kiosk and the booking form show them). Bookings are app.appointments.service."""

import re
from datetime import date, datetime, time, timedelta
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.appointments.dto import SlotInfo, SlotOpening
from app.clock import Clock
from app.errors import DomainError, FieldError, NotFound, ValidationFailed
from app.queue.service import QueueService
from app.uow import UnitOfWork
from app.workdays import WorkCalendar
from db.models import AppointmentSlot, QueueCategory, Staff, StaffRole
from db.store import Store

MAX_DAYS = 92  # slots are opened a quarter ahead at most
MAX_CAPACITY = 50
_HH_MM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


class AppointmentError(DomainError):
    pass


def moment(day: date, hh_mm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hh_mm))


def overlaps(a: tuple[str, str], b: tuple[str, str]) -> bool:
    return a[0] < b[1] and b[0] < a[1]  # "HH:MM" strings sort as times


def period_label(day: date, starts_at: str, ends_at: str) -> str:
    return f"{day.month}月{day.day}日 {starts_at}–{ends_at}"


def _periods(times) -> tuple[list[tuple[str, str]], list[FieldError]]:
    """The day's periods, each "HH:MM"–"HH:MM", in order and not overlapping one another; or why not."""
    problems = []
    periods = []
    for pair in times:
        if len(pair) != 2 or not all(isinstance(t, str) and _HH_MM.fullmatch(t) for t in pair):
            problems.append(f"时段“{'–'.join(map(str, pair))}”格式应为 HH:MM–HH:MM（如 09:00–09:30）")
        elif pair[0] >= pair[1]:
            problems.append(f"时段 {pair[0]}–{pair[1]} 的结束时间应晚于开始时间")
        else:
            periods.append((pair[0], pair[1]))
    periods.sort()
    problems += [f"时段 {a[0]}–{a[1]} 与 {b[0]}–{b[1]} 重叠" for a, b in pairwise(periods) if overlaps(a, b)]
    if not periods and not problems:
        problems.append("请至少给出一个时段")
    return periods, [FieldError("times", "；".join(problems) + "。")] if problems else []


class SlotBase:
    """The store, the clock and the slots; AppointmentService adds the bookings."""

    def __init__(self, store: Store, clock: Clock | None = None, queue: QueueService | None = None):
        self.store = store
        # Check-in issues its ticket through the queue, which also supplies the time: slots, bookings
        # and tickets are judged by one clock.
        self.queue = queue or QueueService(store, clock=clock)

    @property
    def clock(self) -> Clock:
        return self.queue.clock

    def open_slots(self, actor: Actor, opening: SlotOpening) -> list[SlotInfo]:
        """The opening's periods on each of its working days; all or nothing. A period may not
        overlap one already open for the same service (or, with an agent, any of that agent's)."""
        actor.require(Role.MANAGER)
        periods, errors = _periods(opening.times)
        if not 1 <= opening.days <= MAX_DAYS:
            errors.append(FieldError("days", f"开放天数应为 1–{MAX_DAYS} 天。"))
        if not 1 <= opening.capacity <= MAX_CAPACITY:
            errors.append(FieldError("capacity", f"每个时段可约人数应为 1–{MAX_CAPACITY}。"))
        if errors:
            raise ValidationFailed(errors)
        now = self.clock.now()
        if opening.first_day < now.date():
            raise AppointmentError("不能开放已过去日期的预约时段。")
        if opening.first_day == now.date() and (
            started := [p for p in periods if moment(opening.first_day, p[0]) <= now]
        ):
            raise AppointmentError(f"今天 {started[0][0]} 起的时段已开始，不能开放；请从明天开始或选择稍后的时段。")
        try:
            with UnitOfWork(self.store, actor, self.clock) as uow:
                s = uow.session
                category = self._category(s, opening.category)
                agent = self._agent(s, opening.agent_no) if opening.agent_no else None
                calendar = WorkCalendar.load(s)
                working = [
                    d
                    for d in (opening.first_day + timedelta(days=n) for n in range(opening.days))
                    if calendar.is_working_day(d)
                ]
                if not working:
                    raise AppointmentError("所选日期内没有工作日，未开放任何时段。")
                self._refuse_clashes(s, category.code, agent, working, periods)
                slots = [
                    AppointmentSlot(
                        category_code=category.code,
                        agent_id=agent.id if agent else None,
                        day=d,
                        starts_at=start,
                        ends_at=end,
                        capacity=opening.capacity,
                        booked=0,
                    )
                    for d in working
                    for start, end in periods
                ]
                s.add_all(slots)
                s.flush()
                uow.record(
                    "appointment.open_slots",
                    "queue_category",
                    category.code,
                    detail={
                        "agent": agent.staff_no if agent else "",
                        "days": [d.isoformat() for d in working],
                        "times": periods,
                        "capacity": opening.capacity,
                    },
                )
                opened = self._slots(s, now, AppointmentSlot.id.in_([x.id for x in slots]))
                uow.commit()
        except IntegrityError as exc:  # another manager opened the same agent's slot at this moment
            raise AppointmentError("相同的时段刚被开放，请刷新后重试。") from exc
        return opened

    def slots(self, category_code: str, day: date, agent_no: str | None = None) -> list[SlotInfo]:
        with self.store.sessions() as s:
            self._category(s, category_code)
            where = [AppointmentSlot.category_code == category_code, AppointmentSlot.day == day]
            if agent_no:
                where.append(AppointmentSlot.agent_id == self._agent(s, agent_no).id)
            return self._slots(s, self.clock.now(), *where)

    def _refuse_clashes(
        self, s: Session, code: str, agent: Staff | None, days: list[date], periods: list[tuple[str, str]]
    ) -> None:
        same = (
            AppointmentSlot.agent_id == agent.id
            if agent
            else ((AppointmentSlot.category_code == code) & AppointmentSlot.agent_id.is_(None))
        )
        existing = s.scalars(select(AppointmentSlot).where(AppointmentSlot.day.in_(days), same)).all()
        clashes = [
            period_label(x.day, x.starts_at, x.ends_at)
            for x in sorted(existing, key=lambda x: (x.day, x.starts_at))
            if any(overlaps((x.starts_at, x.ends_at), p) for p in periods)
        ]
        if clashes:
            whose = agent.name if agent else ""
            more = f"等 {len(clashes)} 个" if len(clashes) > 3 else ""
            raise AppointmentError(f"与{whose}已开放的时段重复或重叠：{'、'.join(clashes[:3])}{more}，未开放任何时段。")

    def _category(self, s: Session, code: str) -> QueueCategory:
        category = s.scalar(select(QueueCategory).where(QueueCategory.code == code))
        if category is None:
            raise NotFound(f"没有“{code}”这个服务类别。")
        return category

    def _agent(self, s: Session, staff_no: str) -> Staff:
        agent = s.scalar(
            select(Staff)
            .join(StaffRole, StaffRole.staff_id == Staff.id)
            .where(Staff.staff_no == staff_no, Staff.active.is_(True), StaffRole.role == Role.AGENT)
        )
        if agent is None:
            raise NotFound(f"“{staff_no}”不是在岗的帮办代办员。")
        return agent

    def _slots(self, s: Session, now: datetime, *where) -> list[SlotInfo]:
        rows = s.execute(
            select(AppointmentSlot, QueueCategory.name, Staff.staff_no, Staff.name)
            .join(QueueCategory, QueueCategory.code == AppointmentSlot.category_code)
            .outerjoin(Staff, Staff.id == AppointmentSlot.agent_id)
            .where(*where)
            .order_by(AppointmentSlot.day, AppointmentSlot.starts_at, Staff.staff_no)
        ).all()
        return [
            SlotInfo(
                id=x.id,
                category_code=x.category_code,
                category_name=service,
                agent_no=agent_no or "",
                agent_name=agent_name or "",
                day=x.day,
                starts_at=x.starts_at,
                ends_at=x.ends_at,
                capacity=x.capacity,
                booked=x.booked,
                free=x.capacity - x.booked,
                bookable=x.booked < x.capacity and moment(x.day, x.starts_at) > now,
            )
            for x, service, agent_no, agent_name in rows
        ]
