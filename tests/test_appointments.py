"""Appointments at the center: slots, booking without double booking, cancel, check-in into the
queue as a priority ticket, no-shows, over HTTP, and the last places raced on PostgreSQL."""

import threading
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.appointments.client import AppointmentClient
from app.appointments.dto import SlotOpening
from app.appointments.service import BOOKED, CANCELLED, CHECKED_IN, NO_SHOW, AppointmentService
from app.appointments.slots import AppointmentError
from app.auth import on_duty
from app.clock import FixedClock
from app.devices.scope import Device, DeviceKind, DeviceRefused
from app.errors import NotFound, PermissionDenied, ValidationFailed
from app.identity import id_check_char
from app.queue import order
from app.queue.service import QueueService
from app.queue.tickets import WAITING
from db.models import Appointment, AppointmentSlot, AuditEntry, Ticket
from tests.sync_harness import People, device, workstation

ZHANG_ID = "11010519491231002X"
LI_ID = "11010519800101001" + id_check_char("11010519800101001")
MONDAY = date(2026, 3, 2)
TWO = (("09:00", "09:30"), ("09:30", "10:00"))


def staff(store, staff_no: str, workstation_id: str = "center"):
    with store.sessions() as s:
        return on_duty(s, staff_no, workstation_id)


def count(store, model, *where) -> int:
    with store.sessions() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 2, 25, 16, 0))  # a Wednesday before


@pytest.fixture
def service(demo_ctx, clock):
    # The demo store is a workstation's: the queue writes its outbox under that workstation.
    return AppointmentService(demo_ctx.store, queue=QueueService(demo_ctx.store, demo_ctx.workstation_id, clock))


@pytest.fixture
def people(demo_ctx):
    return {no: staff(demo_ctx.store, no, demo_ctx.workstation_id) for no in ("M001", "C001", "A001")}


def one_slot(service, people, code="A", capacity=1, day=MONDAY, times=(("09:00", "09:30"),), agent_no=None):
    (slot,) = service.open_slots(people["M001"], SlotOpening(code, day, 1, agent_no, capacity, times))
    return slot


def test_slots_open_on_working_days_only_all_or_nothing(service, people, demo_ctx):
    manager, store = people["M001"], demo_ctx.store
    # Thursday 26 February to Sunday 1 March 2026: Saturday the 28th is a 春节 make-up working day.
    opened = service.open_slots(manager, SlotOpening("A", date(2026, 2, 26), 4, capacity=2, times=TWO))
    assert sorted({s.day for s in opened}) == [date(2026, 2, 26), date(2026, 2, 27), date(2026, 2, 28)]
    assert len(opened) == 6 and {(s.capacity, s.free, s.category_name) for s in opened} == {(2, 2, "企业开办")}
    created = count(store, AppointmentSlot)

    with pytest.raises(PermissionDenied):
        service.open_slots(people["C001"], SlotOpening("A", MONDAY, 1, times=TWO))
    with pytest.raises(NotFound, match="没有“Z”"):
        service.open_slots(manager, SlotOpening("Z", MONDAY, 1, times=TWO))
    with pytest.raises(NotFound, match="不是在岗的帮办代办员"):
        service.open_slots(manager, SlotOpening("A", MONDAY, 1, agent_no="C001", times=TWO))
    with pytest.raises(ValidationFailed, match="格式应为 HH:MM") as bad:
        service.open_slots(manager, SlotOpening("A", MONDAY, 1, times=(("9:00", "09:30"),)))
    assert bad.value.errors[0].field == "times"
    with pytest.raises(ValidationFailed, match="结束时间应晚于开始时间"):
        service.open_slots(manager, SlotOpening("A", MONDAY, 1, times=(("10:00", "09:30"),)))
    with pytest.raises(ValidationFailed, match="重叠"):
        service.open_slots(manager, SlotOpening("A", MONDAY, 1, times=(("09:00", "10:00"), ("09:30", "10:30"))))
    with pytest.raises(ValidationFailed, match="可约人数"):
        service.open_slots(manager, SlotOpening("A", MONDAY, 1, capacity=0, times=TWO))
    with pytest.raises(AppointmentError, match="已过去日期"):
        service.open_slots(manager, SlotOpening("A", date(2026, 2, 24), 5, times=TWO))
    with pytest.raises(AppointmentError, match="今天 09:00 起的时段已开始"):
        service.open_slots(
            manager, SlotOpening("A", date(2026, 2, 25), 1, times=(("09:00", "09:30"), ("16:30", "17:00")))
        )
    with pytest.raises(AppointmentError, match="没有工作日"):
        service.open_slots(manager, SlotOpening("A", date(2026, 10, 1), 7, times=TWO))  # 国庆节
    # The same period again, or one overlapping it, for the same service: refused as a whole.
    with pytest.raises(AppointmentError, match="重复或重叠：2月28日 09:00–09:30"):
        service.open_slots(
            manager, SlotOpening("A", date(2026, 2, 28), 3, times=(("08:00", "08:30"), ("09:15", "09:45")))
        )
    assert count(store, AppointmentSlot) == created

    # The agent's own slots are another service; an agent cannot be in two slots at once.
    service.open_slots(manager, SlotOpening("A", date(2026, 2, 28), 1, agent_no="A001", times=TWO))
    with pytest.raises(AppointmentError, match="与吴敏已开放的时段重复或重叠"):
        service.open_slots(
            manager, SlotOpening("B", date(2026, 2, 28), 1, agent_no="A001", times=(("09:20", "09:40"),))
        )
    assert [s.agent_name for s in service.slots("A", date(2026, 2, 28), agent_no="A001")] == ["吴敏", "吴敏"]
    assert len(service.slots("A", date(2026, 2, 28))) == 4


