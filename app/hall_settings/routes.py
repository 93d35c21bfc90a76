"""The hall's settings at the center: what any enrolled device shows of the center (kiosk, board),
and the manager's page and changes. The acting person comes from their session at the center
(app.web.caller) and their role is looked up here, never taken from the caller."""

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.actor import Actor
from app.devices.scope import Device, DeviceKind
from app.hall_settings.dto import Overview
from app.hall_settings.fields import MAX_LENGTH, MAX_REASON, CenterFields, DepartmentFields
from app.hall_settings.service import HallSettingsService
from app.web.caller import PERSON, device

# A little over each column's size: the service answers a longer value beside its field.
SLACK = 20


def _text(name: str):
    return Field(max_length=MAX_LENGTH[name] + SLACK)


class CenterRequest(BaseModel):
    center_name: str = _text("center_name")
    center_address: str = _text("center_address")
    center_phone: str = _text("center_phone")
    reason: str = Field(max_length=MAX_REASON + SLACK)


class DepartmentRequest(BaseModel):
    acceptance_seal: str = _text("acceptance_seal")
    acceptance_seal_purpose: str = _text("acceptance_seal_purpose")
    approval_seal: str = _text("approval_seal")
    approval_seal_purpose: str = _text("approval_seal_purpose")
    reconsideration_body: str = _text("reconsideration_body")
    court: str = _text("court")
    reason: str = Field(max_length=MAX_REASON + SLACK)


def settings_router(settings: HallSettingsService) -> APIRouter:
    router = APIRouter(prefix="/v1/settings")
    # What the kiosk and the board show of the center (its name) is public in the hall anyway.
    shown = Depends(device(DeviceKind.WORKSTATION, DeviceKind.KIOSK, DeviceKind.BOARD))

    @router.get("/center")
    def center_names(_machine: Device = shown) -> CenterFields:
        return settings.center()

    @router.get("")
    def overview(actor: Actor = PERSON) -> Overview:
        return settings.overview(actor)

    @router.put("/center")
    def update_center(body: CenterRequest, actor: Actor = PERSON) -> None:
        new = CenterFields(body.center_name, body.center_address, body.center_phone)
        settings.update_center(actor, new, body.reason)

    @router.put("/departments/{department_id}")
    def update_department(department_id: str, body: DepartmentRequest, actor: Actor = PERSON) -> None:
        new = DepartmentFields(
            body.acceptance_seal,
            body.acceptance_seal_purpose,
            body.approval_seal,
            body.approval_seal_purpose,
            body.reconsideration_body,
            body.court,
        )
        settings.update_department(actor, department_id, new, body.reason)

    return router
