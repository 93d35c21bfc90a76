"""委托书 as a workstation reaches them at the center, where they are drafted, signed and revoked
(the window checks a proxy against its pulled copy: app.help.proxy_rule)."""

import base64
from dataclasses import asdict
from datetime import date

from app.center_client import CenterClient
from app.errors import DomainError
from app.help.proxy_letters import DraftedLetter, LetterView, NewProxyLetter

DAYS = ("valid_from", "valid_to", "signed_on")


def _view(found: dict) -> LetterView:
    days = {key: date.fromisoformat(found[key]) if found[key] else None for key in DAYS}
    return LetterView(**{**found, **days, "matters": tuple(tuple(m) for m in found["matters"])})


class ProxyLetterClient(CenterClient):
    prefix = "/v1/proxy-letters"
    refused = DomainError
    service = "委托书"

    def draft(self, new: NewProxyLetter) -> DraftedLetter:
        body = {
            **asdict(new),
            "matter_ids": list(new.matter_ids),
            "valid_from": new.valid_from.isoformat() if new.valid_from else None,
            "valid_to": new.valid_to.isoformat() if new.valid_to else None,
        }
        found = self._request("POST", "", json=body)
        return DraftedLetter(found["id"], found["letter_no"], base64.b64decode(found["pdf"]))

    def find(self, text: str) -> list[LetterView]:
        return [_view(v) for v in self._request("GET", "/find", params={"text": text})]

    def letter(self, letter_id: str) -> LetterView:
        return _view(self._request("GET", f"/{letter_id}"))

    def pdf(self, letter_id: str) -> bytes:
        return base64.b64decode(self._request("GET", f"/{letter_id}/pdf")["pdf"])

    def record_signed(self, letter_id: str, signed_on: date, scan: bytes | None = None) -> None:
        scanned = base64.b64encode(scan or b"").decode()
        body = {"signed_on": signed_on.isoformat(), "scan": scanned}
        self._request("POST", f"/{letter_id}/signed", json=body)

    def revoke(self, letter_id: str, reason: str) -> None:
        self._request("POST", f"/{letter_id}/revoke", json={"reason": reason})