def test_booking_checks_the_applicant_and_gives_a_booking_number(service, people, demo_ctx):
    slot = one_slot(service, people, capacity=3)
    clerk = people["C001"]
    with pytest.raises(ValidationFailed) as bad:
        service.book(clerk, slot.id, " ", "12345", "110105194912310021")
    assert {e.field for e in bad.value.errors} == {"name", "phone", "id_number"}
    with pytest.raises(PermissionDenied):
        service.book(staff(demo_ctx.store, "R001"), slot.id, "张三", "13800138000")
    with pytest.raises(NotFound, match="没有这个预约时段"):
        service.book(clerk, "no-such-slot", "张三", "13800138000")
    booked = service.book(clerk, slot.id, "张三", "138 0013 8000", ZHANG_ID.lower())
    assert booked.status == BOOKED and booked.phone == "13800138000" and booked.has_id
    assert booked.booking_no.startswith("0302") and len(booked.booking_no) == 10 and booked.booking_no.isdigit()
    with demo_ctx.store.sessions() as s:
        assert s.get(Appointment, booked.id).id_hash != ZHANG_ID  # only the hash is kept
    (listed,) = service.day_list(clerk, MONDAY)
    assert listed == booked
    assert service.slots("A", MONDAY)[0].free == 2

    service.clock.at = datetime(2026, 3, 2, 9, 0)
    with pytest.raises(AppointmentError, match="已开始或已过去"):
        service.book(clerk, slot.id, "李四", "13900139000")


def test_a_full_slot_is_refused_and_nothing_is_recorded(service, people, demo_ctx):
    slot = one_slot(service, people, capacity=2)
    clerk, store = people["C001"], demo_ctx.store
    service.book(clerk, slot.id, "张三", "13800138000")
    service.book(people["A001"], slot.id, "李四", "13900139000")
    rows, audit = count(store, Appointment), count(store, AuditEntry)
    with pytest.raises(AppointmentError, match="该时段已约满（可约 2 人）"):
        service.book(clerk, slot.id, "王五", "13700137000")
    assert (count(store, Appointment), count(store, AuditEntry)) == (rows, audit)
    (after,) = service.slots("A", MONDAY)
    assert (after.booked, after.free, after.bookable) == (2, 0, False)


def test_one_person_holds_no_two_overlapping_bookings(service, people, demo_ctx):
    clerk, manager = people["C001"], people["M001"]
    service.open_slots(manager, SlotOpening("A", MONDAY, 1, capacity=5, times=TWO))
    service.open_slots(manager, SlotOpening("C", MONDAY, 1, capacity=5, times=(("09:15", "09:45"),)))
    a9, a930 = service.slots("A", MONDAY)
    (c915,) = service.slots("C", MONDAY)
    service.book(clerk, a9.id, "张三", "13800138000", ZHANG_ID)
    rows = count(demo_ctx.store, Appointment)
    with pytest.raises(AppointmentError, match="该证件号码已预约 3月2日 09:00–09:30 的企业开办，时段重叠"):
        service.book(clerk, a9.id, "张三", "13600136000", ZHANG_ID)
    with pytest.raises(AppointmentError, match="不能重复预约"):
        service.book(clerk, c915.id, "张三", "13600136000", ZHANG_ID)  # another service, overlapping
    service.book(clerk, a930.id, "张三", "13800138000", ZHANG_ID)  # later, not overlapping: allowed
    # Without an ID number the phone tells the person; with another ID it is someone else.
    service.book(clerk, c915.id, "李四", "13900139000")
    with pytest.raises(AppointmentError, match="该手机号已预约 3月2日 09:15–09:45 的社保医保"):
        service.book(clerk, a9.id, "李四", "13900139000")
    service.book(clerk, a9.id, "李小四", "13900139000", LI_ID)
    assert count(demo_ctx.store, Appointment) == rows + 3


