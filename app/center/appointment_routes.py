"""Appointments at the center over HTTP: the slots (they carry no personal data), opening slots
(managers), booking, cancelling, the day's list and check-in (window staff, at workstations), and
check-in at the kiosk by booking number, ID number or phone, undone by the kiosk that could not
print its ticket. The acting person is named by staff number and their roles are looked up here,
never taken from the caller."""

from dataclasses import asdict
from datetime import date

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.actor import Actor
from app.auth import on_duty
from app.center.caller import Acting, device, workstation_id
from app.center.service import CenterService
from app.devices.scope import Device, DeviceKind
from app.help.appointment_slots import DEFAULT_TIMES
from app.help.appointments import AppointmentService


class OpenSlotsRequest(Acting):
    # Bounds on size only: the service checks the values, with its messages in Chinese.
    category: str = Field(min_length=1, max_length=4)
    first_day: date
    days: int
    agent_no: str | None = Field(default=None, max_length=20)
    capacity: int = 1
    times: list[tuple[str, str]] = Field(default=list(DEFAULT_TIMES), max_length=48)


class BookRequest(Acting):
    slot_id: str = Field(min_length=1, max_length=36)
    name: str = Field(max_length=200)
    phone: str = Field(max_length=40)
    id_number: str = Field(default="", max_length=40)
    request_id: str | None = Field(default=None, max_length=36)


class CancelRequest(Acting):
    reason: str = Field(max_length=200)


class CheckInRequest(Acting):
    id_number: str = Field(default="", max_length=40)


class UndoCheckIn(BaseModel):
    reason: str = Field(min_length=1, max_length=200)


class KioskCheckIn(BaseModel):
    number: str = Field(min_length=1, max_length=40)


def appointment_router(center: CenterService, appointments: AppointmentService) -> APIRouter:
    router = APIRouter(prefix="/v1/appointments")
    caller = Depends(workstation_id)  # a person at an enrolled workstation
    kiosk = Depends(device(DeviceKind.KIOSK))

    def acting(staff_no: str, workstation: str) -> Actor:
        with center.store.sessions() as s:
            return on_duty(s, staff_no, workstation)

    @router.get("/slots")
    def slots(category: str, day: date, agent_no: str | None = None, _workstation: str = caller) -> list[dict]:
        return [asdict(x) for x in appointments.slots(category, day, agent_no)]

    @router.post("/slots")
    def open_slots(body: OpenSlotsRequest, workstation: str = caller) -> list[dict]:
        opened = appointments.open_slots(
            acting(body.staff_no, workstation),
            body.category,
            body.first_day,
            body.days,
            body.agent_no,
            body.capacity,
            body.times,
        )
        return [asdict(x) for x in opened]

    @router.post("")
    def book(body: BookRequest, workstation: str = caller) -> dict:
        actor = acting(body.staff_no, workstation)
        return asdict(appointments.book(actor, body.slot_id, body.name, body.phone, body.id_number, body.request_id))

    @router.get("/day")
    def day_list(
        staff_no: str,
        day: date,
        category: str | None = None,
        agent_no: str | None = None,
        workstation: str = caller,
    ) -> list[dict]:
        actor = acting(staff_no, workstation)
        appointments.mark_no_shows(appointments.clock.now())  # the list shows who did not come
        return [asdict(x) for x in appointments.day_list(actor, day, category, agent_no)]

    @router.post("/{appointment_id}/cancel")
    def cancel(appointment_id: str, body: CancelRequest, workstation: str = caller) -> dict:
        return asdict(appointments.cancel(acting(body.staff_no, workstation), appointment_id, body.reason))

    @router.post("/{appointment_id}/check-in")
    def check_in(appointment_id: str, body: CheckInRequest, workstation: str = caller) -> dict:
        return asdict(appointments.check_in(acting(body.staff_no, workstation), appointment_id, body.id_number))

    @router.post("/check-in")
    def kiosk_check_in(body: KioskCheckIn, machine: Device = kiosk) -> dict:
        return asdict(appointments.check_in_by_number(body.number, machine.id))

    @router.post("/check-in/{ticket_id}/undo")
    def undo_kiosk_check_in(ticket_id: str, body: UndoCheckIn, machine: Device = kiosk) -> dict:
        appointments.undo_kiosk_check_in(ticket_id, body.reason, machine)
        return {"undone": ticket_id}

    return router
