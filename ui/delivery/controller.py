"""结果送达 (behaviour): load the open deliveries from the center off the UI thread, ask what
the clerk entered, send it, and print the 送达回证 the center issued. The questions are
attributes (ask_collect, ask_mailing, ask_result) so tests can answer them without a modal
dialog; a field error from the center asks again with the entered values and the messages."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.actor import Actor
from app.approval.client import NoticeClient
from app.approval.deadlines import DueWarning
from app.delivery.dto import Deliveries, DeliveryRow
from app.delivery.service import MAILED
from app.errors import ValidationFailed
from ui.background import run_in_background
from ui.center_notice import CenterNoticeViewer
from ui.delivery import dialogs

if TYPE_CHECKING:  # the page builds its controller
    from ui.delivery.page import DeliveryPage


class DeliveryController(QObject):
    message = Signal(str)  # what was done, for the main window's status bar

    def __init__(self, page: "DeliveryPage", client: Deliveries, notices: NoticeClient, actor: Actor):
        super().__init__(page)
        self.page, self.client, self.actor = page, client, actor
        self.viewer = CenterNoticeViewer(page, notices)
        self.viewer.failed.connect(lambda text: page.say(text, error=True))
        self.ask_collect = dialogs.ask_collect
        self.ask_mailing = dialogs.ask_mailing
        self.ask_result = dialogs.ask_result
        page.refresh_button.clicked.connect(self.refresh)
        page.table.selectionModel().currentRowChanged.connect(lambda *_: page.show_row(page.selected()))
        page.collect.clicked.connect(self.collect)
        page.mail.clicked.connect(self.mail)
        page.result.clicked.connect(self.record_result)
        page.print_decision.clicked.connect(self.print_decision)

    def refresh(self) -> None:
        selected = self.page.selected()
        keep = selected.case_id if selected else None

        def shown(rows: list[DeliveryRow]) -> None:
            self.page.model.set_rows(rows)
            mailed = sum(1 for r in rows if r.status == MAILED)
            overdue = sum(1 for r in rows if r.warning == DueWarning.OVERDUE)
            text = f"待送达 {len(rows) - mailed} 件，其中超期 {overdue} 件"
            self.page.summary.setText(text + (f"；已寄出待签收 {mailed} 件" if mailed else ""))
            ids = [r.case_id for r in rows]
            if rows:
                self.page.table.selectRow(ids.index(keep) if keep in ids else 0)
            self.page.show_row(self.page.selected())

        run_in_background(lambda: self.client.pending(), shown, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.page.say(str(exc), error=True)

    def collect(self) -> None:
        row = self.page.selected()
        if row is not None:
            self._hand_over(
                row,
                self.ask_collect,
                lambda answer: self.client.collect(row.case_id, *answer),
                lambda answer: f"{row.case_no}：{answer[0]} 已在窗口领取，请打印送达回证由其签名",
            )

    def mail(self) -> None:
        row = self.page.selected()
        if row is not None:
            self._hand_over(
                row,
                self.ask_mailing,
                lambda m: self.client.mail(row.case_id, m),
                lambda m: f"{row.case_no}：已交 {m.carrier} 寄出（{m.tracking_no}），请打印送达回证装入信封",
            )

    def _hand_over(self, row: DeliveryRow, ask, send, said, entered=None, errors=()) -> None:
        """Collect or mail: ask, send, then preview/print the 送达回证 the center issued and reload.
        A field error from the center asks again with the entered values and the messages."""
        answer = ask(self.page, row, entered, errors)
        if answer is None:
            return

        def done(receipt_id: str) -> None:
            self.page.say(said(answer))
            self.message.emit(said(answer))
            self.viewer.show(receipt_id, after=self.refresh)

        def failed(exc: Exception) -> None:
            self._failed(exc)
            if isinstance(exc, ValidationFailed):
                self._hand_over(row, ask, send, said, answer, exc.errors)

        run_in_background(lambda: send(answer), done, failed)

    def record_result(self) -> None:
        row = self.page.selected()
        if row is None or row.status != MAILED:
            return
        answer = self.ask_result(self.page, row)
        if answer is None:
            return
        received, on, note = answer
        text = f"{row.case_no}：" + (
            f"已于 {on:%Y-%m-%d} 签收" if received else f"邮件退回（{note}），可重新邮寄或窗口领取"
        )

        def done(_result) -> None:
            self.page.say(text)
            self.message.emit(text)
            self.refresh()

        run_in_background(lambda: self.client.mail_result(row.case_id, received, on, note), done, self._failed)

    def print_decision(self) -> None:
        row = self.page.selected()
        if row is not None:
            self.viewer.show(row.decision_notice_id)