def test_cancel_frees_the_place(service, people, demo_ctx):
    slot = one_slot(service, people)
    clerk = people["C001"]
    first = service.book(clerk, slot.id, "张三", "13800138000")
    with pytest.raises(AppointmentError, match="约满"):
        service.book(clerk, slot.id, "李四", "13900139000")
    with pytest.raises(ValidationFailed, match="取消预约的原因"):
        service.cancel(clerk, first.id, " ")
    assert service.cancel(clerk, first.id, "申请人来电取消").status == CANCELLED
    assert service.slots("A", MONDAY)[0].free == 1
    with pytest.raises(AppointmentError, match="该预约已取消，不能取消"):
        service.cancel(clerk, first.id, "再次取消")
    assert service.book(clerk, slot.id, "李四", "13900139000").status == BOOKED
    with demo_ctx.store.sessions() as s:
        assert s.scalar(select(AuditEntry.reason).where(AuditEntry.action == "appointment.cancel")) == "申请人来电取消"


def test_check_in_gives_a_priority_ticket_called_before_ordinary_ones(service, people, demo_ctx):
    slot = one_slot(service, people)
    clerk, queue = people["C001"], service.queue
    booked = service.book(clerk, slot.id, "张三", "13800138000", ZHANG_ID)
    walk_ins = []
    for minute in (20, 21):  # first come, first served: at distinct times
        service.clock.at = datetime(2026, 3, 2, 8, minute)
        walk_ins.append(queue.issue("A"))
    service.clock.at = datetime(2026, 3, 2, 8, 40)
    with pytest.raises(AppointmentError, match="证件号码与预约时登记的不一致"):
        service.check_in(clerk, booked.id, LI_ID)
    checked = service.check_in(clerk, booked.id, ZHANG_ID)
    assert checked.appointment.status == CHECKED_IN and checked.appointment.ticket_label == checked.ticket.label
    assert checked.ticket.priority == order.APPOINTMENT and checked.ticket.category_code == "A"
    with demo_ctx.store.sessions() as s:
        ticket = s.get(Ticket, checked.ticket.id)
        assert ticket.appointment_at == datetime(2026, 3, 2, 9, 0) and ticket.name == "张三" and ticket.id_hash
    with pytest.raises(AppointmentError, match="已签到，请勿重复签到"):
        service.check_in(clerk, booked.id)
    # Before its slot the ticket waits as an ordinary one; from 09:00 it goes first.
    service.clock.at = datetime(2026, 3, 2, 9, 0)
    called = []
    for _ in range(3):
        ticket = queue.call_next("C001", 1)
        called.append(ticket.label)
        queue.no_show("C001", ticket.id)
    assert called == [checked.ticket.label, walk_ins[0].label, walk_ins[1].label]


def test_check_in_refuses_the_wrong_day_too_early_too_late_and_cancelled(service, people, demo_ctx):
    clerk, store = people["C001"], demo_ctx.store
    slot = one_slot(service, people, capacity=3, times=(("10:00", "10:30"),))
    early = service.book(clerk, slot.id, "张三", "13800138000")
    cancelled = service.book(clerk, slot.id, "李四", "13900139000")
    service.cancel(clerk, cancelled.id, "改期")
    tickets = count(store, Ticket)
    with pytest.raises(AppointmentError, match="只能在当天签到"):
        service.check_in(clerk, early.id)
    service.clock.at = datetime(2026, 3, 2, 9, 29)
    with pytest.raises(AppointmentError, match="请于 09:30 后签到"):
        service.check_in(clerk, early.id)
    with pytest.raises(AppointmentError, match="该预约已取消，不能签到"):
        service.check_in(clerk, cancelled.id)
    service.clock.at = datetime(2026, 3, 2, 10, 46)
    with pytest.raises(AppointmentError, match="已过，预约已失效"):
        service.check_in(clerk, early.id)
    with pytest.raises(NotFound, match="没有这条预约"):
        service.check_in(clerk, "no-such-booking")
    assert count(store, Ticket) == tickets
    assert count(store, Appointment, Appointment.status == CHECKED_IN) == 0


