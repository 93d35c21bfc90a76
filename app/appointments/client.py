"""Appointments as a workstation or the kiosk reaches them at the center (app.appointments.service,
app.appointments.slots).

Every method returns plain JSON data; dates are ISO strings ("2026-03-02"), times "HH:MM",
instants ISO date-times. A refusal raises AppointmentError (ValidationFailed, field by field, for
bad input), an unreachable center CenterUnreachable.

- slots(category, day, agent_no=None) -> [slot]; slot = {id, category_code, category_name,
  agent_no, agent_name ("" for none), day, starts_at, ends_at, capacity, booked, free, bookable}
- open_slots(category, first_day, days, agent_no=None, capacity=1, times=None) -> [slot]
  (managers; times: [("09:00", "09:30"), …], the service's defaults when None)
- book(slot_id, name, phone, id_number="", request_id=None) -> appointment;
  appointment = {id, booking_no (10 digits, told to the applicant), slot (as above), name, phone,
  has_id, status (已预约 / 已签到 / 已爽约 / 已取消), ticket_id, ticket_label ("" before check-in),
  booked_by, booked_at, checked_in_at}
- day_list(day, category=None, agent_no=None) -> [appointment] (no-shows marked first)
- cancel(appointment_id, reason) -> appointment
- check_in(appointment_id, id_number="") -> {appointment, ticket}; ticket as the queue
  returns it (app.queue.tickets.TicketInfo: id, label, …), to print like the kiosk's
- kiosk_check_in(number) -> {appointment (name and phone masked), ticket}; number: the booking
  number, the ID number booked with, or the phone booked with"""

from datetime import date

from app.appointments.slots import AppointmentError
from app.center_client import CenterClient


class AppointmentClient(CenterClient):
    prefix = "/v1/appointments"
    refused = AppointmentError
    service = "预约服务"

    def slots(self, category: str, day: date, agent_no: str | None = None) -> list[dict]:
        params = {"category": category, "day": day.isoformat()}
        if agent_no:
            params["agent_no"] = agent_no
        return self._request("GET", "/slots", params=params)

    def open_slots(
        self,
        category: str,
        first_day: date,
        days: int,
        agent_no: str | None = None,
        capacity: int = 1,
        times: list[tuple[str, str]] | None = None,
    ) -> list[dict]:
        body = {
            "category": category,
            "first_day": first_day.isoformat(),
            "days": days,
            "agent_no": agent_no,
            "capacity": capacity,
        }
        if times is not None:
            body["times"] = [list(t) for t in times]
        return self._request("POST", "/slots", json=body)

    def book(self, slot_id: str, name: str, phone: str, id_number: str = "", request_id: str | None = None) -> dict:
        body = {
            "slot_id": slot_id,
            "name": name,
            "phone": phone,
            "id_number": id_number,
            "request_id": request_id,
        }
        return self._request("POST", "", json=body)

    def day_list(self, day: date, category: str | None = None, agent_no: str | None = None) -> list[dict]:
        params = {"day": day.isoformat()}
        params |= {k: v for k, v in (("category", category), ("agent_no", agent_no)) if v}
        return self._request("GET", "/day", params=params)

    def cancel(self, appointment_id: str, reason: str) -> dict:
        return self._request("POST", f"/{appointment_id}/cancel", json={"reason": reason})

    def check_in(self, appointment_id: str, id_number: str = "") -> dict:
        body = {"id_number": id_number}
        return self._request("POST", f"/{appointment_id}/check-in", json=body)

    def kiosk_check_in(self, number: str) -> dict:
        return self._request("POST", "/check-in", json={"number": number})

    def undo_kiosk_check_in(self, ticket_id: str, reason: str) -> None:
        """The check-in's ticket could not be printed: cancelled, and the booking open again."""
        self._request("POST", f"/check-in/{ticket_id}/undo", json={"reason": reason})
