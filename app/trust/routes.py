"""Opening and closing a person's session at the center, from a workstation: the challenge, the
person's signature over it, and logout. Every other person route takes its actor from the
session (app.web.caller.acting)."""

from fastapi import APIRouter, Depends, Header
from pydantic import BaseModel, Field

from app.actor import Actor
from app.devices.scope import Device, DeviceKind
from app.trust.dto import Challenge, SessionOpened
from app.trust.sessions import SessionService
from app.web.caller import device, proven


class SessionRequest(BaseModel):
    person: str = Field(min_length=1, max_length=20)  # whose key signed the challenge: proven below
    nonce: str = Field(min_length=10, max_length=64)
    signature: str = Field(min_length=10, max_length=200)


def session_router(sessions: SessionService) -> APIRouter:
    router = APIRouter(prefix="/v1/session")
    workstation = Depends(device(DeviceKind.WORKSTATION))
    person = Depends(proven)  # logging out needs no changed password

    @router.get("/challenge")
    def challenge(machine: Device = workstation) -> Challenge:
        return Challenge(nonce=sessions.challenge(machine.id))

    @router.post("")
    def open_session(body: SessionRequest, machine: Device = workstation) -> SessionOpened:
        opened = sessions.open(machine.id, body.person, body.nonce, body.signature)
        return SessionOpened(token=opened.token, staff_no=opened.staff_no)

    @router.delete("")
    def close_session(actor: Actor = person, x_session: str = Header(default="")) -> None:
        sessions.close(x_session, actor.workstation_id, "logout")

    return router
