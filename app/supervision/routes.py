"""电子监察 at the center: sweep the record, read the signals, explain a false alarm; the
per-matter limits of 提前办结异常 (a manager sets them)."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.actor import Actor
from app.supervision.dto import SignalRow, SweepResult, TooFastLimitRow
from app.supervision.service import SignalService
from app.web.caller import PERSON


class ExplainRequest(BaseModel):
    reason: str = Field(max_length=500)


class TooFastLimitRequest(BaseModel):
    minutes: int | None  # None: back to the mode's default; the range is the service's to check


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

    @router.get("/too-fast-limits")
    def too_fast_limits(actor: Actor = PERSON) -> list[TooFastLimitRow]:
        return signals.too_fast_limits(actor)

    @router.put("/too-fast-limits/{matter_id}")
    def set_too_fast_limit(matter_id: str, body: TooFastLimitRequest, actor: Actor = PERSON) -> None:
        signals.set_too_fast_limit(actor, matter_id, body.minutes)

    return router
