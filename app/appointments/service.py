"""Appointments (预约服务, DESIGN §3.5): booking a slot (app.appointments.slots) by staff;
check-in, which becomes a priority ticket in the hall's queue; no-shows. Kept at the center beside
the queue; clients reach it over HTTP (app.appointments.routes, app.appointments.client).

`booked` on a slot counts the places taken: a booking takes one, a cancellation returns it, a
no-show keeps it (its slot is over). Double booking is refused inside the booking's transaction:
it first locks every slot of the slot's day (FOR UPDATE, in id order so two bookings never
deadlock; SQLite's write lock is taken at BEGIN), so the place count, the person's other bookings
that day and the day's booking numbers are read and changed by one booking at a time. Two
bookings racing for the last place, or one person booked at two windows at once, cannot both
succeed. A day's bookings carry names and phones: staff only."""

import contextlib
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.appointments.dto import AppointmentInfo, AppointmentStatus, CheckIn
from app.appointments.slots import AppointmentError, SlotBase, moment, overlaps, period_label
from app.devices.scope import Device
from app.errors import DomainError, FieldError, NotFound, ValidationFailed
from app.identity import check_id_number, check_phone, mask_name
from app.queue import order
from app.queue.service import hash_id
from app.uow import UnitOfWork
from db.models import Appointment, AppointmentSlot, HelpRequest, QueueCategory, Staff, Ticket, Window
from db.models.base import new_id

BOOKED, CHECKED_IN, NO_SHOW, CANCELLED = (
    AppointmentStatus.BOOKED,
    AppointmentStatus.CHECKED_IN,
    AppointmentStatus.NO_SHOW,
    AppointmentStatus.CANCELLED,
)
LIVE = (BOOKED, CHECKED_IN)  # the bookings a person holds
EARLY = timedelta(minutes=30)  # check-in opens this long before the slot starts
GRACE = timedelta(minutes=15)  # not checked in this long after the slot ended: a no-show


def booking_no(appointment_id: str, day: date) -> str:
    """What the applicant is told and types at the kiosk (digits only, for its keypad): the slot's
    month and day, then six digits of the booking's id; book() keeps it unique within the day."""
    return f"{day:%m%d}{int(appointment_id.replace('-', ''), 16) % 1_000_000:06d}"


def _check_in_opens(slot: AppointmentSlot) -> datetime:
    return moment(slot.day, slot.starts_at) - EARLY


def _check_in_closes(slot: AppointmentSlot) -> datetime:
    """After this the booking is a no-show."""
    return moment(slot.day, slot.ends_at) + GRACE


def _mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 7 else "*" * len(phone)


