"""授权书 as a workstation reaches them at the center, where managers record and revoke them."""

import base64

from app.approval.service import ApprovalRefused
from app.authorizations.service import NewAuthorization
from app.center_client import CenterClient


class AuthorizationClient(CenterClient):
    prefix = "/v1/authorizations"
    refused = ApprovalRefused
    service = "授权书管理"

    def letters(self) -> list[dict]:
        return self._request("GET", "")

    def choices(self) -> list[dict]:
        return self._request("GET", "/choices")

    def record(self, new: NewAuthorization) -> str:
        body = {
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

    def revoke(self, authorization_id: str, reason: str) -> None:
        self._request("POST", f"/{authorization_id}/revoke", json={"reason": reason})

    def scan(self, authorization_id: str) -> tuple[str, str, bytes]:
        found = self._request("GET", f"/{authorization_id}/scan")
        return found["scan_name"], found["content_type"], base64.b64decode(found["data"])
