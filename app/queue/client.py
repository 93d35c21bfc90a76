"""The queue as a workstation, kiosk, board or rating pad reaches it at the center."""

from app.center_client import CenterClient
from app.queue.tickets import QueueError


class QueueClient(CenterClient):
    prefix = "/v1/queue"
    refused = QueueError
    service = "排队叫号"

    # -- kiosk ----------------------------------------------------------------------------------

    def categories(self) -> list[dict]:
        return self._request("GET", "/categories")

    def issue(self, category: str, priority: str = "", id_number: str = "", name: str = "") -> dict:
        body = {"category": category, "priority": priority, "id_number": id_number, "name": name}
        return self._request("POST", "/tickets", json=body)

    def cancel(self, ticket_id: str, reason: str) -> None:
        self._request("POST", f"/tickets/{ticket_id}/cancel", json={"reason": reason})

    # -- the window -----------------------------------------------------------------------------

    def call_next(self, window_no: int) -> dict:
        return self._request("POST", "/call", json={"window_no": window_no})

    def act(self, action: str, ticket_id: str, **extra) -> dict:
        """recall, no_show, start, end, park, resume (window_no=), transfer (category_code= or window_no=)."""
        return self._request("POST", f"/tickets/{ticket_id}/{action}", json=extra)

    def window(self, window_no: int) -> dict:
        return self._request("GET", f"/windows/{window_no}")

    # -- board, pad, manager --------------------------------------------------------------------

    def board(self, after: int = 0) -> dict:
        return self._request("GET", "/board", params={"after": after})

    def rate(self, window_no: int, level: int, reason: str = "") -> dict:
        return self._request("POST", f"/windows/{window_no}/rating", json={"level": level, "reason": reason})

    def tidal(self) -> dict:
        return self._request("GET", "/tidal")

    def confirm_tidal(self, kind: str, window_no: int) -> None:
        self._request("POST", "/tidal/confirm", json={"kind": kind, "window_no": window_no})

    def set_tidal_mode(self, mode: str) -> None:
        self._request("POST", "/tidal/mode", json={"mode": mode})

    def stats(self, day: str | None = None) -> dict:
        return self._request("GET", "/stats", params={"day": day} if day else {})

    def rectifications(self) -> list[dict]:
        return self._request("GET", "/rectifications")