class AppointmentService(SlotBase):
    """Bookings, check-in and no-shows, on SlotBase's slots."""

    # -- bookings -------------------------------------------------------------------------------

    def book(
        self,
        actor: Actor,
        slot_id: str,
        name: str,
        phone: str,
        id_number: str = "",
        request_id: str | None = None,
    ) -> AppointmentInfo:
        actor.require(Role.CLERK, Role.AGENT, Role.MANAGER)
        name, phone, id_number = name.strip(), phone.strip().replace(" ", ""), id_number.strip().upper()
        errors = []
        if not name or len(name) > 40:
            errors.append(FieldError("name", "请填写预约人姓名（不超过 40 个字）。"))
        if problem := check_phone(phone):
            errors.append(FieldError("phone", f"{problem}。"))
        if id_number and (problem := check_id_number(id_number, self.clock.today())):
            errors.append(FieldError("id_number", f"{problem}。"))
        if errors:
            raise ValidationFailed(errors)
        id_hash = hash_id(id_number) if id_number else ""
        now = self.clock.now()
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            slot = self._lock_day(s, slot_id)
            if moment(slot.day, slot.starts_at) <= now:
                raise AppointmentError("该时段已开始或已过去，不能预约，请选择其他时段。")
            self._refuse_double(s, slot, id_hash, phone)
            if slot.booked >= slot.capacity:
                raise AppointmentError(f"该时段已约满（可约 {slot.capacity} 人），请选择其他时段。")
            if request_id is not None and s.get(HelpRequest, request_id) is None:
                raise NotFound("没有这条帮办代办申请。")
            appointment = Appointment(
                id=self._unique_id(s, slot.day),
                slot_id=slot.id,
                request_id=request_id,
                name=name,
                phone=phone,
                id_hash=id_hash,
                status=BOOKED,
                booked_by=actor.staff_no,
                booked_at=now,
            )
            s.add(appointment)
            slot.booked += 1
            s.flush()
            (info,) = self._appointments(s, Appointment.id == appointment.id)
            uow.record(
                "appointment.book",
                "appointment",
                appointment.id,
                detail={"booking_no": info.booking_no, "slot": slot.id, "day": slot.day, "starts_at": slot.starts_at},
            )
            uow.commit()
        return info

    def cancel(self, actor: Actor, appointment_id: str, reason: str) -> AppointmentInfo:
        """Returns the place to the slot, until the slot has ended."""
        actor.require(Role.CLERK, Role.AGENT, Role.MANAGER)
        reason = reason.strip()
        if not reason:
            raise ValidationFailed([FieldError("reason", "请说明取消预约的原因。")])
        now = self.clock.now()
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            appointment = self._appointment(s, appointment_id, lock=True)
            slot = s.get_one(AppointmentSlot, appointment.slot_id, with_for_update=True, populate_existing=True)
            if appointment.status != BOOKED:
                raise AppointmentError(f"该预约{appointment.status}，不能取消。")
            if moment(slot.day, slot.ends_at) <= now:
                raise AppointmentError("该预约的时段已结束，不能取消。")
            appointment.status = CANCELLED
            slot.booked -= 1
            s.flush()
            (info,) = self._appointments(s, Appointment.id == appointment.id)
            uow.record("appointment.cancel", "appointment", appointment.id, reason=reason)
            uow.commit()
        return info

    def undo_kiosk_check_in(self, ticket_id: str, reason: str, kiosk: Device) -> None:
        """The kiosk could not print the check-in's ticket: the ticket is cancelled and the booking
        is open for check-in again (at the kiosk or a window), rather than left pointing at a ticket
        nobody holds. Only the kiosk that issued the ticket may undo it."""
        checked_in = select(Appointment).where(Appointment.ticket_id == ticket_id, Appointment.status == CHECKED_IN)
        with self.store.sessions() as s:
            if s.scalar(checked_in) is None:
                raise NotFound("没有以该排队号签到的预约。")
        self.queue.cancel(ticket_id, reason, kiosk)
        with UnitOfWork(self.store, Actor(None, "kiosk", "取号机", frozenset(), kiosk.id)) as uow:
            appointment = uow.session.scalar(checked_in.with_for_update())
            if appointment is None:
                raise NotFound("没有以该排队号签到的预约。")
            appointment.status, appointment.ticket_id, appointment.checked_in_at = BOOKED, None, None
            uow.record("appointment.check_in_undone", "appointment", appointment.id, reason=reason)
            uow.commit()

    def day_list(
        self, actor: Actor, day: date, category_code: str | None = None, agent_no: str | None = None
    ) -> list[AppointmentInfo]:
        """A day's bookings, in slot order, for the windows and the agents."""
        actor.require(Role.CLERK, Role.AGENT, Role.MANAGER)
        with self.store.sessions() as s:
            where = [AppointmentSlot.day == day]
            if category_code:
                where.append(AppointmentSlot.category_code == category_code)
            if agent_no:
                where.append(AppointmentSlot.agent_id == self._agent(s, agent_no).id)
            return self._appointments(s, *where)

    # -- check-in and no-shows ------------------------------------------------------------------

    def check_in(self, actor: Actor, appointment_id: str, id_number: str = "") -> CheckIn:
        """At a window. An ID number shown at check-in must be the one booked with, and the ticket
        carries it (the booking keeps only its hash)."""
        actor.require(Role.CLERK, Role.AGENT, Role.MANAGER)
        return self._check_in(actor, appointment_id, id_number.strip().upper())

    def check_in_by_number(self, number: str, workstation_id: str) -> CheckIn:
        """At the kiosk: the booking number, the ID number booked with, or the phone booked with.
        Of the person's bookings today, the one whose check-in is open now is checked in (failing
        that, the earliest is refused with the reason); names and phones come back masked."""
        number = number.strip().upper()
        now = self.clock.now()
        with self.store.sessions() as s:
            bookings = s.execute(
                select(Appointment.id, Appointment.id_hash, Appointment.phone, AppointmentSlot)
                .join(AppointmentSlot, Appointment.slot_id == AppointmentSlot.id)
                .where(AppointmentSlot.day == now.date(), Appointment.status == BOOKED)
                .order_by(AppointmentSlot.starts_at)
            ).all()
        if re.fullmatch(r"\d{10}", number):
            mine = [b for b in bookings if booking_no(b.id, now.date()) == number]
        elif len(number) == 18:
            mine = [b for b in bookings if b.id_hash == hash_id(number)]
        else:
            mine = [b for b in bookings if b.phone == number.replace(" ", "")]
        if not mine:
            raise NotFound("没有找到今天待签到的预约，请核对预约号、身份证号码或手机号，或到咨询台办理。")
        open_now = [b for b in mine if _check_in_opens(b.AppointmentSlot) <= now <= _check_in_closes(b.AppointmentSlot)]
        kiosk = Actor(None, "kiosk", "取号机", frozenset(), workstation_id)
        done = self._check_in(kiosk, (open_now or mine)[0].id, number if len(number) == 18 else "")
        shown = replace(
            done.appointment, name=mask_name(done.appointment.name), phone=_mask_phone(done.appointment.phone)
        )
        return CheckIn(shown, done.ticket)

    def _check_in(self, actor: Actor, appointment_id: str, id_number: str) -> CheckIn:
        """The ticket is issued by the queue in its own transaction, then the booking is marked in
        another; a booking checked in meanwhile by someone else gets its extra ticket cancelled, as
        the kiosk cancels a ticket it could not print, so no phantom ticket is ever called."""
        now = self.clock.now()
        with self.store.sessions() as s:
            appointment = self._appointment(s, appointment_id)
            slot = s.get_one(AppointmentSlot, appointment.slot_id)
            self._refuse_check_in(appointment, slot, now)
            if id_number and appointment.id_hash and hash_id(id_number) != appointment.id_hash:
                raise AppointmentError("证件号码与预约时登记的不一致，请核对。")
            # Booked with an agent: the ticket waits for the agent's window, not the whole category.
            posted = select(Window.number).join(Staff, Staff.window_id == Window.id)
            agent_window = s.scalar(posted.where(Staff.id == slot.agent_id)) if slot.agent_id else None
        # The ticket waits as an ordinary one until its slot starts, then goes with priority.
        ticket = self.queue.issue(
            slot.category_code,
            order.APPOINTMENT,
            id_number,
            appointment.name,
            moment(slot.day, slot.starts_at),
            target_window=agent_window,
            issued_by=actor.workstation_id,
        )
        try:
            with UnitOfWork(self.store, actor, self.clock) as uow:
                s = uow.session
                appointment = self._appointment(s, appointment_id, lock=True)
                self._refuse_check_in(appointment, slot, now)
                appointment.status, appointment.ticket_id, appointment.checked_in_at = CHECKED_IN, ticket.id, now
                s.flush()
                (info,) = self._appointments(s, Appointment.id == appointment.id)
                uow.record("appointment.check_in", "appointment", appointment.id, detail={"ticket": ticket.label})
                uow.commit()
        except Exception:
            with contextlib.suppress(DomainError):  # the first error is the one to report
                self.queue.cancel(ticket.id, "预约签到未完成，作废")
            raise
        return CheckIn(info, ticket)

    def mark_no_shows(self, now: datetime) -> int:
        """Every booking not checked in 15 minutes after its slot ended becomes a no-show; the place
        stays taken (the slot is over). Running it again changes nothing."""
        sweeper = Actor(None, "system", "预约爽约判定", frozenset(), self.queue.workstation_id)
        with UnitOfWork(self.store, sweeper, self.clock) as uow:
            s = uow.session
            due = s.execute(
                select(Appointment, AppointmentSlot)
                .join(AppointmentSlot, Appointment.slot_id == AppointmentSlot.id)
                .where(Appointment.status == BOOKED, AppointmentSlot.day <= now.date())
                .with_for_update(of=Appointment)
            ).all()
            late = [a for a, slot in due if _check_in_closes(slot) < now]
            for a in late:
                a.status = NO_SHOW
                uow.record("appointment.no_show", "appointment", a.id, reason="预约时段结束 15 分钟后仍未签到")
            if late:
                uow.commit()
        return len(late)

    # -- rules ----------------------------------------------------------------------------------

    def _refuse_double(self, s: Session, slot: AppointmentSlot, id_hash: str, phone: str) -> None:
        """One person (the same ID number, or the same phone when booked without one) holds no two
        bookings that overlap in time on a day, whatever their services."""
        same = Appointment.id_hash == id_hash if id_hash else Appointment.phone == phone
        held = s.execute(
            select(AppointmentSlot, QueueCategory.name)
            .join(Appointment, Appointment.slot_id == AppointmentSlot.id)
            .join(QueueCategory, QueueCategory.code == AppointmentSlot.category_code)
            .where(AppointmentSlot.day == slot.day, Appointment.status.in_(LIVE), same)
        ).all()
        for other, service in held:
            if overlaps((other.starts_at, other.ends_at), (slot.starts_at, slot.ends_at)):
                who = "该证件号码" if id_hash else "该手机号"
                raise AppointmentError(
                    f"{who}已预约 {period_label(other.day, other.starts_at, other.ends_at)} 的{service}，"
                    "时段重叠，不能重复预约。"
                )

    def _refuse_check_in(self, appointment: Appointment, slot: AppointmentSlot, now: datetime) -> None:
        if appointment.status == CHECKED_IN:
            raise AppointmentError("该预约已签到，请勿重复签到。")
        if appointment.status != BOOKED:
            raise AppointmentError(f"该预约{appointment.status}，不能签到。")
        if slot.day != now.date():
            raise AppointmentError(f"该预约在 {slot.day.month}月{slot.day.day}日，只能在当天签到。")
        if now < _check_in_opens(slot):
            raise AppointmentError(
                f"预约时段为 {slot.starts_at}–{slot.ends_at}，请于 {_check_in_opens(slot):%H:%M} 后签到。"
            )
        if now > _check_in_closes(slot):
            raise AppointmentError(f"预约时段 {slot.starts_at}–{slot.ends_at} 已过，预约已失效，请重新预约或取普通号。")

    # -- lookups --------------------------------------------------------------------------------

    def _lock_day(self, s: Session, slot_id: str) -> AppointmentSlot:
        day = s.scalar(select(AppointmentSlot.day).where(AppointmentSlot.id == slot_id))
        if day is None:
            raise NotFound("没有这个预约时段。")
        locked = s.scalars(
            select(AppointmentSlot)
            .where(AppointmentSlot.day == day)
            .order_by(AppointmentSlot.id)
            .with_for_update()
            .execution_options(populate_existing=True)  # the counts as they are now, after the wait
        ).all()
        return next(x for x in locked if x.id == slot_id)

    def _unique_id(self, s: Session, day: date) -> str:
        """An id whose booking number no other booking of the day has (the day is locked)."""
        taken = {
            booking_no(i, day)
            for i in s.scalars(
                select(Appointment.id)
                .join(AppointmentSlot, Appointment.slot_id == AppointmentSlot.id)
                .where(AppointmentSlot.day == day)
            )
        }
        while booking_no(candidate := new_id(), day) in taken:
            pass
        return candidate

    def _appointment(self, s: Session, appointment_id: str, lock: bool = False) -> Appointment:
        appointment = s.get(Appointment, appointment_id, with_for_update=lock, populate_existing=lock)
        if appointment is None:
            raise NotFound("没有这条预约。")
        return appointment

    def _appointments(self, s: Session, *where) -> list[AppointmentInfo]:
        rows = s.execute(
            select(Appointment, Ticket.label)
            .join(AppointmentSlot, Appointment.slot_id == AppointmentSlot.id)
            .outerjoin(Ticket, Ticket.id == Appointment.ticket_id)
            .where(*where)
            .order_by(AppointmentSlot.starts_at, AppointmentSlot.category_code, Appointment.booked_at)
        ).all()
        in_slots = AppointmentSlot.id.in_({a.slot_id for a, _ in rows})
        slots = {x.id: x for x in self._slots(s, self.clock.now(), in_slots)}
        return [
            AppointmentInfo(
                id=a.id,
                booking_no=booking_no(a.id, slots[a.slot_id].day),
                slot=slots[a.slot_id],
                name=a.name,
                phone=a.phone,
                has_id=bool(a.id_hash),
                status=AppointmentStatus(a.status),
                ticket_id=a.ticket_id,
                ticket_label=label or "",
                booked_by=a.booked_by,
                booked_at=a.booked_at,
                checked_in_at=a.checked_in_at,
            )
            for a, label in rows
        ]
