"""Approval, the notices it issues, delivery and 授权书 as a workstation reaches them at the
center (where cases are decided)."""

import base64
from datetime import date

from app.approval.authorizations import NewAuthorization
from app.approval.delivery import Mailing
from app.approval.service import ApprovalRefused
from app.center_client import CenterClient


class ApprovalClient(CenterClient):
    prefix = "/v1/approval"
    refused = ApprovalRefused
    service = "审批"

    def inbox(self, staff_no: str) -> list[dict]:
        return self._request("GET", "/inbox", params={"staff_no": staff_no})

    def stranded(self, staff_no: str) -> list[dict]:
        """The hall's open cases nobody can take any more (无人可办), with why (managers)."""
        return self._request("GET", "/stranded", params={"staff_no": staff_no})

    def case(self, staff_no: str, case_id: str) -> dict:
        return self._request("GET", f"/cases/{case_id}", params={"staff_no": staff_no})

    def review(self, staff_no: str, case_id: str, agreed: bool, opinion: str, permitted_content: str = "") -> dict:
        body = {"staff_no": staff_no, "agreed": agreed, "opinion": opinion, "permitted_content": permitted_content}
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


class NoticeClient(CenterClient):
    """Notices the center issued, to preview and print where the person is."""

    prefix = "/v1/notices"
    refused = ApprovalRefused
    service = "文书"

    def notice(self, staff_no: str, notice_id: str) -> dict:
        """notice_no, kind, pdf (bytes) and printed_before."""
        found = self._request("GET", f"/{notice_id}", params={"staff_no": staff_no})
        return {**found, "pdf": base64.b64decode(found["pdf"])}

    def printed(self, staff_no: str, notice_id: str, ok: bool, error: str = "") -> bool:
        """Records a print attempt; returns whether it was a reprint (补打)."""
        body = {"staff_no": staff_no, "ok": ok, "error": error}
        return self._request("POST", f"/{notice_id}/printed", json=body)["reprint"]


class DeliveryClient(CenterClient):
    prefix = "/v1/delivery"
    refused = ApprovalRefused
    service = "结果送达"

    def pending(self, staff_no: str) -> list[dict]:
        return self._request("GET", "", params={"staff_no": staff_no})

    def collect(self, staff_no: str, case_id: str, recipient: str, recipient_doc: str) -> str:
        body = {"staff_no": staff_no, "recipient": recipient, "recipient_doc": recipient_doc}
        return self._request("POST", f"/{case_id}/collect", json=body)["receipt_notice_id"]

    def mail(self, staff_no: str, case_id: str, mailing: Mailing) -> str:
        body = {"staff_no": staff_no, **mailing.__dict__}
        return self._request("POST", f"/{case_id}/mail", json=body)["receipt_notice_id"]

    def mail_result(self, staff_no: str, case_id: str, received: bool, on: date, note: str = "") -> None:
        body = {"staff_no": staff_no, "received": received, "on": on.isoformat(), "note": note}
        self._request("POST", f"/{case_id}/mail-result", json=body)


class AuthorizationClient(CenterClient):
    prefix = "/v1/authorizations"
    refused = ApprovalRefused
    service = "授权书管理"

    def letters(self, staff_no: str) -> list[dict]:
        return self._request("GET", "", params={"staff_no": staff_no})

    def choices(self, staff_no: str) -> list[dict]:
        return self._request("GET", "/choices", params={"staff_no": staff_no})

    def record(self, staff_no: str, new: NewAuthorization) -> str:
        body = {
            "staff_no": staff_no,
            "document_no": new.document_no,
            "department_id": new.department_id,
            "holder_no": new.holder_no,
            "matter_ids": list(new.matter_ids),
            "valid_from": new.valid_from.isoformat() if new.valid_from else None,
            "valid_to": new.valid_to.isoformat() if new.valid_to else None,
            "scan_name": new.scan_name,
            "scan": base64.b64encode(new.scan).decode(),
        }
        return self._request("POST", "", json=body)["id"]

    def revoke(self, staff_no: str, authorization_id: str, reason: str) -> None:
        self._request("POST", f"/{authorization_id}/revoke", json={"staff_no": staff_no, "reason": reason})

    def scan(self, staff_no: str, authorization_id: str) -> tuple[str, str, bytes]:
        found = self._request("GET", f"/{authorization_id}/scan", params={"staff_no": staff_no})
        return found["scan_name"], found["content_type"], base64.b64decode(found["data"])
