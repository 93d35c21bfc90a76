"""授权书 at the center: the letters on file, what a new one may name, recording one with its
scan, revoking one, and reading a scan back."""

import base64
import binascii
from datetime import date

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from app.actor import Actor
from app.authorizations.dto import AuthorizationRow, DepartmentChoice, NewAuthorization, Scan
from app.authorizations.service import MAX_SCAN, AuthorizationService
from app.web.caller import PERSON
from app.web.wire import Created


class RecordRequest(BaseModel):
    document_no: str = Field(max_length=60)
    department_id: str = Field(max_length=36)
    holder_no: str = Field(max_length=20)
    matter_ids: list[str] = Field(max_length=2000)
    valid_from: date | None = None
    valid_to: date | None = None
    scan_name: str = Field(default="", max_length=200)
    scan: str = Field(default="", max_length=(MAX_SCAN * 4) // 3 + 8)  # base64


class RevokeRequest(BaseModel):
    reason: str = Field(max_length=500)
    on: date | None = None


def authorization_router(letters: AuthorizationService) -> APIRouter:
    router = APIRouter(prefix="/v1/authorizations")

    @router.get("")
    def listed(actor: Actor = PERSON) -> list[AuthorizationRow]:
        return letters.letters(actor)

    @router.get("/choices")
    def choices(actor: Actor = PERSON) -> list[DepartmentChoice]:
        return letters.choices(actor)

    @router.post("")
    def record(body: RecordRequest, actor: Actor = PERSON) -> Created:
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
        return Created(letters.record(actor, new))

    @router.post("/{authorization_id}/revoke")
    def revoke(authorization_id: str, body: RevokeRequest, actor: Actor = PERSON) -> None:
        letters.revoke(actor, authorization_id, body.reason, body.on)

    @router.get("/{authorization_id}/scan")
    def scan(authorization_id: str, actor: Actor = PERSON) -> Scan:
        return letters.scan(actor, authorization_id)

    return router
