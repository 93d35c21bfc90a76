"""The queue as a workstation, kiosk, board or rating pad reaches it at the center."""

from datetime import date

from app.center_client import CenterClient
from app.queue.dto import (
    Board,
    Category,
    DayStats,
    Rating,
    Rectification,
    TicketAction,
    TicketInfo,
    TidalAction,
    TidalMode,
    TidalPicture,
    WindowState,
)
from app.queue.tickets import QueueError
from app.web import wire


class QueueClient(CenterClient, prefix="/v1/queue", refused=QueueError, service="排队叫号"):
    """app.queue.dto's Kiosk, BoardSource, RatingPad, WindowClerk, HallFigures and TidalControl over HTTP."""

    # -- kiosk ----------------------------------------------------------------------------------

    def categories(self) -> list[Category]:
        return self._call(list[Category], "GET", "/categories")

    def issue(self, category_code: str, priority: str = "", id_number: str = "", name: str = "") -> TicketInfo:
        body = {"category": category_code, "priority": priority, "id_number": id_number, "name": name}
        return self._call(TicketInfo, "POST", "/tickets", json=body)

    def cancel(self, ticket_id: str, reason: str) -> None:
        self._request("POST", f"/tickets/{ticket_id}/cancel", json={"reason": reason})

    # -- the window -----------------------------------------------------------------------------

    def call_next(self, window_no: int) -> TicketInfo:
        return self._call(TicketInfo, "POST", "/call", json={"window_no": window_no})

    def act(self, action: TicketAction | str, ticket_id: str, **extra) -> TicketInfo:
        """Any of the window's actions by name: resume takes window_no=, transfer category_code= or
        window_no=, park reason=."""
        return self._call(TicketInfo, "POST", f"/tickets/{ticket_id}/{action}", json=extra)

    def recall(self, ticket_id: str) -> TicketInfo:
        return self.act(TicketAction.RECALL, ticket_id)

    def no_show(self, ticket_id: str) -> TicketInfo:
        return self.act(TicketAction.NO_SHOW, ticket_id)

    def start(self, ticket_id: str) -> TicketInfo:
        return self.act(TicketAction.START, ticket_id)

    def end(self, ticket_id: str) -> TicketInfo:
        return self.act(TicketAction.END, ticket_id)

    def park(self, ticket_id: str, reason: str = "") -> TicketInfo:
        return self.act(TicketAction.PARK, ticket_id, reason=reason)

    def resume(self, window_no: int, ticket_id: str) -> TicketInfo:
        return self.act(TicketAction.RESUME, ticket_id, window_no=window_no)

    def transfer(self, ticket_id: str, category_code: str | None = None, window_no: int | None = None) -> TicketInfo:
        return self.act(TicketAction.TRANSFER, ticket_id, category_code=category_code, window_no=window_no)

    def window_state(self, window_no: int) -> WindowState:
        return self._call(WindowState, "GET", f"/windows/{window_no}")

    # -- board, pad, manager --------------------------------------------------------------------

    def board(self, after_seq: int = 0) -> Board:
        return self._call(Board, "GET", "/board", params={"after": after_seq})

    def rate(self, window_no: int, level: int, reason: str = "") -> Rating:
        return self._call(Rating, "POST", f"/windows/{window_no}/rating", json={"level": level, "reason": reason})

    def tidal(self) -> TidalPicture:
        return self._call(TidalPicture, "GET", "/tidal")

    def confirm_tidal(self, suggestion: TidalAction) -> None:
        self._request("POST", "/tidal/confirm", json=wire.encode(suggestion))

    def set_tidal_mode(self, mode: TidalMode) -> None:
        self._request("POST", "/tidal/mode", json={"mode": mode})

    def stats(self, day: date | None = None) -> DayStats:
        return self._call(DayStats, "GET", "/stats", params={"day": day.isoformat()} if day else {})

    def rectifications(self) -> list[Rectification]:
        return self._call(list[Rectification], "GET", "/rectifications")
