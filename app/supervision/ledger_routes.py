"""The 问题台账 at the center: the rows (by status or department), a new problem (by hand or from
a red signal), and a row moved on to its next status."""

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.actor import Actor
from app.choices import DepartmentChoice
from app.supervision.ledger import LedgerService
from app.supervision.ledger_dto import LedgerRow, NewLedgerItem
from app.supervision.ledger_rules import LedgerStatus, ProblemType, Source
from app.web.caller import PERSON


class AddRequest(BaseModel):
    source: Source
    found_on: date
    department_id: str | None = Field(default=None, max_length=36)
    matter: str = Field(default="", max_length=200)
    window_no: int | None = Field(default=None, ge=-99999, le=99999)  # the service says what is wrong in Chinese
    responsible_no: str = Field(default="", max_length=20)
    problem_type: ProblemType
    facts: str = Field(max_length=5000)
    evidence: str = Field(default="", max_length=20000)
    responsible_unit: str = Field(max_length=120)
    measure: str = Field(default="", max_length=5000)
    deadline_days: int
    signal_id: str | None = Field(default=None, max_length=36)


class AdvanceRequest(BaseModel):
    status: LedgerStatus
    note: str = Field(default="", max_length=2000)


def ledger_router(ledger: LedgerService) -> APIRouter:
    router = APIRouter(prefix="/v1/supervision/ledger")

    @router.get("")
    def listed(
        status: LedgerStatus | None = None, department_id: str | None = None, actor: Actor = PERSON
    ) -> list[LedgerRow]:
        return ledger.ledger(actor, status, department_id)

    @router.get("/departments")
    def departments(actor: Actor = PERSON) -> list[DepartmentChoice]:
        return ledger.departments(actor)

    @router.post("")
    def add(body: AddRequest, actor: Actor = PERSON) -> LedgerRow:
        new = NewLedgerItem(
            body.source,
            body.found_on,
            body.department_id,
            body.matter,
            body.window_no,
            body.responsible_no,
            body.problem_type,
            body.facts,
            body.evidence,
            body.responsible_unit,
            body.measure,
            body.deadline_days,
        )
        return ledger.add(actor, new, body.signal_id)

    @router.post("/{item_id}/advance")
    def advance(item_id: str, body: AdvanceRequest, actor: Actor = PERSON) -> LedgerRow:
        return ledger.advance(actor, item_id, body.status, body.note)

    return router
