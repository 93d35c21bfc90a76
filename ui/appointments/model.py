"""The two tables of the 预约服务 page, as the center sends them: the day's slots and the day's
bookings. Checked-in bookings show green, no-shows grey. Staff see the applicant's name in full
(they book and check in by it) but only the last 4 digits of the phone: the screen faces the
counter, and the last 4 are enough to match a caller."""

from app.appointments.dto import AppointmentInfo, SlotInfo
from app.appointments.service import CHECKED_IN, NO_SHOW
from ui.palette import GREEN, GREY
from ui.rows_model import RowsModel

COLORS = {CHECKED_IN: GREEN, NO_SHOW: GREY}  # a no-show's text is grey too (RowsModel)


def period(slot: SlotInfo) -> str:
    return f"{slot.starts_at}–{slot.ends_at}"


def service(slot: SlotInfo) -> str:
    return f"{slot.category_code} {slot.category_name}"


def agent(slot: SlotInfo) -> str:
    return f"{slot.agent_name}（{slot.agent_no}）" if slot.agent_no else "—"


def phone_tail(phone: str) -> str:
    return "*" * max(len(phone) - 4, 0) + phone[-4:]


def slot_state(slot: SlotInfo) -> str:
    if slot.bookable:
        return f"可预约（余 {slot.free}）"
    return "已约满" if slot.free <= 0 else "已开始"


def slot_text(slot: SlotInfo) -> str:
    """One line for a slot in a chooser."""
    who = f"  帮办员 {slot.agent_name}" if slot.agent_no else ""
    return f"{period(slot)}  {service(slot)}{who}  余 {slot.free}/{slot.capacity}"


class SlotsModel(RowsModel):
    headers = ("时段", "服务类别", "帮办员", "已约/容量", "状态")

    def cells(self, s: SlotInfo) -> tuple[str, ...]:
        return (period(s), service(s), agent(s), f"{s.booked}/{s.capacity}", slot_state(s))


class AppointmentsModel(RowsModel):
    headers = ("预约号", "姓名", "手机", "时段", "服务类别", "状态", "排队号")

    def cells(self, a: AppointmentInfo) -> tuple[str, ...]:
        slot = a.slot
        return (
            a.booking_no,
            a.name,
            phone_tail(a.phone),
            period(slot),
            service(slot),
            a.status,
            a.ticket_label or "—",
        )

    def color(self, a: AppointmentInfo) -> str | None:
        return COLORS.get(a.status)
