"""授权书 at the center: the letters on file, what a new one may name, recording one with its
scan, revoking one, and reading a scan back."""

import base64
import binascii
from datetime import date

from fastapi import APIRouter, Depends, HTTPException
from pydantic import Field

from app.approval.authorizations import MAX_SCAN, AuthorizationService, NewAuthorization
from app.approval.service import ApprovalService
from app.center.caller import Acting, workstation_id


class RecordRequest(Acting):
    document_no: str = Field(max_length=60)
    department_id: str = Field(max_length=36)
    holder_no: str = Field(max_length=20)
    matter_ids: list[str] = Field(max_length=2000)
    valid_from: date | None = None
    valid_to: date | None = None
    scan_name: str = Field(default="", max_length=200)
    scan: str = Field(default="", max_length=(MAX_SCAN * 4) // 3 + 8)  # base64


class RevokeRequest(Acting):
    reason: str = Field(max_length=500)
    on: date | None = None


def authorization_router(approvals: ApprovalService, letters: AuthorizationService) -> APIRouter:
    router = APIRouter(prefix="/v1/authorizations")
    caller = Depends(workstation_id)  # a person at an enrolled workstation

    @router.get("")
    def listed(staff_no: str, workstation: str = caller) -> list[dict]:
        return [row.__dict__ for row in letters.letters(approvals.actor_for(staff_no, workstation))]

    @router.get("/choices")
    def choices(staff_no: str, workstation: str = caller) -> list[dict]:
        return letters.choices(approvals.actor_for(staff_no, workstation))

    @router.post("")
    def record(body: RecordRequest, workstation: str = caller) -> dict:
        actor = approvals.actor_for(body.staff_no, workstation)
        try:
            scan = base64.b64decode(body.scan, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise HTTPException(422, "扫描件内容无效。") from exc
        new = NewAuthorization(
            body.document_no,
            body.department_id,
            body.holder_no,
            tuple(body.matter_ids),
            body.valid_from,
            body.valid_to,
            body.scan_name,
            scan,
        )
        return {"id": letters.record(actor, new)}

    @router.post("/{authorization_id}/revoke")
    def revoke(authorization_id: str, body: RevokeRequest, workstation: str = caller) -> dict:
        letters.revoke(approvals.actor_for(body.staff_no, workstation), authorization_id, body.reason, body.on)
        return {"ok": True}

    @router.get("/{authorization_id}/scan")
    def scan(authorization_id: str, staff_no: str, workstation: str = caller) -> dict:
        name, content_type, data = letters.scan(approvals.actor_for(staff_no, workstation), authorization_id)
        return {"scan_name": name, "content_type": content_type, "data": base64.b64encode(data).decode()}

    return router