def test_the_kiosk_checks_in_by_booking_number_id_number_or_phone(service, people, demo_ctx):
    service.open_slots(people["M001"], SlotOpening("A", MONDAY, 1, capacity=5, times=(*TWO, ("14:30", "15:00"))))
    first, second, afternoon = service.slots("A", MONDAY)
    clerk = people["C001"]
    by_no = service.book(clerk, first.id, "张三", "13800138000")
    by_id = service.book(clerk, first.id, "李四", "13900139000", LI_ID)
    by_phone = service.book(clerk, second.id, "王五", "13700137000")
    missed = service.book(clerk, first.id, "赵六", "13600136000")
    twice = service.book(clerk, afternoon.id, "赵六", "13600136000")
    service.clock.at = datetime(2026, 3, 2, 9, 5)
    done = service.check_in_by_number(by_no.booking_no, demo_ctx.workstation_id)
    assert done.appointment.id == by_no.id and done.appointment.name == "张*"
    assert done.appointment.phone == "138****8000" and done.ticket.label.startswith("A")
    assert service.check_in_by_number(LI_ID, demo_ctx.workstation_id).appointment.id == by_id.id
    assert service.check_in_by_number("137 0013 7000", demo_ctx.workstation_id).appointment.id == by_phone.id
    with pytest.raises(NotFound, match="没有找到今天待签到的预约"):
        service.check_in_by_number(by_no.booking_no, demo_ctx.workstation_id)  # already checked in
    with pytest.raises(NotFound, match="没有找到"):
        service.check_in_by_number("0302000000", demo_ctx.workstation_id)
    with demo_ctx.store.sessions() as s:
        who = s.scalar(select(AuditEntry.staff_no).where(AuditEntry.action == "appointment.check_in"))
    assert who == "kiosk"
    # Two bookings today: the one whose check-in is open now, not the morning one missed.
    service.clock.at = datetime(2026, 3, 2, 14, 5)
    assert service.check_in_by_number("13600136000", demo_ctx.workstation_id).appointment.id == twice.id
    assert [a.status for a in service.day_list(clerk, MONDAY) if a.id == missed.id] == [BOOKED]


def test_a_check_in_whose_ticket_could_not_be_printed_is_undone(service, people, demo_ctx):
    slot = one_slot(service, people)
    booked = service.book(people["C001"], slot.id, "张三", "13800138000")
    service.clock.at = datetime(2026, 3, 2, 9, 5)
    first = service.check_in_by_number(booked.booking_no, demo_ctx.workstation_id)
    service.undo_kiosk_check_in(first.ticket.id, "取号机打印失败", Device(demo_ctx.workstation_id, DeviceKind.KIOSK))
    with demo_ctx.store.sessions() as s:
        assert s.get(Ticket, first.ticket.id).status == "已取消"
        assert (s.get(Appointment, booked.id).status, s.get(Appointment, booked.id).ticket_id) == (BOOKED, None)
    again = service.check_in_by_number(booked.booking_no, demo_ctx.workstation_id)  # the booking still holds
    assert again.ticket.id != first.ticket.id
    with pytest.raises(DeviceRefused, match="不是本机发出的"):  # another kiosk cannot undo it
        service.undo_kiosk_check_in(again.ticket.id, "别的取号机", Device("another-kiosk", DeviceKind.KIOSK))
    with demo_ctx.store.sessions() as s:
        assert s.get(Ticket, again.ticket.id).status == WAITING
        assert s.get(Appointment, booked.id).status == CHECKED_IN
    with pytest.raises(NotFound, match="没有以该排队号签到的预约"):
        service.undo_kiosk_check_in(first.ticket.id, "再次撤销", Device(demo_ctx.workstation_id, DeviceKind.KIOSK))


