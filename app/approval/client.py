"""Approval as a chief's or reviewer's workstation reaches it at the center."""

from app.approval.service import ApprovalRefused
from app.center_client import CenterClient


class ApprovalClient(CenterClient):
    prefix = "/v1/approval"
    refused = ApprovalRefused
    service = "审批"

    def inbox(self, staff_no: str) -> list[dict]:
        return self._request("GET", "/inbox", params={"staff_no": staff_no})

    def case(self, staff_no: str, case_id: str) -> dict:
        return self._request("GET", f"/cases/{case_id}", params={"staff_no": staff_no})

    def review(self, staff_no: str, case_id: str, agreed: bool, opinion: str) -> dict:
        body = {"staff_no": staff_no, "agreed": agreed, "opinion": opinion}
        return self._request("POST", f"/cases/{case_id}/review", json=body)

    def extend(self, staff_no: str, case_id: str, days: int, reason: str) -> dict:
        body = {"staff_no": staff_no, "days": days, "reason": reason}
        return self._request("POST", f"/cases/{case_id}/extend", json=body)

    def start_special_step(self, staff_no: str, case_id: str, step_def_id: str, people: str) -> dict:
        body = {"staff_no": staff_no, "step_def_id": step_def_id, "people": people}
        return self._request("POST", f"/cases/{case_id}/special-steps", json=body)

    def end_special_step(self, staff_no: str, case_id: str, outcome: str) -> dict:
        body = {"staff_no": staff_no, "outcome": outcome}
        return self._request("POST", f"/cases/{case_id}/special-steps/end", json=body)
