"""Help and agent service at the center: requests with their plans, the pool's suggestion and
assignment, the log and reminders, linking a case, closing and the applicant's rating, and the
agents' workload report."""

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.actor import Actor
from app.help.dto import (
    AgentFigures,
    AgentRow,
    NewRequest,
    PlanStep,
    Reminder,
    RequestRow,
    RequestView,
    Suggestion,
)
from app.help.requests import HelpService
from app.web.caller import PERSON
from app.web.wire import Created


class Step(BaseModel):
    matter_id: str = Field(max_length=36)
    depends_on: list[int] = Field(default=[], max_length=50)


class CreateRequest(BaseModel):
    kind: str = Field(max_length=10)
    subject: str = Field(max_length=10)
    applicant_name: str = Field(max_length=120)
    applicant_doc: str = Field(default="", max_length=40)
    contact_name: str = Field(max_length=40)
    contact_phone: str = Field(max_length=40)
    target_on: date | None = None
    plan: list[Step] = Field(max_length=50)
    urgency: str = Field(default="普通", max_length=10)
    project_name: str = Field(default="", max_length=120)
    lead_department_id: str | None = Field(default=None, max_length=36)
    bundle_id: str | None = Field(default=None, max_length=36)


class AssignRequest(BaseModel):
    agent_no: str = Field(max_length=20)
    reason: str = Field(default="", max_length=500)


class LogRequest(BaseModel):
    kind: str = Field(max_length=10)
    text: str = Field(max_length=2000)
    due_on: date | None = None


class LinkRequest(BaseModel):
    seq: int = Field(ge=1, le=50)
    case_no: str = Field(max_length=40)


class NoteRequest(BaseModel):
    note: str = Field(max_length=2000)


class ReasonRequest(BaseModel):
    reason: str = Field(max_length=2000)


class RateRequest(BaseModel):
    level: int = Field(ge=1, le=5)
    reason: str = Field(default="", max_length=500)


def help_router(service: HelpService) -> APIRouter:
    router = APIRouter(prefix="/v1/help")

    @router.get("/requests")
    def requests(include_closed: bool = False, actor: Actor = PERSON) -> list[RequestRow]:
        return service.requests(actor, include_closed)

    @router.post("/requests")
    def create(body: CreateRequest, actor: Actor = PERSON) -> Created:
        fields = body.model_dump(exclude={"plan"})
        plan = tuple(PlanStep(p.matter_id, tuple(p.depends_on)) for p in body.plan)
        return Created(service.create(actor, NewRequest(**fields, plan=plan)))

    @router.get("/requests/{request_id}")
    def request(request_id: str, actor: Actor = PERSON) -> RequestView:
        return service.request(actor, request_id)

    @router.get("/requests/{request_id}/suggestions")
    def suggest(request_id: str, actor: Actor = PERSON) -> list[Suggestion]:
        return service.suggest(actor, request_id)

    @router.post("/requests/{request_id}/assign")
    def assign(request_id: str, body: AssignRequest, actor: Actor = PERSON) -> None:
        service.assign(actor, request_id, body.agent_no, body.reason)

    @router.post("/requests/{request_id}/log")
    def log(request_id: str, body: LogRequest, actor: Actor = PERSON) -> None:
        service.log(actor, request_id, body.kind, body.text, body.due_on)

    @router.post("/log/{log_id}/done")
    def done(log_id: str, actor: Actor = PERSON) -> None:
        service.done(actor, log_id)

    @router.get("/reminders")
    def reminders(within_days: int = 3, actor: Actor = PERSON) -> list[Reminder]:
        return service.reminders(actor, within_days)

    @router.post("/requests/{request_id}/link")
    def link_case(request_id: str, body: LinkRequest, actor: Actor = PERSON) -> None:
        service.link_case(actor, request_id, body.seq, body.case_no)

    @router.post("/requests/{request_id}/close")
    def close(request_id: str, body: NoteRequest, actor: Actor = PERSON) -> None:
        service.close(actor, request_id, body.note)

    @router.post("/requests/{request_id}/cancel")
    def cancel(request_id: str, body: ReasonRequest, actor: Actor = PERSON) -> None:
        service.cancel(actor, request_id, body.reason)

    @router.post("/requests/{request_id}/rate")
    def rate(request_id: str, body: RateRequest, actor: Actor = PERSON) -> None:
        service.rate(actor, request_id, body.level, body.reason)

    @router.get("/agents")
    def agents(actor: Actor = PERSON) -> list[AgentRow]:
        return service.agents(actor)

    @router.get("/workload")
    def workload(first: date, last: date, actor: Actor = PERSON) -> list[AgentFigures]:
        return service.workload(actor, first, last)

    return router
