"""The questions of the 预约服务 page: a booking (a free slot of the day, name, phone, optional ID
number) and, for managers, the slots to open with a preview of how many will open. Each field
shows its message under it; the center checks again and its field messages come back to the same
places, and a refusal (a full slot, a double booking, an unknown agent) shows above the buttons
with everything typed kept. Cancelling a booking asks a reason and a confirmation with the
帮办代办 page's own questions (ui.help.dialogs)."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QPlainTextEdit, QSpinBox

from app.appointments.dto import AppointmentInfo, SlotInfo, SlotOpening
from app.appointments.slots import MAX_CAPACITY, MAX_DAYS
from app.errors import FieldError
from app.identity import check_id_number, check_phone
from app.queue.dto import Category
from ui.appointments.model import period, slot_text
from ui.fields_dialog import FieldsDialog
from ui.help.dialogs import NoteDialog
from ui.widgets import confirm, date_edit, day_of, wrapped_label

_SEPARATOR = re.compile(r"\s*[-–—~～至]\s*")


@dataclass(frozen=True)
class Booking:
    slot_id: str
    name: str
    phone: str
    id_number: str


def parse_times(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """One period a line, "09:00-09:30" (a dash of any width, ~ or 至 also separate). Returns the
    pairs and the lines that are not two times; the center judges the times themselves (format,
    order, overlaps) and its message comes back under the field."""
    pairs, bad = [], []
    for line in text.replace("：", ":").splitlines():
        line = line.strip()
        if not line:
            continue
        parts = _SEPARATOR.split(line)
        if len(parts) == 2 and all(parts):
            pairs.append((parts[0], parts[1]))
        else:
            bad.append(line)
    return pairs, bad


def _line(text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


class RefusalDialog(FieldsDialog):
    """A FieldsDialog with a line for the center's refusal of the whole answer, above the buttons."""

    def __init__(self, parent, title: str, note: str, ok_text: str, refusal: str):
        super().__init__(parent, title, note, ok_text)
        self.refusal = QLabel(refusal)
        self.refusal.setProperty("role", "error")
        self.refusal.setWordWrap(True)
        self.refusal.setVisible(bool(refusal))

    def place_refusal(self) -> None:
        """Called once the fields are added: the refusal reads as the form's last line."""
        self.form.addRow(self.refusal)


class BookDialog(RefusalDialog):
    def __init__(
        self,
        parent,
        slots: list[SlotInfo],
        chosen: str | None = None,
        entered: Booking | None = None,
        errors=(),
        refusal="",
    ):
        day = slots[0].day if slots else ""
        super().__init__(
            parent,
            f"预约：{day}",
            "请选择时段，登记预约人的姓名和手机号；登记身份证号码的，签到时可凭证件号码签到。"
            "预约成功后请将预约号告知申请人，当天凭预约号、身份证号码或手机号在取号机或窗口签到。",
            "预约",
            refusal,
        )
        b = entered or Booking(chosen or "", "", "", "")
        self.slot = QComboBox()
        for s in slots:
            self.slot.addItem(slot_text(s), s.id)
        if (at := self.slot.findData(b.slot_id)) >= 0:
            self.slot.setCurrentIndex(at)
        self.name = _line(b.name, "预约人姓名")
        self.phone = _line(b.phone, "11 位手机号或带区号的固定电话")
        self.id_number = _line(b.id_number, "选填；18 位居民身份证号码")
        self.id_number.setMaxLength(18)
        self.add_fields(
            self.form,
            ("slot", "时段", self.slot),
            ("name", "姓名", self.name),
            ("phone", "手机号", self.phone),
            ("id_number", "身份证号码", self.id_number),
        )
        self.place_refusal()
        self.show_errors(errors)
        if not errors:
            self.name.setFocus()

    def booking(self) -> Booking:
        return Booking(
            self.slot.currentData() or "",
            self.name.text().strip(),
            self.phone.text().strip(),
            self.id_number.text().strip().upper(),
        )

    def local_errors(self) -> list[FieldError]:
        """The checks the center makes first, here before the round trip (the center checks again)."""
        b, errors = self.booking(), []
        if not b.slot_id:
            errors.append(FieldError("slot", "请选择时段。"))
        if not b.name:
            errors.append(FieldError("name", "请填写预约人姓名。"))
        if problem := check_phone(b.phone):
            errors.append(FieldError("phone", f"{problem}。"))
        if b.id_number and (problem := check_id_number(b.id_number)):
            errors.append(FieldError("id_number", f"{problem}。"))
        return errors


