"""Approval and the notices it issues as a workstation reaches them at the center (where cases are
decided)."""

from app.approval.dto import CaseView, Extension, InboxRow, SpecialStep, StepResult, StrandedCase
from app.approval.service import ApprovalRefused
from app.center_client import CenterClient
from app.notices.dto import NoticeToPrint, PrintRecorded


class ApprovalClient(CenterClient, prefix="/v1/approval", refused=ApprovalRefused, service="审批"):
    """app.approval.dto.Approvals over HTTP."""

    def inbox(self) -> list[InboxRow]:
        return self._call(list[InboxRow], "GET", "/inbox")

    def stranded_cases(self) -> list[StrandedCase]:
        """The hall's open cases nobody can take any more (无人可办), with why (managers)."""
        return self._call(list[StrandedCase], "GET", "/stranded")

    def case_view(self, case_id: str) -> CaseView:
        return self._call(CaseView, "GET", f"/cases/{case_id}")

    def review(self, case_id: str, agreed: bool, opinion: str, permitted_content: str = "") -> StepResult:
        body = {"agreed": agreed, "opinion": opinion, "permitted_content": permitted_content}
        return self._call(StepResult, "POST", f"/cases/{case_id}/review", json=body)

    def extend(self, case_id: str, days: int, reason: str) -> Extension:
        body = {"days": days, "reason": reason}
        return self._call(Extension, "POST", f"/cases/{case_id}/extend", json=body)

    def start_special_step(self, case_id: str, step_def_id: str, people: str) -> SpecialStep:
        body = {"step_def_id": step_def_id, "people": people}
        return self._call(SpecialStep, "POST", f"/cases/{case_id}/special-steps", json=body)

    def end_special_step(self, case_id: str, outcome: str) -> SpecialStep:
        body = {"outcome": outcome}
        return self._call(SpecialStep, "POST", f"/cases/{case_id}/special-steps/end", json=body)


class NoticeClient(CenterClient, prefix="/v1/notices", refused=ApprovalRefused, service="文书"):
    """app.notices.dto.CenterNotices over HTTP: notices the center issued, to preview and print
    where the person is."""

    def notice(self, notice_id: str) -> NoticeToPrint:
        return self._call(NoticeToPrint, "GET", f"/{notice_id}")

    def printed(self, notice_id: str, ok: bool, error: str = "") -> bool:
        """Records a print attempt; returns whether it was a reprint (补打)."""
        body = {"ok": ok, "error": error}
        return self._call(PrintRecorded, "POST", f"/{notice_id}/printed", json=body).reprint
