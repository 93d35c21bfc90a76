"""Approval at the center over HTTP, for chiefs and reviewers at any enrolled workstation: their
inbox, a case, review steps, the extension and special steps; for the manager, the cases nobody
can take any more. The acting person comes from their session at the center (app.web.caller);
their roles and authorizations are looked up here, never taken from the caller."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.actor import Actor
from app.approval.dto import CaseView, Extension, InboxRow, SpecialStep, StepResult, StrandedCase
from app.approval.service import ApprovalService
from app.web.caller import PERSON


class ReviewRequest(BaseModel):
    agreed: bool
    opinion: str = Field(max_length=2000)
    permitted_content: str = Field(default="", max_length=2000)  # 许可内容: required to grant


class ExtendRequest(BaseModel):
    days: int = Field(ge=1, le=30)
    reason: str = Field(max_length=2000)


class StartStepRequest(BaseModel):
    step_def_id: str = Field(min_length=36, max_length=36)
    people: str = Field(default="", max_length=2000)


class EndStepRequest(BaseModel):
    outcome: str = Field(max_length=2000)


def approval_router(approvals: ApprovalService) -> APIRouter:
    router = APIRouter(prefix="/v1/approval")

    @router.get("/inbox")
    def inbox(actor: Actor = PERSON) -> list[InboxRow]:
        return approvals.inbox(actor)

    @router.get("/stranded")
    def stranded(actor: Actor = PERSON) -> list[StrandedCase]:
        """The hall's open cases nobody can take any more (无人可办), for the manager."""
        return approvals.stranded_cases(actor)

    @router.get("/cases/{case_id}")
    def case(case_id: str, actor: Actor = PERSON) -> CaseView:
        return approvals.case_view(actor, case_id)

    @router.post("/cases/{case_id}/review")
    def review(case_id: str, body: ReviewRequest, actor: Actor = PERSON) -> StepResult:
        return approvals.review(actor, case_id, body.agreed, body.opinion, body.permitted_content)

    @router.post("/cases/{case_id}/extend")
    def extend(case_id: str, body: ExtendRequest, actor: Actor = PERSON) -> Extension:
        return approvals.extend(actor, case_id, body.days, body.reason)

    @router.post("/cases/{case_id}/special-steps")
    def start_step(case_id: str, body: StartStepRequest, actor: Actor = PERSON) -> SpecialStep:
        return approvals.start_special_step(actor, case_id, body.step_def_id, body.people)

    @router.post("/cases/{case_id}/special-steps/end")
    def end_step(case_id: str, body: EndStepRequest, actor: Actor = PERSON) -> SpecialStep:
        return approvals.end_special_step(actor, case_id, body.outcome)

    return router
