"""The 自查评分表 and the 自查自纠报告 as a workstation reaches them at the center."""

from datetime import date

from app.center_client import CenterClient
from app.supervision.scorecard import Answer, Verdict
from app.supervision.self_check_dto import ReportPdf, Scorecard


def _period(department_id: str | None, first: date, last: date) -> dict[str, str]:
    params = {"first": first.isoformat(), "last": last.isoformat()}
    return params if department_id is None else {**params, "department_id": department_id}


class SelfCheckClient(CenterClient, prefix="/v1/supervision/self-check", service="自查自纠"):
    """app.supervision.self_check_dto.SelfCheck over HTTP."""

    def scorecard(self, department_id: str | None, first: date, last: date) -> Scorecard:
        return self._call(Scorecard, "GET", "/scorecard", params=_period(department_id, first, last))

    def record(self, department_id: str, item_no: int, answer: Verdict, note: str = "") -> Answer:
        body = {"department_id": department_id, "item_no": item_no, "answer": str(answer), "note": note}
        return self._call(Answer, "POST", "/answers", json=body)

    def report(self, department_id: str | None, first: date, last: date) -> ReportPdf:
        return self._call(ReportPdf, "GET", "/report", params=_period(department_id, first, last))
