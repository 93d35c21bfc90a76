"""电子监察 at the center: sweep the record, read the signals, explain a false alarm."""

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.actor import Actor
from app.supervision.dto import SignalRow, SweepResult
from app.supervision.service import SignalService
from app.web.caller import acting


class ExplainRequest(BaseModel):
    reason: str = Field(max_length=500)


def supervision_router(signals: SignalService) -> APIRouter:
    router = APIRouter(prefix="/v1/supervision/signals")
    person = Depends(acting)  # the person acting, proven by their session

    @router.post("/sweep")
    def swept(actor: Actor = person) -> SweepResult:
        return signals.sweep(actor)

    @router.get("")
    def listed(include_explained: bool = True, actor: Actor = person) -> list[SignalRow]:
        return signals.signals(actor, include_explained)

    @router.post("/{signal_id}/explain")
    def explain(signal_id: str, body: ExplainRequest, actor: Actor = person) -> None:
        signals.explain(actor, signal_id, body.reason)

    return router
