"""预约服务 (behaviour): load the day's slots and bookings from the center off the UI thread, book,
check in (the center issues the priority ticket), cancel, and open slots (managers). Every
question is an attribute (ask_book, ask_cancel, confirm, ask_open_slots) so tests answer them
without a modal dialog. A field error from the center asks again with what was entered and the
messages under their fields; a refusal (a full slot, a double booking) asks again with what was
entered and the center's reason as it stands."""

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.actor import Actor, Role
from app.appointments.dto import AppointmentInfo, Appointments, CheckIn, SlotInfo, SlotOpening
from app.appointments.service import BOOKED
from app.appointments.slots import AppointmentError
from app.errors import DomainError, ValidationFailed
from app.queue.dto import Category
from ui.appointments import dialogs
from ui.appointments.model import period
from ui.background import run_in_background

if TYPE_CHECKING:  # the page builds its controller
    from ui.appointments.page import AppointmentsPage

CANCEL_WARNING = "取消后不能恢复，该时段的名额退回。确定取消吗？"


def _text(exc: Exception) -> str:
    return str(exc) if isinstance(exc, DomainError) else f"出现错误：{exc}"


def _when(slot: SlotInfo) -> str:
    return f"{slot.day} {period(slot)} {slot.category_name}"


class AppointmentsController(QObject):
    message = Signal(str)  # what was done, for the main window's status bar

    def __init__(
        self,
        page: "AppointmentsPage",
        client: Appointments,
        categories: Callable[[], list[Category]],
        actor: Actor,
        working_day: Callable[[date], bool] | None = None,
    ):
        super().__init__(page)
        self.page, self.client, self.categories, self.actor = page, client, categories, actor
        self.working_day = working_day
        self.known: list[Category] = []  # the queue's categories, fetched with the first load
        self._loads = 0  # loads asked for so far: only the latest one's answer is shown
        self.ask_book = dialogs.ask_book
        self.ask_cancel = dialogs.ask_cancel
        self.confirm = lambda text: dialogs.confirm_cancel(self.page, text)
        self.ask_open_slots = dialogs.ask_open_slots
        page.refresh_button.clicked.connect(lambda: self.refresh())
        page.day.dateChanged.connect(lambda _d: self.refresh())
        page.category.currentIndexChanged.connect(lambda _i: self.refresh())
        page.booking_table.selectionModel().currentRowChanged.connect(lambda *_: page.show_booking())
        page.slot_table.activated.connect(lambda _index: self.book())  # Enter on a slot books in it
        page.book_button.clicked.connect(lambda: self.book())
        page.check_in_button.clicked.connect(self.check_in)
        page.cancel_button.clicked.connect(self.cancel)
        page.open_button.clicked.connect(lambda: self.open_slots())

    # -- loading ---------------------------------------------------------------------------------

    def _categories(self) -> list[Category]:
        """Off the UI thread: the categories once known, else from the center."""
        return self.known or self.categories()

    def _slots(self, day: date, code: str) -> list[SlotInfo]:
        """Off the UI thread. The center lists slots per service: all of them is one call each."""
        codes = [code] if code else [c.code for c in self._categories()]
        found = [s for c in codes for s in self.client.slots(c, day)]
        return sorted(found, key=lambda s: (s.starts_at, s.category_code, s.agent_no))

    def refresh(self, select: str | None = None) -> None:
        """Reloads the day shown, keeping the booking selected (or selecting `select`)."""
        day, code = self.page.day_shown(), self.page.category_code()
        self._loads += 1
        load = self._loads
        selected = self.page.selected_booking()
        keep = select or (selected.id if selected else None)

        def work() -> tuple[list[Category], list[SlotInfo], list[AppointmentInfo]]:
            return self._categories(), self._slots(day, code), self.client.day_list(day, code or None)

        def shown(found: tuple[list[Category], list[SlotInfo], list[AppointmentInfo]]) -> None:
            categories, slots, booked = found
            if not self.known:
                self.known = categories
                self.page.show_categories(categories)
            # Loads run side by side: an earlier one (another day, or before the last change) may
            # answer after a later one, and must not put its older rows back.
            if load == self._loads:
                self.page.show_day(slots, booked, keep)

        run_in_background(work, shown, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.page.say(_text(exc), error=True)

    def _asking_again(self, ask_again, answer) -> Callable[[Exception], None]:
        """What a refused answer does: a field error asks again with the messages under their fields,
        a refusal of the whole (a full slot, a double booking) with the center's reason; what was
        entered is kept either way. An unreachable center is only said."""

        def refused(exc: Exception) -> None:
            self._failed(exc)
            if isinstance(exc, ValidationFailed):
                ask_again(answer, exc.errors)
            elif isinstance(exc, AppointmentError):
                ask_again(answer, (), str(exc))

        return refused

    def _said(self, said: str, select: str | None = None) -> None:
        self.page.say(said)
        self.message.emit(said)
        self.refresh(select)

    # -- booking -----------------------------------------------------------------------------------

    def book(self, entered: dialogs.Booking | None = None, errors=(), refusal: str = "") -> None:
        """The day's free slots are fetched fresh each time, so a slot filled meanwhile is not offered."""
        day, code = self.page.day_shown(), self.page.category_code()
        slot = self.page.selected_slot()
        chosen = slot.id if slot else None

        def ask(slots: list[SlotInfo]) -> None:
            free = [s for s in slots if s.bookable]
            if not free:
                self.page.say(f"{day:%Y-%m-%d} 没有可预约的时段（已约满、已开始或未开放）。", error=True)
                return
            answer = self.ask_book(self.page, free, chosen, entered, errors, refusal)
            if answer is None:
                return

            def done(a: AppointmentInfo) -> None:
                self._said(f"已预约：{a.name}，{_when(a.slot)}；预约号 {a.booking_no}，请告知申请人", a.id)

            run_in_background(
                lambda: self.client.book(answer.slot_id, answer.name, answer.phone, answer.id_number),
                done,
                self._asking_again(self.book, answer),
            )

        run_in_background(lambda: self._slots(day, code), ask, self._failed)

    def check_in(self) -> None:
        """At the window: the center issues the priority ticket (it waits as an ordinary one until the
        slot starts) and marks the booking; the page shows the ticket's number."""
        row = self.page.selected_booking()
        if row is None or row.status != BOOKED:
            return

        def done(result: CheckIn) -> None:
            label = result.ticket.label
            self.page.show_ticket(label, row.name)
            self._said(f"{row.name}（预约号 {row.booking_no}）已签到，排队号 {label}，请留意叫号", row.id)

        run_in_background(lambda: self.client.check_in(row.id), done, self._failed)

    def cancel(self) -> None:
        row = self.page.selected_booking()
        if row is None or row.status != BOOKED:
            return
        reason = self.ask_cancel(self.page, row)
        if reason is None:
            return
        who = f"{row.name} 的预约（{row.booking_no}，{_when(row.slot)}）"
        if not self.confirm(f"取消{who}。\n原因：{reason}\n\n{CANCEL_WARNING}"):
            return
        run_in_background(
            lambda: self.client.cancel(row.id, reason),
            lambda _a: self._said(f"已取消{who}", row.id),
            self._failed,
        )

    # -- opening slots (managers; the center checks the role again) --------------------------------

    def open_slots(self, entered: SlotOpening | None = None, errors=(), refusal: str = "") -> None:
        if not self.actor.has(Role.MANAGER):
            return
        first_day = self.page.day_shown()

        def ask(categories: list[Category]) -> None:
            answer = self.ask_open_slots(self.page, categories, first_day, self.working_day, entered, errors, refusal)
            if answer is None:
                return

            def done(opened: list[SlotInfo]) -> None:
                agent = f"（帮办员 {answer.agent_no}）" if answer.agent_no else ""
                days = sorted({s.day for s in opened})
                span = days[0] if len(days) == 1 else f"{days[0]} 至 {days[-1]}"
                self._said(
                    f"已开放 {len(opened)} 个预约时段：{answer.category}{agent}，{span}，共 {len(days)} 个工作日"
                )

            run_in_background(
                lambda: self.client.open_slots(answer),
                done,
                self._asking_again(self.open_slots, answer),
            )

        run_in_background(self._categories, ask, self._failed)