class OpenSlotsDialog(RefusalDialog):
    """working_day: the hall's calendar, for the preview; without it the preview counts Monday to
    Friday and says so (the center opens slots on its own calendar's working days only)."""

    def __init__(
        self,
        parent,
        categories: list[Category],
        first_day: date,
        working_day: Callable[[date], bool] | None = None,
        entered: SlotOpening | None = None,
        errors=(),
        refusal="",
    ):
        super().__init__(
            parent,
            "开放预约时段",
            "在所选日期起的每个工作日开放相同的时段（节假日不开放）。指定帮办员的，时段为该帮办员的预约；"
            "与已开放的时段重叠的，整批不开放。",
            "开放",
            refusal,
        )
        self.working_day = working_day
        o = entered or SlotOpening("", first_day, 1)
        self.category = QComboBox()
        for c in categories:
            self.category.addItem(f"{c.code} {c.name}", c.code)
        if (at := self.category.findData(o.category)) >= 0:
            self.category.setCurrentIndex(at)
        self.agent_no = _line(o.agent_no or "", "选填；帮办员工号，如 A001")
        self.first_day = date_edit(o.first_day, "yyyy年MM月dd日")
        self.days = QSpinBox()
        self.days.setRange(1, MAX_DAYS)
        self.days.setSuffix(" 天")
        self.days.setValue(o.days)
        self.times = QPlainTextEdit("\n".join(f"{a}-{b}" for a, b in o.times))
        self.times.setPlaceholderText("每行一个时段，如 09:00-09:30")
        self.times.setMinimumHeight(150)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setSuffix(" 人")
        self.capacity.setValue(o.capacity)
        self.preview = wrapped_label()
        self.add_fields(
            self.form,
            ("category", "服务类别", self.category),
            ("agent_no", "帮办员", self.agent_no),
            ("first_day", "开始日期", self.first_day),
            ("days", "开放天数", self.days),
            ("times", "每日时段", self.times),
            ("capacity", "每个时段可约", self.capacity),
        )
        self.form.addRow("预计", self.preview)
        self.place_refusal()
        for signal in (self.first_day.dateChanged, self.days.valueChanged, self.capacity.valueChanged):
            signal.connect(self.update_preview)
        self.times.textChanged.connect(self.update_preview)
        self.update_preview()
        self.show_errors(errors)

    def opening(self) -> SlotOpening:
        pairs, _bad = parse_times(self.times.toPlainText())
        return SlotOpening(
            self.category.currentData() or "",
            day_of(self.first_day),
            self.days.value(),
            self.agent_no.text().strip().upper() or None,
            self.capacity.value(),
            tuple(pairs),
        )

    def working_days(self) -> int:
        first, count = day_of(self.first_day), self.days.value()
        is_working = self.working_day or (lambda d: d.weekday() < 5)
        return sum(1 for n in range(count) if is_working(first + timedelta(days=n)))

    def update_preview(self) -> None:
        o, days = self.opening(), self.working_days()
        if not o.times:
            text = "请填写每日时段。"
        elif days == 0:
            text = "所选日期内没有工作日，不会开放任何时段。"
        else:
            text = (
                f"将开放 {days * len(o.times)} 个时段：{days} 个工作日 × 每日 {len(o.times)} 个时段"
                f"（{min(a for a, _ in o.times)}–{max(b for _, b in o.times)}），每个时段可约 {o.capacity} 人。"
            )
        if self.working_day is None:
            text += "（工作日按周一至周五估算，节假日和调休以中心日历为准）"
        self.preview.setText(text)

    def local_errors(self) -> list[FieldError]:
        pairs, bad = parse_times(self.times.toPlainText())
        errors = []
        if not self.category.currentData():
            errors.append(FieldError("category", "请选择服务类别。"))
        if bad:
            errors.append(FieldError("times", f"无法识别：{'、'.join(bad)}。每行一个时段，如 09:00-09:30。"))
        elif not pairs:
            errors.append(FieldError("times", "请至少填写一个时段，如 09:00-09:30。"))
        return errors


def _ask(dialog: QDialog, read):
    return read() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_book(parent, slots: list[SlotInfo], chosen: str | None, entered=None, errors=(), refusal="") -> Booking | None:
    dialog = BookDialog(parent, slots, chosen, entered, errors, refusal)
    return _ask(dialog, dialog.booking)


def ask_open_slots(
    parent, categories: list[Category], first_day: date, working_day=None, entered=None, errors=(), refusal=""
) -> SlotOpening | None:
    dialog = OpenSlotsDialog(parent, categories, first_day, working_day, entered, errors, refusal)
    return _ask(dialog, dialog.opening)


def ask_cancel(parent, row: AppointmentInfo) -> str | None:
    dialog = NoteDialog(
        parent,
        f"取消预约：{row.booking_no}",
        f"{row.name}，{row.slot.day} {period(row.slot)} {row.slot.category_name}。"
        "取消后该时段的名额退回，原因记入日志。",
        "取消原因",
        "下一步",
        "如：申请人来电取消",
    )
    return _ask(dialog, dialog.answer)


def confirm_cancel(parent, text: str) -> bool:
    return confirm(parent, "取消预约", text, "确定取消预约")
