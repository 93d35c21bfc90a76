"""Help and agent service at the center: requests with their plans, the pool's suggestion and
assignment, the log and reminders, linking a case, closing and the applicant's rating, and the
agents' workload report."""

from datetime import date

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from app.approval.service import ApprovalService
from app.center.caller import Acting, workstation_id
from app.help.report import workload
from app.help.requests import HelpService, NewRequest, PlanStep


class Step(BaseModel):
    matter_id: str = Field(max_length=36)
    depends_on: list[int] = Field(default=[], max_length=50)


class CreateRequest(Acting):
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


class AssignRequest(Acting):
    agent_no: str = Field(max_length=20)
    reason: str = Field(default="", max_length=500)


class LogRequest(Acting):
    kind: str = Field(max_length=10)
    text: str = Field(max_length=2000)
    due_on: date | None = None


class LinkRequest(Acting):
    seq: int = Field(ge=1, le=50)
    case_no: str = Field(max_length=40)


class NoteRequest(Acting):
    note: str = Field(max_length=2000)


class RateRequest(Acting):
    level: int = Field(ge=1, le=5)
    reason: str = Field(default="", max_length=500)


def help_router(approvals: ApprovalService, service: HelpService) -> APIRouter:
    router = APIRouter(prefix="/v1/help")
    caller = Depends(workstation_id)  # a person at an enrolled workstation

    def who(staff_no: str, workstation: str):
        return approvals.actor_for(staff_no, workstation)

    @router.get("/requests")
    def requests(staff_no: str, include_closed: bool = False, workstation: str = caller) -> list[dict]:
        return service.requests(who(staff_no, workstation), include_closed)

    @router.post("/requests")
    def create(body: CreateRequest, workstation: str = caller) -> dict:
        fields = body.model_dump(exclude={"staff_no", "plan"})
        plan = tuple(PlanStep(p.matter_id, tuple(p.depends_on)) for p in body.plan)
        return {"id": service.create(who(body.staff_no, workstation), NewRequest(**fields, plan=plan))}

    @router.get("/requests/{request_id}")
    def request(request_id: str, staff_no: str, workstation: str = caller) -> dict:
        return service.request(who(staff_no, workstation), request_id)

    @router.get("/requests/{request_id}/suggestions")
    def suggestions(request_id: str, staff_no: str, workstation: str = caller) -> list[dict]:
        return [{**s.__dict__, "fits": s.fits} for s in service.suggest(who(staff_no, workstation), request_id)]

    @router.post("/requests/{request_id}/assign")
    def assign(request_id: str, body: AssignRequest, workstation: str = caller) -> dict:
        service.assign(who(body.staff_no, workstation), request_id, body.agent_no, body.reason)
        return {"ok": True}

    @router.post("/requests/{request_id}/log")
    def log(request_id: str, body: LogRequest, workstation: str = caller) -> dict:
        service.log(who(body.staff_no, workstation), request_id, body.kind, body.text, body.due_on)
        return {"ok": True}

    @router.post("/log/{log_id}/done")
    def done(log_id: str, body: Acting, workstation: str = caller) -> dict:
        service.done(who(body.staff_no, workstation), log_id)
        return {"ok": True}

    @router.get("/reminders")
    def reminders(staff_no: str, within_days: int = 3, workstation: str = caller) -> list[dict]:
        return service.reminders(who(staff_no, workstation), within_days)

    @router.post("/requests/{request_id}/link")
    def link(request_id: str, body: LinkRequest, workstation: str = caller) -> dict:
        service.link_case(who(body.staff_no, workstation), request_id, body.seq, body.case_no)
        return {"ok": True}

    @router.post("/requests/{request_id}/close")
    def close(request_id: str, body: NoteRequest, workstation: str = caller) -> dict:
        service.close(who(body.staff_no, workstation), request_id, body.note)
        return {"ok": True}

    @router.post("/requests/{request_id}/cancel")
    def cancel(request_id: str, body: NoteRequest, workstation: str = caller) -> dict:
        service.cancel(who(body.staff_no, workstation), request_id, body.note)
        return {"ok": True}

    @router.post("/requests/{request_id}/rate")
    def rate(request_id: str, body: RateRequest, workstation: str = caller) -> dict:
        service.rate(who(body.staff_no, workstation), request_id, body.level, body.reason)
        return {"ok": True}

    @router.get("/agents")
    def agents(staff_no: str, workstation: str = caller) -> list[dict]:
        return service.agents(who(staff_no, workstation))

    @router.get("/workload")
    def report(staff_no: str, first: date, last: date, workstation: str = caller) -> list[dict]:
        return [f.__dict__ for f in workload(service.store, who(staff_no, workstation), first, last, service.clock)]

    return router