def test_no_shows_are_marked_once_the_slot_is_15_minutes_over(service, people, demo_ctx):
    clerk = people["C001"]
    service.open_slots(people["M001"], SlotOpening("A", MONDAY, 1, capacity=5, times=TWO))
    first, second = service.slots("A", MONDAY)
    away = service.book(clerk, first.id, "张三", "13800138000")
    came = service.book(clerk, first.id, "李四", "13900139000")
    later = service.book(clerk, second.id, "王五", "13700137000")
    service.clock.at = datetime(2026, 3, 2, 9, 10)
    service.check_in(clerk, came.id)
    assert service.mark_no_shows(datetime(2026, 3, 2, 9, 45)) == 0  # 09:30 + 15 minutes: not yet
    assert service.mark_no_shows(datetime(2026, 3, 2, 9, 46)) == 1
    assert service.mark_no_shows(datetime(2026, 3, 2, 9, 50)) == 0  # idempotent
    statuses = {a.id: a.status for a in service.day_list(clerk, MONDAY)}
    assert statuses == {away.id: NO_SHOW, came.id: CHECKED_IN, later.id: BOOKED}
    assert service.slots("A", MONDAY)[0].booked == 2  # a no-show frees nothing: the slot is over
    assert service.mark_no_shows(datetime(2026, 3, 3, 8, 0)) == 1  # the next morning: the rest


def test_appointments_over_http(center, tmp_path):
    center.app.state.queue.clock = FixedClock(datetime(2026, 2, 27, 16, 0))  # appointments share it
    ws, _sync = workstation(center, tmp_path, "ws")
    client = People(ws, AppointmentClient)
    (slot,) = client["M001"].open_slots(SlotOpening("A", MONDAY, 1, times=(("09:00", "09:30"),)))
    assert str(slot.day) == "2026-03-02" and slot.free == 1 and slot.bookable
    with pytest.raises(AppointmentError, match="大厅管理员"):
        client["C001"].open_slots(SlotOpening("A", MONDAY, 1))
    with pytest.raises(ValidationFailed) as bad:
        client["C001"].book(slot.id, "张三", "123")
    assert [e.field for e in bad.value.errors] == ["phone"]
    booked = client["C001"].book(slot.id, "张三", "13800138000", ZHANG_ID)
    assert booked.status == BOOKED and booked.slot.starts_at == "09:00"
    with pytest.raises(AppointmentError, match="约满"):
        client["C002"].book(slot.id, "李四", "13900139000")
    assert client["C002"].slots("A", MONDAY)[0].free == 0
    center.app.state.queue.clock.at = datetime(2026, 3, 2, 8, 45)
    done = AppointmentClient.for_device(device(center, tmp_path, DeviceKind.KIOSK)).kiosk_check_in(ZHANG_ID)
    assert done.appointment.name == "张*" and done.ticket.priority == order.APPOINTMENT
    (listed,) = client["C001"].day_list(MONDAY, category="A")
    assert listed.status == CHECKED_IN and listed.ticket_label == done.ticket.label
    with pytest.raises(AppointmentError, match="已签到"):
        client["C001"].check_in(booked.id)
    with pytest.raises(AppointmentError, match="不能取消"):
        client["C001"].cancel(booked.id, "申请人来电取消")


@pytest.mark.pg
def test_the_last_places_raced_on_postgres_go_to_exactly_capacity_bookings(pg_demo_center):
    store = pg_demo_center
    service = AppointmentService(store, FixedClock(datetime(2026, 2, 27, 16, 0)))
    manager, clerk = staff(store, "M001"), staff(store, "C001")
    slot = one_slot(service, {"M001": manager}, capacity=5)
    for n in range(2):
        service.book(clerk, slot.id, f"先约{n}", f"1380000000{n}")
    results: list[str] = []
    barrier = threading.Barrier(8)

    def book(phone: str, slot_id: str, id_number: str = "") -> None:
        barrier.wait()
        try:
            service.book(clerk, slot_id, "抢约", phone, id_number)
            results.append("booked")
        except AppointmentError as exc:
            results.append(str(exc))

    def race(args: list[tuple]) -> None:
        results.clear()
        threads = [threading.Thread(target=book, args=a) for a in args]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    race([(f"1390000000{n}", slot.id) for n in range(8)])  # 8 people, 3 places left
    assert results.count("booked") == 3
    assert all("该时段已约满" in r for r in results if r != "booked")
    assert service.slots("A", MONDAY)[0].booked == 5
    assert count(store, Appointment, Appointment.slot_id == slot.id, Appointment.status == BOOKED) == 5

    # One person booked at eight windows at once, in overlapping slots of different services.
    others = [one_slot(service, {"M001": manager}, code=code, capacity=5).id for code in "BCDE"]
    race([(f"1370000000{n}", others[n % 4], ZHANG_ID) for n in range(8)])
    assert results.count("booked") == 1
    assert all("不能重复预约" in r for r in results if r != "booked")
