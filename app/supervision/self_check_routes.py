"""The 自查评分表 and the 自查自纠报告 at the center: the nine items of a department (or of the whole
center) over a period, a department's answer to an item the record cannot judge, and the report
as a PDF to sign and seal."""

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.actor import Actor
from app.supervision.scorecard import Answer, Verdict
from app.supervision.self_check import SelfCheckService
from app.supervision.self_check_dto import ReportPdf, Scorecard
from app.web.caller import PERSON


class RecordRequest(BaseModel):
    department_id: str = Field(max_length=36)
    item_no: int = Field(ge=-99, le=99)  # the service says in Chinese which items are answered by hand
    answer: Verdict
    note: str = Field(default="", max_length=2000)


def self_check_router(self_check: SelfCheckService) -> APIRouter:
    router = APIRouter(prefix="/v1/supervision/self-check")

    @router.get("/scorecard")
    def scorecard(first: date, last: date, department_id: str | None = None, actor: Actor = PERSON) -> Scorecard:
        return self_check.scorecard(actor, department_id, first, last)

    @router.post("/answers")
    def record(body: RecordRequest, actor: Actor = PERSON) -> Answer:
        return self_check.record(actor, body.department_id, body.item_no, body.answer, body.note)

    @router.get("/report")
    def report(first: date, last: date, department_id: str | None = None, actor: Actor = PERSON) -> ReportPdf:
        return self_check.report(actor, department_id, first, last)

    return router
