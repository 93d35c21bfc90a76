"""预约服务 (layout): a day and a service filter; the day's slots on the left, its bookings on the
right (checked in green, no-shows grey), the ticket number of the last check-in, and the actions
with their keys. Managers also open slots. What the actions do is in controller.py."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSplitter,
    QWidget,
)

from app.actor import Actor, Role
from app.appointments.client import AppointmentClient
from app.appointments.dto import AppointmentInfo, Appointments, SlotInfo
from app.appointments.service import BOOKED, CHECKED_IN, NO_SHOW
from app.queue.client import QueueClient
from app.queue.dto import Category
from app.workdays import WorkCalendar
from ui.appointments.controller import AppointmentsController
from ui.appointments.model import AppointmentsModel, SlotsModel
from ui.message import tell
from ui.page import Clients, Page
from ui.palette import NUMBER
from ui.widgets import (
    column_layout,
    date_edit,
    day_of,
    keyed_button,
    rows_table,
    selected_row,
    wrapped_label,
    wrapping_bar,
)

ALL = "全部类别"


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    column_layout(box, QLabel(f"<b>{title}</b>"), fill=widget).setContentsMargins(0, 0, 0, 0)
    return box


class AppointmentsPage(Page):
    """categories: the queue's categories (QueueClient.categories), called off the UI thread;
    working_day: the hall's calendar, for the preview of slots to open (see dialogs.OpenSlotsDialog)."""

    def __init__(
        self,
        client: Appointments,
        categories: Callable[[], list[Category]],
        actor: Actor,
        parent=None,
        working_day: Callable[[date], bool] | None = None,
    ):
        super().__init__(parent)
        self.day = date_edit(date.today(), "yyyy年MM月dd日")
        self.category = QComboBox()
        self.category.addItem(ALL, "")
        self.category.setMinimumWidth(160)
        self.summary = QLabel("")
        self.refresh_button = keyed_button("刷新", "F5")

        self.slots = SlotsModel(self)
        self.slot_table = rows_table(self.slots, give_way=("服务类别", "帮办员"))
        self.bookings = AppointmentsModel(self)
        self.booking_table = rows_table(self.bookings, give_way=("姓名", "服务类别"))

        self.book_button = keyed_button("预约…", "Ctrl+N")
        self.check_in_button = keyed_button("签到", "F7")
        self.check_in_button.setToolTip("为所选预约签到：中心发放预约优先号，时段开始后优先叫号")
        self.cancel_button = keyed_button("取消预约…", "Ctrl+Shift+Del")
        self.open_button = keyed_button("开放时段…", "F9")
        self.open_button.setVisible(actor.has(Role.MANAGER))  # the center refuses anyone else

        self.ticket = QLabel("")
        self.ticket.setStyleSheet(f"font-size: 22px; font-weight: bold; color: {NUMBER};")
        self.message = wrapped_label()
        self._lay_out()
        self.show_booking()
        self.controller = AppointmentsController(self, client, categories, actor, working_day)
        self.controller.message.connect(self.said)

    def _lay_out(self) -> None:
        bar = wrapping_bar(
            QLabel("日期"),
            self.day,
            QLabel("服务类别"),
            self.category,
            self.book_button,
            self.check_in_button,
            self.cancel_button,
            self.open_button,
            self.refresh_button,
        )
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(_titled("预约时段", self.slot_table))
        split.addWidget(_titled("当日预约", self.booking_table))
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        column_layout(self, bar, self.summary, fill=split, below=(self.ticket, self.message))

    def refresh(self) -> None:
        self.controller.refresh()

    # -- what is shown ---------------------------------------------------------------------------------

    def day_shown(self) -> date:
        return day_of(self.day)

    def category_code(self) -> str:
        return self.category.currentData() or ""

    def show_categories(self, categories: list[Category]) -> None:
        """Filled once; the filter's choice is kept and changing it here reloads nothing."""
        keep = self.category_code()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(ALL, "")
        for c in categories:
            self.category.addItem(f"{c.code} {c.name}", c.code)
        self.category.setCurrentIndex(max(self.category.findData(keep), 0))
        self.category.blockSignals(False)

    def show_day(self, slots: list[SlotInfo], booked: list[AppointmentInfo], keep: str | None = None) -> None:
        self.slots.set_rows(slots)
        self.bookings.set_rows(booked)
        ids = [a.id for a in booked]
        if keep in ids:
            self.booking_table.selectRow(ids.index(keep))
        self.show_booking()
        places = sum(s.capacity for s in slots)
        free = sum(s.free for s in slots if s.bookable)
        count = {status: sum(1 for a in booked if a.status == status) for status in (BOOKED, CHECKED_IN, NO_SHOW)}
        self.summary.setText(
            f"时段 {len(slots)} 个，共 {places} 个名额，尚可预约 {free} 个；"
            f"预约 {count[BOOKED]} 人待签到，已签到 {count[CHECKED_IN]} 人，已爽约 {count[NO_SHOW]} 人"
        )

    def selected_booking(self) -> AppointmentInfo | None:
        return selected_row(self.booking_table, self.bookings.rows)

    def selected_slot(self) -> SlotInfo | None:
        return selected_row(self.slot_table, self.slots.rows)

    def show_booking(self) -> None:
        """签到 and 取消 only for a booking still waiting; the center checks the times again."""
        row = self.selected_booking()
        waiting = row is not None and row.status == BOOKED
        self.check_in_button.setEnabled(waiting)
        self.cancel_button.setEnabled(waiting)

    def show_ticket(self, label: str, name: str) -> None:
        self.ticket.setText(f"{name} 已签到，排队号 {label}")

    def say(self, text: str, error: bool = False) -> None:
        tell(self.message, text, error)


def build(clients: Clients, actor: Actor) -> AppointmentsPage:
    """预约服务 (clerks, agents and managers): booked at the center, on the hall's working days."""
    return AppointmentsPage(
        clients.center(AppointmentClient),
        clients.center(QueueClient).categories,
        actor,
        working_day=WorkCalendar.of(clients.ctx.store).is_working_day,
    )
