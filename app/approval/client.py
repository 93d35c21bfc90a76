"""Approval and the notices it issues as a workstation reaches them at the center (where cases are
decided)."""

import base64

from app.approval.service import ApprovalRefused
from app.center_client import CenterClient


class ApprovalClient(CenterClient):
    prefix = "/v1/approval"
    refused = ApprovalRefused
    service = "审批"

    def inbox(self) -> list[dict]:
        return self._request("GET", "/inbox")

    def stranded(self) -> list[dict]:
        """The hall's open cases nobody can take any more (无人可办), with why (managers)."""
        return self._request("GET", "/stranded")

    def case(self, case_id: str) -> dict:
        return self._request("GET", f"/cases/{case_id}")

    def review(self, case_id: str, agreed: bool, opinion: str, permitted_content: str = "") -> dict:
        body = {"agreed": agreed, "opinion": opinion, "permitted_content": permitted_content}
        return self._request("POST", f"/cases/{case_id}/review", json=body)

    def extend(self, case_id: str, days: int, reason: str) -> dict:
        body = {"days": days, "reason": reason}
        return self._request("POST", f"/cases/{case_id}/extend", json=body)

    def start_special_step(self, case_id: str, step_def_id: str, people: str) -> dict:
        body = {"step_def_id": step_def_id, "people": people}
        return self._request("POST", f"/cases/{case_id}/special-steps", json=body)

    def end_special_step(self, case_id: str, outcome: str) -> dict:
        body = {"outcome": outcome}
        return self._request("POST", f"/cases/{case_id}/special-steps/end", json=body)


class NoticeClient(CenterClient):
    """Notices the center issued, to preview and print where the person is."""

    prefix = "/v1/notices"
    refused = ApprovalRefused
    service = "文书"

    def notice(self, notice_id: str) -> dict:
        """notice_no, kind, pdf (bytes) and printed_before."""
        found = self._request("GET", f"/{notice_id}")
        return {**found, "pdf": base64.b64decode(found["pdf"])}

    def printed(self, notice_id: str, ok: bool, error: str = "") -> bool:
        """Records a print attempt; returns whether it was a reprint (补打)."""
        body = {"ok": ok, "error": error}
        return self._request("POST", f"/{notice_id}/printed", json=body)["reprint"]
