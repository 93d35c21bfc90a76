"""The 预约服务 page against a center on loopback: the manager opens slots for a service on a working
day (the preview counts the hall's own working days); a clerk books one with a bad phone (the
message comes back under the field, nothing is booked), then a good one, then the same person
again (refused as a double booking, everything typed kept); checks the booking in at its time (a
预约 ticket waits in the queue at the center), cancels another with a reason, and sees a third
turn into a no-show once its slot is over."""

from datetime import date, datetime

from PySide6.QtCore import Qt, QThreadPool
from sqlalchemy import func, select

from app.appointments.client import AppointmentClient
from app.appointments.dto import SlotOpening
from app.appointments.service import BOOKED, CANCELLED, CHECKED_IN, NO_SHOW
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from app.queue import order
from app.queue.client import QueueClient
from app.queue.dto import Category
from app.workdays import WorkCalendar
from db.models import Appointment, AuditEntry, Ticket
from tests.sync_harness import Center, acting_for, workstation
from ui.appointments.dialogs import BookDialog, Booking, OpenSlotsDialog
from ui.appointments.model import COLORS
from ui.appointments.page import AppointmentsPage
from ui.widgets import qdate

MONDAY = date(2026, 3, 2)
ZHANG_ID = "11010519491231002X"
TIMES = (("09:00", "09:30"), ("09:30", "10:00"))


def booked_count(center) -> int:
    with center.store.sessions() as s:
        return s.scalar(select(func.count()).select_from(Appointment))


def statuses(page: AppointmentsPage) -> dict[str, str]:
    return {a.name: a.status for a in page.bookings.rows}


def show_day(qtbot, page: AppointmentsPage, category: str = "") -> None:
    qtbot.waitUntil(lambda: page.category.count() > 1, timeout=5000)  # the categories came
    page.category.setCurrentIndex(page.category.findData(category))
    page.day.setDate(qdate(MONDAY))


