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
from app.queue.dto import (
    Board,
    Category,
    DayStats,
    Rating,
    Rectification,
    TicketAction,
    TicketInfo,
    TidalAction,
    TidalKind,
    TidalPicture,
    WindowState,
)
from app.queue.service import QueueService
from app.queue.tickets import QueueError
from app.queue.tidal_windows import tidal_mode
from app.web.caller import PERSON, device


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
    """A suggestion as the page was shown it: it is confirmed if the same change at the same window is still due."""

    kind: TidalKind
    window_no: int = Field(ge=1, le=999)
    category_code: str = Field(default="", max_length=4)
    reason: str = Field(default="", max_length=2000)


class TidalModeRequest(BaseModel):
    mode: str = Field(max_length=10)


def own_window(machine: Device, window_no: int) -> None:
    why = window_refusal(machine, window_no)
    if why:
        raise DeviceRefused(machine, why)


def queue_router(queue: QueueService) -> APIRouter:
    router = APIRouter(prefix="/v1/queue")
    kiosk = Depends(device(DeviceKind.KIOSK))
    pad = Depends(device(DeviceKind.RATING_PAD))
    pad_or_workstation = Depends(device(DeviceKind.RATING_PAD, DeviceKind.WORKSTATION))

    @router.get("/categories", dependencies=[Depends(device(DeviceKind.KIOSK, DeviceKind.WORKSTATION))])
    def categories() -> list[Category]:
        return queue.categories()

    @router.post("/tickets")
    def issue(body: IssueRequest, machine: Device = kiosk) -> TicketInfo:
        if body.priority == order.APPOINTMENT:  # only a booking's check-in (/v1/appointments) gives it
            raise QueueError("预约优先须凭预约签到取得，请点“预约签到”。")
        return queue.issue(body.category, body.priority, body.id_number, body.name, issued_by=machine.id)

    @router.post("/tickets/{ticket_id}/cancel")
    def cancel(ticket_id: str, body: CancelRequest, machine: Device = kiosk) -> None:
        queue.cancel(ticket_id, body.reason, machine)

    @router.post("/call")
    def call(body: CallRequest, actor: Actor = PERSON) -> TicketInfo:
        return queue.call_next(actor.staff_no, body.window_no)

    @router.post("/tickets/{ticket_id}/{action}")
    def act(ticket_id: str, action: str, body: ActionRequest, actor: Actor = PERSON) -> TicketInfo:
        if action not in list(TicketAction):
            raise HTTPException(404, f"没有“{action}”这个操作。")
        if action == TicketAction.TRANSFER:
            return queue.transfer(actor.staff_no, ticket_id, body.category_code, body.window_no)
        if action == TicketAction.RESUME:
            if body.window_no is None:
                raise HTTPException(422, "恢复办理需要给出窗口号。")
            return queue.resume(actor.staff_no, body.window_no, ticket_id)
        if action == TicketAction.PARK:
            return queue.park(actor.staff_no, ticket_id, body.reason)
        return getattr(queue, action)(actor.staff_no, ticket_id)

    @router.get("/windows/{window_no}")
    def window(window_no: int, machine: Device = pad_or_workstation) -> WindowState:
        own_window(machine, window_no)
        return queue.window_state(window_no)

    @router.post("/windows/{window_no}/rating")
    def rate(window_no: int, body: RatingRequest, machine: Device = pad) -> Rating:
        own_window(machine, window_no)
        return queue.rate(window_no, body.level, body.reason)

    @router.get("/board", dependencies=[Depends(device(DeviceKind.BOARD))])
    def board(after: int = 0) -> Board:
        return queue.board(after_seq=after)

    @router.get("/tidal", dependencies=[PERSON])
    def tidal() -> TidalPicture:
        return queue.tidal()

    @router.post("/tidal/confirm")
    def confirm(body: TidalConfirm, actor: Actor = PERSON) -> None:
        suggestion = TidalAction(body.kind, body.category_code, body.window_no, body.reason)
        queue.confirm_tidal(actor.staff_no, suggestion)

    @router.post("/tidal/mode")
    def mode(body: TidalModeRequest, actor: Actor = PERSON) -> None:
        queue.set_tidal_mode(actor.staff_no, tidal_mode(body.mode))

    @router.get("/stats", dependencies=[PERSON])
    def stats(day: date | None = None) -> DayStats:
        return queue.stats(day)

    @router.get("/rectifications", dependencies=[PERSON])
    def rectifications() -> list[Rectification]:
        return queue.rectifications()

    return router
