"""委托书 at the center: drafting one (its PDF to sign comes back), recording its signing with the
scan, revoking it, finding and reading one, and its PDF to print again."""

import base64
import binascii
from datetime import date

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from app.actor import Actor
from app.authorizations.service import MAX_SCAN
from app.help.proxy_dto import DraftedLetter, LetterPdf, LetterView, NewProxyLetter
from app.help.proxy_letters import ProxyLetterService
from app.identity import DocumentKind
from app.web.caller import PERSON


class DraftRequest(BaseModel):
    principal_kind: str = Field(max_length=10)
    principal_name: str = Field(max_length=120)
    principal_doc: str = Field(max_length=40)
    principal_doc_kind: DocumentKind = DocumentKind.ID_CARD
    legal_rep: str = Field(default="", max_length=40)
    proxy_name: str = Field(max_length=40)
    proxy_doc_kind: DocumentKind
    proxy_doc_no: str = Field(max_length=40)
    proxy_phone: str = Field(max_length=40)
    # The proxy is the center's agent drafting it: their staff number is their session's, never
    # one the body names (app.web.caller).
    proxy_is_agent: bool = False
    matter_ids: list[str] = Field(max_length=200)
    scope: str = Field(max_length=2000)  # the service says what is too long, beside the field
    valid_from: date | None = None
    valid_to: date | None = None
    request_id: str | None = Field(default=None, max_length=36)


class SignedRequest(BaseModel):
    signed_on: date | None = None
    scan: str = Field(default="", max_length=(MAX_SCAN * 4) // 3 + 8)  # base64


class RevokeRequest(BaseModel):
    reason: str = Field(max_length=500)


def proxy_letter_router(letters: ProxyLetterService) -> APIRouter:
    router = APIRouter(prefix="/v1/proxy-letters")

    @router.post("")
    def draft(body: DraftRequest, actor: Actor = PERSON) -> DraftedLetter:
        fields = body.model_dump(exclude={"proxy_is_agent"})
        agent = actor.staff_no if body.proxy_is_agent else ""
        new = NewProxyLetter(**{**fields, "matter_ids": tuple(body.matter_ids), "proxy_staff_no": agent})
        return letters.draft(actor, new)

    @router.get("/find")
    def find(text: str, actor: Actor = PERSON) -> list[LetterView]:
        return letters.find(actor, text)

    @router.get("/{letter_id}")
    def letter(letter_id: str, actor: Actor = PERSON) -> LetterView:
        return letters.letter(actor, letter_id)

    @router.get("/{letter_id}/pdf")
    def pdf(letter_id: str, actor: Actor = PERSON) -> LetterPdf:
        return LetterPdf(letters.pdf(actor, letter_id))

    @router.post("/{letter_id}/signed")
    def signed(letter_id: str, body: SignedRequest, actor: Actor = PERSON) -> None:
        try:
            scan = base64.b64decode(body.scan, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise HTTPException(422, "扫描件内容无效。") from exc
        letters.record_signed(actor, letter_id, body.signed_on, scan or None)

    @router.post("/{letter_id}/revoke")
    def revoke(letter_id: str, body: RevokeRequest, actor: Actor = PERSON) -> None:
        letters.revoke(actor, letter_id, body.reason)

    return router
