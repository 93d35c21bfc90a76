"""The queue's HTTP interface at the center, for the clerks' clients, the kiosk, the board and
the rating pads. Every request carries an enrolled machine's credential and the protocol and
schema versions in headers, and each route names the kinds of machine it serves: the kiosk takes
tickets and cancels its own unprinted ones, the board reads the board, a rating pad reads and
rates its own window's service; the rest is the workstations'. A refused action answers 4xx with
the reason in Chinese."""

from datetime import date

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from app.actor import Actor
from app.devices.scope import Device, DeviceKind, DeviceRefused, window_refusal
from app.queue import order
from app.queue.service import QueueService
from app.queue.stats import day_stats
from app.queue.tickets import QueueError
from app.web.caller import acting, device

ACTIONS = {"recall", "no_show", "start", "end", "park", "resume", "transfer"}


class IssueRequest(BaseModel):
    category: str = Field(min_length=1, max_length=4)
    priority: str = Field(default="", max_length=10)
    id_number: str = Field(default="", max_length=18)
    name: str = Field(default="", max_length=40)


class CancelRequest(BaseModel):
    reason: str = Field(min_length=1, max_length=200)


class CallRequest(BaseModel):
    window_no: int = Field(ge=1, le=999)


class ActionRequest(BaseModel):
    window_no: int | None = Field(default=None, ge=1, le=999)
    category_code: str | None = Field(default=None, max_length=4)
    reason: str = Field(default="", max_length=200)


class RatingRequest(BaseModel):
    level: int = Field(ge=1, le=5)
    reason: str = Field(default="", max_length=500)


class TidalConfirm(BaseModel):
    kind: str = Field(pattern="^(open|close)$")
    window_no: int = Field(ge=1, le=999)


class TidalMode(BaseModel):
    mode: str = Field(max_length=10)


def own_window(machine: Device, window_no: int) -> None:
    why = window_refusal(machine, window_no)
    if why:
        raise DeviceRefused(machine, why)


def queue_router(queue: QueueService) -> APIRouter:
    router = APIRouter(prefix="/v1/queue")
    kiosk = Depends(device(DeviceKind.KIOSK))
    person = Depends(acting)  # a person at a workstation, proven by their session
    pad = Depends(device(DeviceKind.RATING_PAD))
    pad_or_workstation = Depends(device(DeviceKind.RATING_PAD, DeviceKind.WORKSTATION))

    @router.get("/categories", dependencies=[Depends(device(DeviceKind.KIOSK, DeviceKind.WORKSTATION))])
    def categories() -> list[dict]:
        return queue.categories()

    @router.post("/tickets")
    def issue(body: IssueRequest, machine: Device = kiosk) -> dict:
        if body.priority == order.APPOINTMENT:  # only a booking's check-in (/v1/appointments) gives it
            raise QueueError("预约优先须凭预约签到取得，请点“预约签到”。")
        return queue.issue(body.category, body.priority, body.id_number, body.name, issued_by=machine.id).__dict__

    @router.post("/tickets/{ticket_id}/cancel")
    def cancel(ticket_id: str, body: CancelRequest, machine: Device = kiosk) -> dict:
        queue.cancel(ticket_id, body.reason, machine)
        return {"cancelled": ticket_id}

    @router.post("/call")
    def call(body: CallRequest, actor: Actor = person) -> dict:
        return queue.call_next(actor.staff_no, body.window_no).__dict__

    @router.post("/tickets/{ticket_id}/{action}")
    def act(ticket_id: str, action: str, body: ActionRequest, actor: Actor = person) -> dict:
        if action not in ACTIONS:
            raise HTTPException(404, f"没有“{action}”这个操作。")
        if action == "transfer":
            info = queue.transfer(actor.staff_no, ticket_id, body.category_code, body.window_no)
        elif action == "resume":
            if body.window_no is None:
                raise HTTPException(422, "恢复办理需要给出窗口号。")
            info = queue.resume(actor.staff_no, body.window_no, ticket_id)
        elif action == "park":
            info = queue.park(actor.staff_no, ticket_id, body.reason)
        else:
            info = getattr(queue, action)(actor.staff_no, ticket_id)
        return info.__dict__

    @router.get("/windows/{window_no}")
    def window(window_no: int, machine: Device = pad_or_workstation) -> dict:
        own_window(machine, window_no)
        return queue.window_state(window_no)

    @router.post("/windows/{window_no}/rating")
    def rate(window_no: int, body: RatingRequest, machine: Device = pad) -> dict:
        own_window(machine, window_no)
        return queue.rate(window_no, body.level, body.reason)

    @router.get("/board", dependencies=[Depends(device(DeviceKind.BOARD))])
    def board(after: int = 0) -> dict:
        return queue.board(after_seq=after)

    @router.get("/tidal", dependencies=[person])
    def tidal() -> dict:
        return {"suggestions": queue.evaluate_tidal(), "log": queue.tidal_log(queue.clock.today())}

    @router.post("/tidal/confirm")
    def confirm(body: TidalConfirm, actor: Actor = person) -> dict:
        queue.confirm_tidal(actor.staff_no, {"kind": body.kind, "window_no": body.window_no})
        return {"confirmed": True}

    @router.post("/tidal/mode")
    def mode(body: TidalMode, actor: Actor = person) -> dict:
        queue.set_tidal_mode(actor.staff_no, body.mode)
        return {"mode": body.mode}

    @router.get("/stats", dependencies=[person])
    def stats(day: date | None = None) -> dict:
        return day_stats(queue.store, day or queue.clock.today())

    @router.get("/rectifications", dependencies=[person])
    def rectifications() -> list[dict]:
        return queue.rectifications()

    return router
