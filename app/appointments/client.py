"""Appointments as a workstation or the kiosk reaches them at the center (app.appointments.service,
app.appointments.slots), answering the DTOs of app.appointments.dto. A refusal raises
AppointmentError (ValidationFailed, field by field, for bad input), an unreachable center
CenterUnreachable. kiosk_check_in's number: the booking number, the ID number booked with, or the
phone booked with (the answer's name and phone masked)."""

from datetime import date

from app.appointments.dto import AppointmentInfo, CheckIn, SlotInfo, SlotOpening
from app.appointments.slots import AppointmentError
from app.center_client import CenterClient
from app.web import wire


class AppointmentClient(CenterClient, prefix="/v1/appointments", refused=AppointmentError, service="预约服务"):
    """app.appointments.dto.Appointments over HTTP, and the kiosk's check-in."""

    def slots(self, category: str, day: date, agent_no: str | None = None) -> list[SlotInfo]:
        params = {"category": category, "day": day.isoformat()}
        if agent_no:
            params["agent_no"] = agent_no
        return self._call(list[SlotInfo], "GET", "/slots", params=params)

    def open_slots(self, opening: SlotOpening) -> list[SlotInfo]:
        return self._call(list[SlotInfo], "POST", "/slots", json=wire.encode(opening))

    def book(
        self, slot_id: str, name: str, phone: str, id_number: str = "", request_id: str | None = None
    ) -> AppointmentInfo:
        body = {
            "slot_id": slot_id,
            "name": name,
            "phone": phone,
            "id_number": id_number,
            "request_id": request_id,
        }
        return self._call(AppointmentInfo, "POST", "", json=body)

    def day_list(self, day: date, category: str | None = None, agent_no: str | None = None) -> list[AppointmentInfo]:
        params = {"day": day.isoformat()}
        params |= {k: v for k, v in (("category", category), ("agent_no", agent_no)) if v}
        return self._call(list[AppointmentInfo], "GET", "/day", params=params)

    def cancel(self, appointment_id: str, reason: str) -> AppointmentInfo:
        return self._call(AppointmentInfo, "POST", f"/{appointment_id}/cancel", json={"reason": reason})

    def check_in(self, appointment_id: str, id_number: str = "") -> CheckIn:
        body = {"id_number": id_number}
        return self._call(CheckIn, "POST", f"/{appointment_id}/check-in", json=body)

    def kiosk_check_in(self, number: str) -> CheckIn:
        return self._call(CheckIn, "POST", "/check-in", json={"number": number})

    def undo_kiosk_check_in(self, ticket_id: str, reason: str) -> None:
        """The check-in's ticket could not be printed: cancelled, and the booking open again."""
        self._request("POST", f"/check-in/{ticket_id}/undo", json={"reason": reason})
