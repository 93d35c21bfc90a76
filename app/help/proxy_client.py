"""委托书 as a workstation reaches them at the center, where they are drafted, signed and revoked
(the window checks a proxy against its pulled copy: app.help.proxy_rule)."""

import base64
from datetime import date

from app.center_client import CenterClient
from app.errors import DomainError
from app.help.proxy_dto import DraftedLetter, LetterPdf, LetterView, NewProxyLetter
from app.web import wire


class ProxyLetterClient(CenterClient, prefix="/v1/proxy-letters", refused=DomainError, service="委托书"):
    """app.help.proxy_dto.ProxyLetters over HTTP."""

    def draft(self, new: NewProxyLetter) -> DraftedLetter:
        """The center takes the proxy agent from this session's person (it refuses another)."""
        body = wire.encode(new)
        body["proxy_is_agent"] = bool(body.pop("proxy_staff_no"))
        return self._call(DraftedLetter, "POST", "", json=body)

    def find(self, text: str) -> list[LetterView]:
        return self._call(list[LetterView], "GET", "/find", params={"text": text})

    def letter(self, letter_id: str) -> LetterView:
        return self._call(LetterView, "GET", f"/{letter_id}")

    def pdf(self, letter_id: str) -> bytes:
        return self._call(LetterPdf, "GET", f"/{letter_id}/pdf").pdf

    def record_signed(self, letter_id: str, signed_on: date | None, scan: bytes | None = None) -> None:
        scanned = base64.b64encode(scan or b"").decode()
        body = {"signed_on": signed_on.isoformat() if signed_on else None, "scan": scanned}
        self._request("POST", f"/{letter_id}/signed", json=body)

    def revoke(self, letter_id: str, reason: str) -> None:
        self._request("POST", f"/{letter_id}/revoke", json={"reason": reason})
