"""Dossiers at the center: find a case, list a date range's cases, and one case's dossier PDF.
An archive export fetches the range's dossiers one by one (app.dossier.archive), so the client
shows its progress and no request runs for minutes."""

import base64
from datetime import date

from fastapi import APIRouter, Depends

from app.approval.service import ApprovalService
from app.center.caller import workstation_id
from app.dossier.service import DossierService


def dossier_router(approvals: ApprovalService, dossiers: DossierService) -> APIRouter:
    router = APIRouter(prefix="/v1/dossier")
    caller = Depends(workstation_id)  # a person at an enrolled workstation

    @router.get("/find")
    def find(staff_no: str, case_no: str, workstation: str = caller) -> dict:
        return dossiers.find(approvals.actor_for(staff_no, workstation), case_no).__dict__

    @router.get("/cases")
    def cases(staff_no: str, first: date, last: date, workstation: str = caller) -> list[dict]:
        return [c.__dict__ for c in dossiers.cases_between(approvals.actor_for(staff_no, workstation), first, last)]

    @router.get("/{case_id}")
    def dossier(case_id: str, staff_no: str, workstation: str = caller) -> dict:
        found = dossiers.case_file(approvals.actor_for(staff_no, workstation), case_id)
        return {**found.__dict__, "pdf": base64.b64encode(found.pdf).decode()}

    return router
