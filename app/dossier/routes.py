"""Dossiers at the center: find a case, list a date range's cases, and one case's dossier PDF.
An archive export fetches the range's dossiers one by one (app.dossier.archive), so the client
shows its progress and no request runs for minutes."""

from datetime import date

from fastapi import APIRouter, Depends

from app.actor import Actor
from app.dossier.dto import CaseSummary, DossierFile
from app.dossier.service import DossierService
from app.web.caller import acting


def dossier_router(dossiers: DossierService) -> APIRouter:
    router = APIRouter(prefix="/v1/dossier")
    person = Depends(acting)  # the person acting, proven by their session

    @router.get("/find")
    def find(case_no: str, actor: Actor = person) -> CaseSummary:
        return dossiers.find(actor, case_no)

    @router.get("/cases")
    def cases(first: date, last: date, actor: Actor = person) -> list[CaseSummary]:
        return dossiers.cases_between(actor, first, last)

    @router.get("/{case_id}")
    def dossier(case_id: str, actor: Actor = person) -> DossierFile:
        return dossiers.case_file(actor, case_id)

    return router
