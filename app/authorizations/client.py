"""授权书 as a workstation reaches them at the center, where managers record and revoke them."""

from app.approval.service import ApprovalRefused
from app.authorizations.dto import AuthorizationRow, DepartmentChoice, NewAuthorization, Scan
from app.center_client import CenterClient
from app.web import wire


class AuthorizationClient(CenterClient, prefix="/v1/authorizations", refused=ApprovalRefused, service="授权书管理"):
    """app.authorizations.dto.Authorizations over HTTP."""

    def letters(self) -> list[AuthorizationRow]:
        return self._call(list[AuthorizationRow], "GET", "")

    def choices(self) -> list[DepartmentChoice]:
        return self._call(list[DepartmentChoice], "GET", "/choices")

    def record(self, new: NewAuthorization) -> str:
        return self._call(wire.Created, "POST", "", json=wire.encode(new)).id

    def revoke(self, authorization_id: str, reason: str) -> None:
        self._request("POST", f"/{authorization_id}/revoke", json={"reason": reason})

    def scan(self, authorization_id: str) -> Scan:
        return self._call(Scan, "GET", f"/{authorization_id}/scan")
