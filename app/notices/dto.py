"""What the notice pipeline hands back at each stage: reserved, drawn, issued; and a notice the
center issued as it reaches the workstation that prints it, the same on both sides of HTTP (see
app/web/wire.py), with the contract a page holds."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pydantic import Base64Bytes

from app.notices.kinds import NoticeKind


@dataclass(frozen=True)
class Reserved:
    """A notice's number taken in the issuer's series, with the numbers of the cases it covers:
    what its QR code will carry. Nothing is stored yet; dropped, it only leaves a gap."""

    kind: str  # as printed and signed: 受理通知书, 准予许可决定书, 授权委托书…
    notice_no: str
    issued_at: datetime
    case_nos: tuple[str, ...]


@dataclass(frozen=True)
class DrawnNotice(Reserved):
    """Reserved, signed and drawn; not yet stored (NoticeIssuer.issue stores it as issued). The
    reservation's fields come first, so the drawn notice keeps its number and cases as reserved."""

    pdf: bytes
    sha256: str
    signature: str  # Ed25519 over the QR content, by the issuer's key


@dataclass(frozen=True)
class IssuedNotice:
    """A notice as stored: what the clerk previews, prints and reprints."""

    id: str
    notice_no: str
    kind: NoticeKind
    pdf: bytes
    sha256: str


@dataclass(frozen=True)
class NoticeToPrint:
    """An issued notice fetched to preview and print where the person is."""

    id: str
    notice_no: str
    kind: NoticeKind
    pdf: Base64Bytes
    printed_before: bool  # printing it again is a reprint (补打)


@dataclass(frozen=True)
class PrintRecorded:
    reprint: bool  # the attempt was a reprint (补打)


class CenterNotices(Protocol):
    def notice(self, notice_id: str) -> NoticeToPrint: ...

    def printed(self, notice_id: str, ok: bool, error: str = "") -> bool: ...
