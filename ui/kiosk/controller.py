"""The kiosk's behaviour: take a ticket at the center, or check a booking in (预约签到: the center
issues its priority ticket), print it, and cancel it if the print fails (no phantom ticket is left
to be called as a no-show)."""

import logging

from PySide6.QtCore import QObject, QTimer

from app.appointments.client import AppointmentClient
from app.center_client import CenterUnreachable
from app.documents.ticket_pdf import render_ticket
from app.errors import DomainError
from app.hall_settings.client import HallSettingsClient
from app.hall_settings.dto import HallSettings
from app.queue.client import QueueClient
from app.queue.dto import TicketInfo
from ui.background import run_in_background
from ui.kiosk.view import KioskView
from ui.pdf_print import print_pdf
from ui.ticket_printer import ticket_printer

log = logging.getLogger(__name__)
REFRESH_MS = 10_000
CLEAR_AFTER_MS = 20_000
# What a citizen at the kiosk is told when something fails; the technical reason goes to the log.
PAUSED = "暂停取号，请到导办台咨询。"
NOT_DONE = "本次未能完成，请到导办台咨询。"


def public_text(exc: Exception) -> str:
    """The center's refusals are written for the public (同一类别只能取一个号…); a lost connection or
    anything unexpected is not."""
    if isinstance(exc, CenterUnreachable):
        log.warning("kiosk: center unreachable: %s", exc)
        return PAUSED
    if isinstance(exc, DomainError):
        return str(exc)
    log.error("kiosk: unexpected failure", exc_info=exc)
    return NOT_DONE


class KioskController(QObject):
    def __init__(
        self,
        view: KioskView,
        client: QueueClient,
        printer=ticket_printer,
        appointments: AppointmentClient | None = None,
        settings: HallSettings | None = None,
    ):
        super().__init__(view)
        self.view, self.client, self.printer = view, client, printer
        # The same machine's credential reaches the appointments and the hall's settings at the same center.
        self.appointments = appointments or AppointmentClient(client.store, client.workstation_id)
        self.settings = settings or HallSettingsClient(client.store, client.workstation_id)
        self.busy = False
        view.category_chosen.connect(self.take)
        view.check_in_button.clicked.connect(self.check_in)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)
        self.clear_timer = QTimer(self)
        self.clear_timer.setSingleShot(True)
        self.clear_timer.timeout.connect(self._clear)
        self.refresh()

    def _clear(self) -> None:
        self.view.ticket.setText("")
        self.view.say("请选择办理类别")

    def refresh(self) -> None:
        run_in_background(self.client.categories, self.view.show_categories, self._offline, owner=self)

    def _offline(self, exc: Exception) -> None:
        """The categories could not be read: nothing can be issued until they can (the next refresh
        resumes the kiosk by itself)."""
        self.view.pause(public_text(exc))

    def _start(self, text: str) -> bool:
        if self.busy:
            return False
        self.busy = True
        self.view.set_busy(True)
        self.view.say(text)
        return True

    def take(self, code: str) -> None:
        if not self._start("正在取号，请稍候…"):
            return
        priority, id_number = self.view.chosen_priority(), self.view.id_number.text().strip()

        def work() -> tuple[TicketInfo, bytes]:
            hall = self._hall_name()
            ticket = self.client.issue(code, priority, id_number)
            return ticket, render_ticket(ticket, hall)

        run_in_background(work, self._print, self._refused)

    def check_in(self) -> None:
        """预约签到: the number on the keypad is the booking number, the ID number or the phone booked
        with; the ticket the center issues is printed (or cancelled) like any other."""
        number = self.view.id_number.text().strip()
        if not number:
            self.view.say("请先用右侧键盘输入预约号、身份证号码或预约时登记的手机号，再点“预约签到”。", error=True)
            return
        if not self._start("正在签到，请稍候…"):
            return

        def work() -> tuple[TicketInfo, bytes]:
            hall = self._hall_name()
            # Printed and cancelled like a ticket taken here.
            ticket = self.appointments.kiosk_check_in(number).ticket
            return ticket, render_ticket(ticket, hall)

        run_in_background(
            work, lambda result: self._print(result, f"已签到，排队号 {result[0].label}。"), self._refused
        )

    def _hall_name(self) -> str:
        """The center's name the ticket prints, read before the ticket is issued: a failure here
        issues nothing, where one after issuing would leave a ticket neither printed nor cancelled."""
        return self.settings.center().center_name

    def _refused(self, exc: Exception) -> None:
        self._done()
        if isinstance(exc, CenterUnreachable):
            self.view.pause(public_text(exc))
        else:
            self.view.say(public_text(exc), error=True)

    def _print(self, result: tuple[TicketInfo, bytes], said: str = "") -> None:
        """said: what comes before the farewell (预约签到 says 已签到 and the number)."""
        ticket, pdf = result
        printer = self.printer(ticket.label)
        if printer is not None and print_pdf(pdf, printer):
            where = f"请到 {ticket.target_window} 号窗口办理，" if ticket.target_window else ""
            self.view.ticket.setText(
                f"您的号码：<b style='font-size:56px'>{ticket.label}</b>　"
                f"{where}前面 {ticket.ahead} 人，预计等候约 {ticket.est_wait_min} 分钟"
            )
            self.view.say(f"{said}请取走排队小票，留意叫号屏和语音提示。")
            self.view.reset()
            self._done()
            self.clear_timer.start(CLEAR_AFTER_MS)
            return
        why = "未连接打印机" if printer is None else "打印失败"
        # A check-in's ticket is undone with its check-in, so the booking can be checked in again.
        then = "预约仍然有效，请稍后重试或到导办台签到。" if said else "请稍后重试或到导办台取号。"

        def cancel() -> None:
            if said:
                self.appointments.undo_kiosk_check_in(ticket.id, f"取号机{why}")
            else:
                self.client.cancel(ticket.id, f"取号机{why}")

        def cancelled(_r: object) -> None:
            self._done()
            self.view.say(f"{why}，{ticket.label}号已作废。{then}", True)

        def not_cancelled(exc: Exception) -> None:
            log.error("kiosk: ticket %s not cancelled after %s", ticket.label, why, exc_info=exc)
            self._done()
            self.view.say(f"{why}，请到导办台说明 {ticket.label} 号未能打印。", True)

        run_in_background(cancel, cancelled, not_cancelled)

    def _done(self) -> None:
        self.busy = False
        self.view.set_busy(False)
        self.refresh()
