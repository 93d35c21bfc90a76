"""Dossiers at the center: find a case, list a date range's cases, and one case's dossier PDF.
An archive export fetches the range's dossiers one by one (app.dossier.archive), so the client
shows its progress and no request runs for minutes."""

from datetime import date

from fastapi import APIRouter

from app.actor import Actor
from app.dossier.dto import CaseSummary, DossierFile
from app.dossier.service import DossierService
from app.web.caller import PERSON


def dossier_router(dossiers: DossierService) -> APIRouter:
    router = APIRouter(prefix="/v1/dossier")

    @router.get("/find")
    def find(case_no: str, actor: Actor = PERSON) -> CaseSummary:
        return dossiers.find(actor, case_no)

    @router.get("/cases")
    def cases(first: date, last: date, actor: Actor = PERSON) -> list[CaseSummary]:
        return dossiers.cases_between(actor, first, last)

    @router.get("/{case_id}")
    def dossier(case_id: str, actor: Actor = PERSON) -> DossierFile:
        return dossiers.case_file(actor, case_id)

    return router
