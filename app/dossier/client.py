"""Dossiers as a workstation reaches them at the center; a range is exported here, on the
workstation, one dossier at a time (app.dossier.archive.export)."""

from datetime import date

from app.center_client import CenterClient
from app.dossier.dto import CaseSummary, DossierFile
from app.errors import DomainError


class DossierClient(CenterClient, prefix="/v1/dossier", refused=DomainError, service="卷宗"):
    """app.dossier.dto.Dossiers over HTTP."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timeout = max(self.timeout, 30.0)  # one dossier is drawn per request, with its scans

    def find(self, case_no: str) -> CaseSummary:
        return self._call(CaseSummary, "GET", "/find", params={"case_no": case_no})

    def cases_between(self, first: date, last: date) -> list[CaseSummary]:
        params = {"first": first.isoformat(), "last": last.isoformat()}
        return self._call(list[CaseSummary], "GET", "/cases", params=params)

    def case_file(self, case_id: str) -> DossierFile:
        return self._call(DossierFile, "GET", f"/{case_id}")
