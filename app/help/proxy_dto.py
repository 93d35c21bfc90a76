"""What 委托书 management answers and takes, the same on both sides of HTTP (see app/web/wire.py),
and the one contract a page holds: the client at a workstation, or the service bound to a person in
a test (app/bound.py)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from pydantic import Base64Bytes

from app.acceptance.model import ApplicantKind
from app.identity import DocumentKind


class LetterStatus(StrEnum):
    DRAFTED = "待签署"
    SIGNED = "已签署"
    REVOKED = "已撤销"


@dataclass(frozen=True)
class NewProxyLetter:
    principal_kind: str  # an ApplicantKind: 个人 / 企业 (checked by the service, beside the field)
    principal_name: str  # the person's name, or the enterprise's
    principal_doc: str  # the person's document number, or the credit code
    proxy_name: str
    proxy_doc_kind: DocumentKind
    proxy_doc_no: str
    proxy_phone: str
    matter_ids: tuple[str, ...]
    scope: str  # what the proxy may do: 代为递交申请材料、签收文书…
    valid_from: date | None
    valid_to: date | None
    # A person's document kind: checked and printed; the letter keeps the number, which is what a
    # proxy submission is matched on.
    principal_doc_kind: DocumentKind = DocumentKind.ID_CARD
    legal_rep: str = ""  # an enterprise's legal representative
    proxy_staff_no: str = ""  # when the proxy is one of the center's agents (帮办代办员)
    request_id: str | None = None  # the help request it serves


@dataclass(frozen=True)
class DraftedLetter:
    id: str
    letter_no: str
    pdf: Base64Bytes  # to print and sign


@dataclass(frozen=True)
class LetterPdf:
    """A letter as printed to sign, to print again."""

    pdf: Base64Bytes


@dataclass(frozen=True)
class LetterView:
    id: str
    letter_no: str
    status: LetterStatus
    principal_kind: ApplicantKind
    principal_name: str
    principal_doc: str
    legal_rep: str
    proxy_name: str
    proxy_doc_kind: DocumentKind
    proxy_doc_no: str
    proxy_phone: str
    proxy_staff_no: str
    matters: tuple[tuple[str, str], ...]  # (code, name)
    scope: str
    valid_from: date
    valid_to: date
    signed_on: date | None
    request_id: str | None
    created_by: str
    has_scan: bool


class ProxyLetters(Protocol):
    def draft(self, new: NewProxyLetter) -> DraftedLetter: ...

    def find(self, text: str) -> list[LetterView]: ...

    def letter(self, letter_id: str) -> LetterView: ...

    def pdf(self, letter_id: str) -> bytes: ...

    def record_signed(self, letter_id: str, signed_on: date | None, scan: bytes | None = None) -> None: ...

    def revoke(self, letter_id: str, reason: str) -> None: ...
