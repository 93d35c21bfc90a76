"""A workstation's side of a person's session at the center: opened with the person's key (in
memory since their login) by signing the center's challenge, kept for the requests that act for
them, opened again by itself when it lapsed or the center was away at login, closed at logout."""

import threading

import httpx

from app.actor import Actor
from app.errors import DomainError
from app.trust.dto import Challenge, SessionOpened
from app.trust.signed import challenge_message, sign
from app.web import wire


class SessionUnavailable(DomainError):
    """The center would not open a session for this person (locked, key revoked, …): the reason."""


class PersonSession:
    def __init__(self, actor: Actor):
        self.actor = actor
        self._token: str | None = None
        self._ended = False  # logged out: never opened again, whoever asks (a late sync round)
        self._lock = threading.Lock()

    def token(self, http: httpx.Client) -> str:
        """The session's token, opened through `http` (the caller's connection to the center)
        when there is none yet. Transport errors propagate: the caller treats them as offline."""
        with self._lock:
            if self._ended:
                raise SessionUnavailable("您已注销，请重新登录。")
            if self._token is None:
                self._token = self._open(http)
            return self._token

    @property
    def opened(self) -> bool:
        return self._token is not None

    def lapsed(self, token: str) -> None:
        """The center refused `token` (expired, ended): the next request opens a new session."""
        with self._lock:
            if self._token == token:
                self._token = None

    def _open(self, http: httpx.Client) -> str:
        if self.actor.key is None:
            raise SessionUnavailable("本机没有打开您的电子签名密钥，请重新登录。")
        answer = http.get("/v1/session/challenge")
        _check(answer)
        nonce = wire.decode(Challenge, answer.json()).nonce
        message = challenge_message(nonce, self.actor.workstation_id, self.actor.staff_no)
        body = {"person": self.actor.staff_no, "nonce": nonce, "signature": sign(self.actor.key, message)}
        answer = http.post("/v1/session", json=body)
        _check(answer)
        return wire.decode(SessionOpened, answer.json()).token

    def close(self, http: httpx.Client) -> None:
        """Ends the session at the center (logout, lock) for good: it is never opened again from
        this object. Best effort when the center is away (the session then lapses by itself)."""
        with self._lock:
            token, self._token, self._ended = self._token, None, True
        if token is not None:
            http.delete("/v1/session", headers={"X-Session": token})


def _check(answer: httpx.Response) -> None:
    if answer.status_code >= 500:
        raise httpx.TransportError(f"HTTP {answer.status_code}")
    if answer.status_code != 200:
        try:
            detail = answer.json().get("detail")
        except ValueError:
            detail = None
        raise SessionUnavailable(str(detail or "中心未能为您建立登录会话。"))