def test_open_book_refuse_a_double_check_in_and_cancel(qtbot, tmp_path):
    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    try:
        clock = center.app.state.queue.clock = FixedClock(datetime(2026, 2, 27, 16, 0))  # the Friday before
        desk, _sync = workstation(center, tmp_path, "desk")
        categories = QueueClient(desk.store, desk.workstation_id).categories
        with desk.store.sessions() as s:
            calendar = WorkCalendar.load(s)

        # -- the manager opens two slots of 企业开办 (A) on Monday, two places each
        manager = login(desk.store, desk.workstation_id, "M001", DEMO_PASSWORD)
        hall = AppointmentsPage(
            acting_for(desk, AppointmentClient, manager), categories, manager, working_day=calendar.is_working_day
        )
        qtbot.addWidget(hall)
        hall.refresh()
        show_day(qtbot, hall)
        assert not hall.open_button.isHidden()

        dialog = OpenSlotsDialog(
            hall,
            [Category(code="A", name="企业开办", waiting=0, est_wait_min=0, windows=[1])],
            date(2026, 2, 26),
            calendar.is_working_day,
        )
        dialog.times.setPlainText("09:00-09:30\n09:30～10:00")
        dialog.days.setValue(4)  # Thursday to Sunday: Saturday 28 February is a 春节 make-up working day
        assert "将开放 6 个时段：3 个工作日 × 每日 2 个时段" in dialog.preview.text()
        dialog.times.setPlainText("09:00-09:30\n九点半")
        dialog._confirm()
        assert "无法识别：九点半" in dialog.errors["times"].text() and not dialog.errors["times"].isHidden()

        asked_open: list[tuple] = []

        def open_two(parent, cats, first_day, working_day, entered, errors, refusal):
            asked_open.append((first_day, [c.code for c in cats]))
            return SlotOpening("A", first_day, 1, capacity=2, times=TIMES)

        hall.controller.ask_open_slots = open_two
        hall.open_button.click()
        qtbot.waitUntil(lambda: hall.slots.rowCount() == 2, timeout=5000)
        assert asked_open == [(MONDAY, ["A", "B", "C", "D", "E"])]
        assert "已开放 2 个预约时段" in hall.message.text()
        assert [hall.slots.data(hall.slots.index(0, c)) for c in range(4)] == ["09:00–09:30", "A 企业开办", "—", "0/2"]

        # -- a clerk books: a bad phone first
        clerk = login(desk.store, desk.workstation_id, "C001", DEMO_PASSWORD)
        page = AppointmentsPage(acting_for(desk, AppointmentClient, clerk), categories, clerk)
        qtbot.addWidget(page)
        assert page.open_button.isHidden()  # opening slots is the manager's
        page.refresh()
        show_day(qtbot, page, "A")
        qtbot.waitUntil(lambda: page.slots.rowCount() == 2, timeout=5000)
        first, second = (s.id for s in page.slots.rows)
        asked: list[tuple] = []

        def ask_bad(parent, slots, chosen, entered, errors, refusal):
            asked.append((entered, list(errors), refusal))
            if entered is None:
                assert [s.starts_at for s in slots] == ["09:00", "09:30"]
                return Booking(first, "张三", "123", ZHANG_ID)
            dialog = BookDialog(parent, slots, chosen, entered, errors, refusal)
            assert not dialog.errors["phone"].isHidden() and "联系电话应为" in dialog.errors["phone"].text()
            assert dialog.errors["name"].isHidden() and dialog.refusal.isHidden()
            assert dialog.booking() == entered  # what was typed is kept
            return None  # the clerk gives up

        page.controller.ask_book = ask_bad
        page.book_button.click()
        qtbot.waitUntil(lambda: len(asked) == 2, timeout=5000)
        assert [e.field for e in asked[1][1]] == ["phone"]
        assert "联系电话应为" in page.message.text()
        assert booked_count(center) == 0

        # -- then a good one
        page.controller.ask_book = lambda *_a: Booking(first, "张三", "138 0013 8000", ZHANG_ID)
        page.book_button.click()
        qtbot.waitUntil(lambda: page.bookings.rowCount() == 1, timeout=5000)
        row = page.bookings.rows[0]
        assert "预约号 " + row.booking_no in page.message.text()
        cells = [page.bookings.data(page.bookings.index(0, c)) for c in range(7)]
        assert cells[1:] == ["张三", "*******8000", "09:00–09:30", "A 企业开办", BOOKED, "—"]

        # -- the same person again: refused, the center's reason shown with everything kept
        asked.clear()

        def ask_again(parent, slots, chosen, entered, errors, refusal):
            asked.append((entered, refusal))
            if entered is None:
                return Booking(first, "张三", "13800138000", ZHANG_ID)
            dialog = BookDialog(parent, slots, chosen, entered, errors, refusal)
            assert not dialog.refusal.isHidden() and "不能重复预约" in dialog.refusal.text()
            assert dialog.booking() == entered
            return None

        page.controller.ask_book = ask_again
        page.book_button.click()
        qtbot.waitUntil(lambda: len(asked) == 2, timeout=5000)
        assert "该证件号码已预约 3月2日 09:00–09:30 的企业开办" in asked[1][1]
        assert booked_count(center) == 1

        # -- two more: one to cancel, one who will not come
        for name, phone in (("李四", "13900139000"), ("王五", "13700137000")):
            page.controller.ask_book = lambda *_a, n=name, p=phone: Booking(second, n, p, "")
            page.book_button.click()
            qtbot.waitUntil(lambda n=name: n in statuses(page), timeout=5000)
        assert "时段 2 个，共 4 个名额，尚可预约 1 个" in page.summary.text()

        # -- check-in on the day, at the slot's time: a 预约 ticket at the center
        clock.at = datetime(2026, 3, 2, 8, 45)
        page.booking_table.selectRow(0)
        assert page.check_in_button.isEnabled()
        page.check_in_button.click()
        qtbot.waitUntil(lambda: "排队号 A001" in page.ticket.text(), timeout=5000)
        assert "已签到，排队号 A001" in page.message.text()
        qtbot.waitUntil(lambda: statuses(page)["张三"] == CHECKED_IN, timeout=5000)
        assert page.bookings.data(page.bookings.index(0, 6)) == "A001"
        assert (
            page.bookings.data(page.bookings.index(0, 0), Qt.ItemDataRole.BackgroundRole).name() == COLORS[CHECKED_IN]
        )
        assert not page.check_in_button.isEnabled()  # the selection stayed on 张三, now checked in
        with center.store.sessions() as s:
            ticket = s.scalar(select(Ticket).where(Ticket.label == "A001"))
            assert (ticket.priority, ticket.status, ticket.name) == (order.APPOINTMENT, "等候", "张三")
            assert ticket.appointment_at == datetime(2026, 3, 2, 9, 0)

        # -- cancel 李四 with a reason and a confirmation
        page.booking_table.selectRow([a.name for a in page.bookings.rows].index("李四"))
        confirmed: list[str] = []
        page.controller.ask_cancel = lambda _parent, r: "申请人来电取消" if r.name == "李四" else None
        page.controller.confirm = lambda text: confirmed.append(text) or True
        page.cancel_button.click()
        qtbot.waitUntil(lambda: statuses(page)["李四"] == CANCELLED, timeout=5000)
        assert "原因：申请人来电取消" in confirmed[0] and "李四" in confirmed[0]
        with center.store.sessions() as s:
            assert (
                s.scalar(select(AuditEntry.reason).where(AuditEntry.action == "appointment.cancel")) == "申请人来电取消"
            )

        # -- 王五 never came: a no-show (grey) once the slot is 15 minutes over
        clock.at = datetime(2026, 3, 2, 10, 16)
        page.refresh()
        qtbot.waitUntil(lambda: statuses(page)["王五"] == NO_SHOW, timeout=5000)
        at = [a.name for a in page.bookings.rows].index("王五")
        assert page.bookings.data(page.bookings.index(at, 0), Qt.ItemDataRole.BackgroundRole).name() == COLORS[NO_SHOW]
        assert "已签到 1 人，已爽约 1 人" in page.summary.text()
    finally:
        QThreadPool.globalInstance().waitForDone(10000)
        center.stop()
        center.store.engine.dispose()
