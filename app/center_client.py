"""How a workstation, kiosk, board or rating pad talks to the center: over HTTP, with this
machine's enrollment credential (a workstation's in its store, a device's in its device file),
on one keep-alive connection pool. A refusal raises the caller's error type with the center's
reason in Chinese; an unreachable center raises CenterUnreachable, which callers show as offline
and retry."""

import logging
import threading
from typing import Any, ClassVar, TypeVar

import httpx

from app.center_tls import CenterNotTrusted, not_trusted, verify_for
from app.devices.credential import DeviceCredential, DeviceFile
from app.errors import DomainError, FieldError, ValidationFailed
from app.sync.engine import PROTOCOL
from app.trust.client import PersonSession, SessionUnavailable
from app.trust.rules import SESSION_REFUSED
from app.web import wire
from db import migrate
from db.models import SyncState
from db.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")


class CenterUnreachable(DomainError):
    pass


class CenterClient:
    """Subclasses name their API's path prefix, their refusal error and the service's name as
    class keywords, checked when the class is made: `class ApprovalClient(CenterClient,
    prefix="/v1/approval", refused=ApprovalRefused, service="审批")`. The base itself serves only
    the person's session (open_session, end_session)."""

    prefix: ClassVar[str] = ""
    refused: ClassVar[type[DomainError]] = DomainError
    service: ClassVar[str] = "中心服务"

    def __init_subclass__(cls, *, prefix: str, service: str, refused: type[DomainError] = DomainError) -> None:
        """prefix: the routes' path prefix; service: its name in messages (“无法连接中心，审批暂不可用”);
        refused: the error a refusal raises, with the center's reason."""
        super().__init_subclass__()
        cls.prefix, cls.refused, cls.service = prefix, refused, service

    def __init__(
        self,
        store: Store | DeviceFile,
        workstation_id: str,
        timeout: float = 3.0,
        transport=None,
        session: PersonSession | None = None,
    ):
        """session: the logged-in person's, for the routes that act for a person (a device has none)."""
        self.store = store
        self.workstation_id = workstation_id
        self.session = session
        self.timeout = timeout
        self.transport = transport
        # One keep-alive connection pool per client (httpx.Client is thread-safe), for the address
        # and credential it was opened with; re-read from the store after any failure, since the
        # demo's embedded center may come back on another port.
        self._http: httpx.Client | None = None
        self._lock = threading.Lock()

    def _client(self) -> httpx.Client:
        with self._lock:
            if self._http is None:
                state = self._state()
                try:
                    verify = verify_for(state.center_url)
                except CenterNotTrusted as exc:
                    raise CenterUnreachable(str(exc)) from exc
                self._http = httpx.Client(
                    base_url=state.center_url,
                    timeout=self.timeout,
                    transport=self.transport,
                    verify=verify,
                    headers={
                        "X-Workstation": self.workstation_id,
                        "Authorization": f"Bearer {state.credential}",
                        "X-Protocol": str(PROTOCOL),
                        "X-Schema": migrate.head_revision(),
                    },
                )
            return self._http

    def _reset(self) -> None:
        with self._lock:
            if self._http is not None:
                self._http.close()
                self._http = None

    def open_session(self) -> None:
        """Opens the person's session now (a login while the center was away, once it is back)."""
        if self.session is None:
            return
        try:
            self.session.token(self._client())
        except (httpx.TransportError, httpx.TimeoutException) as exc:
            raise CenterUnreachable(f"无法连接中心，{self.service}暂不可用。") from exc

    def end_session(self) -> None:
        """Logout: the person's session at the center ends now, not when it would lapse. Best
        effort: with the center away it lapses by itself, and nothing on this machine can use it."""
        if self.session is None:
            return
        try:
            self.session.close(self._client())
        except (httpx.TransportError, httpx.TimeoutException, CenterUnreachable) as exc:
            log.info("session not closed at the center: %s", exc)

    @classmethod
    def for_device(cls, file: DeviceFile, timeout: float = 3.0, transport=None):
        """A kiosk's, board's or pad's client, with the credential its device file holds."""
        enrolled = file.read()
        return cls(file, enrolled.device_id if enrolled else "", timeout, transport)

    def _state(self) -> SyncState | DeviceCredential:
        state: SyncState | DeviceCredential | None
        if isinstance(self.store, DeviceFile):
            state = self.store.read()
        else:
            with self.store.sessions() as s:
                state = s.get(SyncState, 1)
        if state is None:  # enrolling (`main.py enroll`, see README) is for whoever sets the machine up
            raise CenterUnreachable(f"本机尚未注册到中心，{self.service}不可用，请联系系统管理员。")
        return state

    def _call(self, answer: type[T], method: str, path: str, **kwargs) -> T:
        """The answer rebuilt as the DTO the route declares (answer: a DTO, or e.g. list[Row])."""
        return wire.decode(answer, self._request(method, path, **kwargs))

    def _request(self, method: str, path: str, **kwargs) -> Any:
        """The answer's JSON body, whatever its shape: _call rebuilds it as the DTO asked for."""
        for first_try in (True, False):
            client = self._client()
            token = None
            try:
                if self.session is not None:
                    token = self.session.token(client)
                    kwargs["headers"] = {**kwargs.get("headers", {}), "X-Session": token}
                response = client.request(method, f"{self.prefix}{path}", **kwargs)
            except (httpx.TransportError, httpx.TimeoutException) as exc:
                self._reset()
                log.warning("%s %s%s: %s: %s", method, self.prefix, path, exc.__class__.__name__, exc)  # not for people
                untrusted = not_trusted(exc, str(client.base_url).rstrip("/"))
                why = str(untrusted) if untrusted else f"无法连接中心，{self.service}暂不可用。"
                raise CenterUnreachable(why) from exc
            except SessionUnavailable as exc:
                raise self.refused(str(exc)) from exc
            if first_try and self.session is not None and token is not None and _session_lapsed(response):
                self.session.lapsed(token)  # expired or ended: the person's key opens a new one
                continue
            break
        if response.status_code >= 500:
            self._reset()
            log.warning("%s %s%s: HTTP %s", method, self.prefix, path, response.status_code)
            raise CenterUnreachable("中心暂时无法处理，请稍后重试。")
        if response.status_code != 200:
            if response.status_code in (401, 403):
                self._reset()
            body = _body(response)
            if body.get("errors"):  # field by field, to show beside each field
                raise ValidationFailed([FieldError(e["field"], e["message"]) for e in body["errors"]])
            detail = body.get("detail")
            if isinstance(detail, list):
                detail = "；".join(str(d.get("msg")) for d in detail)
            raise self.refused(str(detail))
        return response.json()


def _body(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {"detail": response.text[:200]}
    return body if isinstance(body, dict) else {"detail": str(body)[:200]}


def _session_lapsed(response: httpx.Response) -> bool:
    return response.status_code == 401 and _body(response).get("code") == SESSION_REFUSED
