"""The questions a delivery asks: who collects at the window, where and how it is mailed, and
what the carrier answered. Each field shows its message under it; the center checks again and
its field messages come back to the same places."""

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
)

from app.delivery.dto import DeliveryRow, Mailing
from app.delivery.service import CARRIERS, RECEIVED, RETURNED, mailing_errors
from app.errors import FieldError
from ui.fields_dialog import FieldsDialog
from ui.widgets import date_edit, day_of, qdate


def _line(text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


class CollectDialog(FieldsDialog):
    def __init__(self, parent, row: DeliveryRow, entered: tuple[str, str] | None = None, errors=()):
        super().__init__(
            parent,
            f"窗口领取：{row.case_no}",
            f"{row.applicant} 的{row.decision}许可决定书。请核对领取人的身份证件；"
            "确认后打印送达回证由领取人签名，并将决定书交领取人（决定书未打印的，先按 F6 打印）。",
            "确认领取并打印送达回证",
        )
        recipient, doc = entered or ("", "")
        self.recipient = _line(recipient, "领取人姓名（申请人本人或其代理人）")
        self.doc = _line(doc, "身份证或其他证件号码")
        self.add("recipient", "领取人姓名", self.recipient)
        self.add("recipient_doc", "证件号码", self.doc)
        self.show_errors(errors)

    def entered(self) -> tuple[str, str]:
        return self.recipient.text().strip(), self.doc.text().strip().upper()


class MailingDialog(FieldsDialog):
    def __init__(self, parent, row: DeliveryRow, entered: Mailing | None = None, errors=()):
        super().__init__(
            parent,
            f"邮寄送达：{row.case_no}",
            f"{row.applicant} 的{row.decision}许可决定书。决定书与送达回证一并装入信封寄出；确认后打印送达回证。",
            "确认寄出并打印送达回证",
        )
        m = entered or Mailing("", "", "", "", "")
        self.recipient = _line(m.recipient, "收件人姓名")
        self.phone = _line(m.phone, "手机或固定电话")
        self.address = _line(m.address, "省市县、街道门牌")
        self.carrier = QComboBox()
        self.carrier.setEditable(True)  # a carrier outside the usual list may be typed
        self.carrier.addItems(CARRIERS)
        self.carrier.setCurrentText(m.carrier or CARRIERS[0])
        self.tracking_no = _line(m.tracking_no, "快递单号（可扫码录入）")
        self.add_fields(
            self.form,
            ("recipient", "收件人", self.recipient),
            ("phone", "联系电话", self.phone),
            ("address", "邮寄地址", self.address),
            ("carrier", "寄递企业", self.carrier),
            ("tracking_no", "快递单号", self.tracking_no),
        )
        self.show_errors(errors)

    def mailing(self) -> Mailing:
        return Mailing(
            self.recipient.text().strip(),
            self.phone.text().strip(),
            self.address.text().strip(),
            self.carrier.currentText().strip(),
            self.tracking_no.text().strip().upper(),
        )

    def local_errors(self) -> list[FieldError]:
        return mailing_errors(self.mailing())  # the center's own rule, checked before the round trip


class ResultDialog(FieldsDialog):
    def __init__(self, parent, row: DeliveryRow, today: date):
        super().__init__(
            parent,
            f"签收 / 退回：{row.case_no}",
            f"{row.carrier} {row.tracking_no}，{row.sent_on} 寄出。请按寄递企业的查询结果登记。",
            "登记",
        )
        self.outcome = QComboBox()
        self.outcome.addItems([RECEIVED, RETURNED])
        sent = row.sent_on or today
        self.on = date_edit(today, "yyyy年MM月dd日")
        self.on.setDateRange(qdate(min(sent, today)), qdate(today))  # the center accepts sent..today only
        self.note = _line("", "退回原因，如地址不详、拒收、无人签收")
        self.add("outcome", "结果", self.outcome)
        self.add("on", "日期", self.on)
        self.add("note", "退回原因", self.note)
        self.outcome.currentTextChanged.connect(lambda text: self.note.setEnabled(text == RETURNED))
        self.note.setEnabled(False)

    def answer(self) -> tuple[bool, date, str]:
        received = self.outcome.currentText() == RECEIVED
        return received, day_of(self.on), "" if received else self.note.text().strip()

    def local_errors(self) -> list[FieldError]:
        if self.outcome.currentText() == RETURNED and not self.note.text().strip():
            return [FieldError("note", "退回须注明原因（如地址不详、拒收）。")]
        return []


def _ask(dialog: FieldsDialog, read):
    return read() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_collect(parent, row: DeliveryRow, entered=None, errors=()) -> tuple[str, str] | None:
    dialog = CollectDialog(parent, row, entered, errors)
    return _ask(dialog, dialog.entered)


def ask_mailing(parent, row: DeliveryRow, entered: Mailing | None = None, errors=()) -> Mailing | None:
    dialog = MailingDialog(parent, row, entered, errors)
    return _ask(dialog, dialog.mailing)


def ask_result(parent, row: DeliveryRow) -> tuple[bool, date, str] | None:
    dialog = ResultDialog(parent, row, date.today())
    return _ask(dialog, dialog.answer)
