"""电子监察 at the center: sweep the record, read the signals, explain a false alarm."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.actor import Actor
from app.supervision.dto import SignalRow, SweepResult
from app.supervision.service import SignalService
from app.web.caller import PERSON


class ExplainRequest(BaseModel):
    reason: str = Field(max_length=500)


def supervision_router(signals: SignalService) -> APIRouter:
    router = APIRouter(prefix="/v1/supervision/signals")

    @router.post("/sweep")
    def swept(actor: Actor = PERSON) -> SweepResult:
        return signals.sweep(actor)

    @router.get("")
    def listed(include_explained: bool = True, actor: Actor = PERSON) -> list[SignalRow]:
        return signals.signals(actor, include_explained)

    @router.post("/{signal_id}/explain")
    def explain(signal_id: str, body: ExplainRequest, actor: Actor = PERSON) -> None:
        signals.explain(actor, signal_id, body.reason)

    return router
