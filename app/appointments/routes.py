"""Appointments at the center over HTTP: the slots (they carry no personal data), opening slots
(managers), booking, cancelling, the day's list and check-in (window staff, at workstations), and
check-in at the kiosk by booking number, ID number or phone, undone by the kiosk that could not
print its ticket. The acting person comes from their session at the center (app.web.caller),
never from the caller's word."""

from datetime import date

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.actor import Actor
from app.appointments.dto import DEFAULT_TIMES, AppointmentInfo, CheckIn, SlotInfo, SlotOpening
from app.appointments.service import AppointmentService
from app.devices.scope import Device, DeviceKind
from app.web.caller import PERSON, device


class OpenSlotsRequest(BaseModel):
    # Bounds on size only: the service checks the values, with its messages in Chinese.
    category: str = Field(min_length=1, max_length=4)
    first_day: date
    days: int
    agent_no: str | None = Field(default=None, max_length=20)
    capacity: int = 1
    times: list[tuple[str, str]] = Field(default=list(DEFAULT_TIMES), max_length=48)


class BookRequest(BaseModel):
    slot_id: str = Field(min_length=1, max_length=36)
    name: str = Field(max_length=200)
    phone: str = Field(max_length=40)
    id_number: str = Field(default="", max_length=40)
    request_id: str | None = Field(default=None, max_length=36)


class CancelRequest(BaseModel):
    reason: str = Field(max_length=200)


class CheckInRequest(BaseModel):
    id_number: str = Field(default="", max_length=40)


class UndoCheckIn(BaseModel):
    reason: str = Field(min_length=1, max_length=200)


class KioskCheckIn(BaseModel):
    number: str = Field(min_length=1, max_length=40)


def appointment_router(appointments: AppointmentService) -> APIRouter:
    router = APIRouter(prefix="/v1/appointments")
    kiosk = Depends(device(DeviceKind.KIOSK))

    @router.get("/slots")
    def slots(category: str, day: date, agent_no: str | None = None, _actor: Actor = PERSON) -> list[SlotInfo]:
        return appointments.slots(category, day, agent_no)

    @router.post("/slots")
    def open_slots(body: OpenSlotsRequest, actor: Actor = PERSON) -> list[SlotInfo]:
        opening = SlotOpening(body.category, body.first_day, body.days, body.agent_no, body.capacity, tuple(body.times))
        return appointments.open_slots(actor, opening)

    @router.post("")
    def book(body: BookRequest, actor: Actor = PERSON) -> AppointmentInfo:
        return appointments.book(actor, body.slot_id, body.name, body.phone, body.id_number, body.request_id)

    @router.get("/day")
    def day_list(
        day: date,
        category: str | None = None,
        agent_no: str | None = None,
        actor: Actor = PERSON,
    ) -> list[AppointmentInfo]:
        appointments.mark_no_shows(appointments.clock.now())  # the list shows who did not come
        return appointments.day_list(actor, day, category, agent_no)

    @router.post("/{appointment_id}/cancel")
    def cancel(appointment_id: str, body: CancelRequest, actor: Actor = PERSON) -> AppointmentInfo:
        return appointments.cancel(actor, appointment_id, body.reason)

    @router.post("/{appointment_id}/check-in")
    def check_in(appointment_id: str, body: CheckInRequest, actor: Actor = PERSON) -> CheckIn:
        return appointments.check_in(actor, appointment_id, body.id_number)

    @router.post("/check-in")
    def kiosk_check_in(body: KioskCheckIn, machine: Device = kiosk) -> CheckIn:
        return appointments.check_in_by_number(body.number, machine.id)

    @router.post("/check-in/{ticket_id}/undo")
    def undo_kiosk_check_in(ticket_id: str, body: UndoCheckIn, machine: Device = kiosk) -> None:
        appointments.undo_kiosk_check_in(ticket_id, body.reason, machine)

    return router
