"""What a notice's QR code carries: notice number, case numbers, kind, date and workstation, signed
with the workstation's key so the center can tell a real notice from a forged or altered one."""

from dataclasses import dataclass

from app import signing
from app.errors import DomainError

MAGIC = "HALL1"


class QrNotGenuine(DomainError):
    """A scanned QR code whose signature does not verify: forged, altered, or from an unknown issuer."""


def is_qr_text(text: str) -> bool:
    """Scanned rather than typed: a notice number never contains the separator."""
    return text.strip().startswith(f"{MAGIC}|")


@dataclass(frozen=True)
class QrContent:
    notice_no: str
    case_nos: tuple[str, ...]
    kind: str
    issued_on: str  # YYYYMMDD
    workstation_id: str

    def message(self) -> str:
        return "|".join(
            [MAGIC, self.notice_no, ",".join(self.case_nos), self.kind, self.issued_on, self.workstation_id]
        )


def encode(content: QrContent, private_key: str) -> tuple[str, str]:
    """The QR text and its signature."""
    signature = signing.sign(private_key, content.message())
    return f"{content.message()}|{signature}", signature


def decode(text: str) -> tuple[QrContent, str] | None:
    parts = text.strip().split("|")
    if len(parts) != 7 or parts[0] != MAGIC:
        return None
    _, notice_no, cases, kind, issued_on, ws, signature = parts
    return QrContent(notice_no, tuple(c for c in cases.split(",") if c), kind, issued_on, ws), signature


def verify(text: str, public_key: str) -> QrContent | None:
    decoded = decode(text)
    if decoded is None:
        return None
    content, signature = decoded
    return content if signing.verify(public_key, content.message(), signature) else None
