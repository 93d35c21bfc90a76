"""The queue as a workstation, kiosk, board or rating pad reaches it: over HTTP at the center,
with this machine's enrollment credential. A refusal raises QueueError with the center's reason;
an unreachable center raises CenterUnreachable, which callers show as "offline" and retry."""

import os
import threading

import httpx

from app.errors import DomainError
from app.queue.tickets import QueueError
from app.sync.engine import PROTOCOL
from db import migrate
from db.models import SyncState
from db.store import Store


class CenterUnreachable(DomainError):
    pass


class QueueClient:
    def __init__(self, store: Store, workstation_id: str, timeout: float = 3.0, transport=None):
        self.store = store
        self.workstation_id = workstation_id
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
                self._http = httpx.Client(
                    base_url=state.center_url,
                    timeout=self.timeout,
                    transport=self.transport,
                    verify=os.environ.get("HALL_CA_BUNDLE", True),
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

    def _state(self) -> SyncState:
        with self.store.sessions() as s:
            state = s.get(SyncState, 1)
        if state is None:
            raise CenterUnreachable(
                "本机尚未注册到中心，无法使用排队叫号（python main.py enroll --center URL --code CODE）。"
            )
        return state

    def _request(self, method: str, path: str, **kwargs) -> dict | list:
        try:
            response = self._client().request(method, f"/v1/queue{path}", **kwargs)
        except (httpx.TransportError, httpx.TimeoutException) as exc:
            self._reset()
            raise CenterUnreachable(f"无法连接中心（{exc.__class__.__name__}），排队叫号暂不可用。") from exc
        if response.status_code >= 500:
            self._reset()
            raise CenterUnreachable(f"中心暂时无法处理（HTTP {response.status_code}），请稍后重试。")
        if response.status_code != 200:
            if response.status_code in (401, 403):
                self._reset()
            try:
                detail = response.json().get("detail")
            except ValueError:
                detail = response.text[:200]
            if isinstance(detail, list):
                detail = "；".join(str(d.get("msg")) for d in detail)
            raise QueueError(str(detail))
        return response.json()

    # -- kiosk ----------------------------------------------------------------------------------

    def categories(self) -> list[dict]:
        return self._request("GET", "/categories")

    def issue(self, category: str, priority: str = "", id_number: str = "", name: str = "") -> dict:
        body = {"category": category, "priority": priority, "id_number": id_number, "name": name}
        return self._request("POST", "/tickets", json=body)

    def cancel(self, ticket_id: str, reason: str) -> None:
        self._request("POST", f"/tickets/{ticket_id}/cancel", json={"reason": reason})

    # -- the window -----------------------------------------------------------------------------

    def call_next(self, staff_no: str, window_no: int) -> dict:
        return self._request("POST", "/call", json={"staff_no": staff_no, "window_no": window_no})

    def act(self, action: str, staff_no: str, ticket_id: str, **extra) -> dict:
        """recall, no_show, start, end, park, resume (window_no=), transfer (category_code= or window_no=)."""
        return self._request("POST", f"/tickets/{ticket_id}/{action}", json={"staff_no": staff_no, **extra})

    def window(self, window_no: int) -> dict:
        return self._request("GET", f"/windows/{window_no}")

    # -- board, pad, manager --------------------------------------------------------------------

    def board(self, after: int = 0) -> dict:
        return self._request("GET", "/board", params={"after": after})

    def rate(self, window_no: int, level: int, reason: str = "") -> dict:
        return self._request("POST", f"/windows/{window_no}/rating", json={"level": level, "reason": reason})

    def tidal(self) -> dict:
        return self._request("GET", "/tidal")

    def confirm_tidal(self, staff_no: str, kind: str, window_no: int) -> None:
        self._request("POST", "/tidal/confirm", json={"staff_no": staff_no, "kind": kind, "window_no": window_no})

    def set_tidal_mode(self, staff_no: str, mode: str) -> None:
        self._request("POST", "/tidal/mode", json={"staff_no": staff_no, "mode": mode})

    def stats(self, day: str | None = None) -> dict:
        return self._request("GET", "/stats", params={"day": day} if day else {})

    def rectifications(self) -> list[dict]:
        return self._request("GET", "/rectifications")
