"""What the queue answers and takes, the same on both sides of HTTP (see app/web/wire.py), and the
contracts its callers hold: the kiosk, the board, the rating pad, the clerk's calling bar and the
manager's hall page each reach the center's QueueService or the QueueClient by the same calls.
The clerk's and the manager's actions are the service's without the acting person's staff number
(the client's session proves who acts)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from app.queue.tidal import Action as TidalAction
from app.queue.tidal import TidalKind
from app.supervision.ledger_rules import LedgerStatus

__all__ = [
    "Board",
    "BoardCall",
    "BoardSource",
    "BoardWindow",
    "Category",
    "CategoryWaiting",
    "DayStats",
    "GroupStats",
    "HallFigures",
    "Kiosk",
    "Rating",
    "RatingPad",
    "RatingStats",
    "Rectification",
    "Summary",
    "TicketAction",
    "TicketInfo",
    "TicketStatus",
    "TidalAction",
    "TidalControl",
    "TidalHours",
    "TidalKind",
    "TidalLogRow",
    "TidalMode",
    "TidalOpen",
    "TidalPicture",
    "WindowClerk",
    "WindowState",
    "WindowWaiting",
]


class TicketStatus(StrEnum):
    WAITING = "等候"
    CALLED = "已呼叫"
    SERVING = "办理中"
    PARKED = "暂停"
    DONE = "已办结"
    NO_SHOW = "过号"
    CANCELLED = "已取消"


class TicketAction(StrEnum):
    """What a window does to the ticket it serves (POST /v1/queue/tickets/{id}/{action})."""

    RECALL = "recall"
    NO_SHOW = "no_show"
    START = "start"
    END = "end"
    PARK = "park"
    RESUME = "resume"
    TRANSFER = "transfer"


class TidalMode(StrEnum):
    SUGGEST = "suggest"  # the manager confirms each suggestion
    AUTO = "auto"


@dataclass(frozen=True)
class TicketInfo:
    id: str
    label: str
    category_code: str
    category_name: str
    priority: str
    status: TicketStatus
    issued_at: str
    ahead: int
    est_wait_min: int
    window_no: int | None
    name_masked: str
    recalls: int
    target_window: int | None = None  # waits for this window only (a booking with its agent, a transfer)


@dataclass(frozen=True)
class Category:
    """A category as the kiosk offers it: its waiting count and estimated wait."""

    code: str
    name: str
    waiting: int
    est_wait_min: int
    windows: list[int]  # serving it now; none: nothing can be issued for it


@dataclass(frozen=True)
class WindowState:
    """What the clerk's calling bar and the window's rating pad show."""

    window_no: int
    categories: list[str]
    current: TicketInfo | None
    parked: list[TicketInfo]
    rateable: TicketInfo | None
    staff_no: str
    staff_name: str
    waiting: dict[str, int]  # category -> waiting in its line
    waiting_here: int  # tickets waiting for this window only


# -- the board -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardCall:
    seq: int
    label: str
    window_no: int | None
    name: str  # masked (张*)


@dataclass(frozen=True)
class BoardWindow:
    window_no: int | None
    label: str
    name: str  # masked
    status: TicketStatus


@dataclass(frozen=True)
class CategoryWaiting:
    code: str
    name: str
    waiting: int


@dataclass(frozen=True)
class WindowWaiting:
    window_no: int
    waiting: int


@dataclass(frozen=True)
class TidalOpen:
    window_no: int
    category_code: str


@dataclass(frozen=True)
class Board:
    at: str  # ISO, to the second
    windows: list[BoardWindow]
    headline: BoardCall | None  # the newest call still being answered at its window
    recent: list[BoardCall]
    announce: list[BoardCall]  # the calls since the `after_seq` asked for, oldest first, for the voice
    waiting: list[CategoryWaiting]
    for_windows: list[WindowWaiting]
    tidal: list[TidalOpen]
    seq: int  # the newest event: ask with it next time


# -- ratings ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rating:
    label: str
    level: int
    case_nos: list[str]
    rectification_due: str | None  # ISO date, for a bad rating


@dataclass(frozen=True)
class Rectification:
    id: str
    label: str
    window_no: int
    staff_no: str
    level: str  # in words (不满意)
    reason: str
    case_nos: list[str]
    opened_on: date
    due_on: date
    status: LedgerStatus  # opened 待整改, the stages of a 问题台账 item


# -- tidal windows ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TidalLogRow:
    window_no: int
    category_code: str
    opened_at: str  # ISO, to the minute
    open_reason: str
    opened_by: str
    closed_at: str | None
    close_reason: str
    closed_by: str


@dataclass(frozen=True)
class TidalPicture:
    suggestions: list[TidalAction]  # what is due, for the manager to confirm (none in automatic mode)
    log: list[TidalLogRow]  # today's openings and closings


# -- a day in figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    issued: int
    served: int
    no_show: int
    avg_wait_min: float | None
    p95_wait_min: float | None
    avg_service_min: float | None


@dataclass(frozen=True)
class GroupStats(Summary):
    key: int | str = ""  # the category, window or hour


@dataclass(frozen=True)
class TidalHours:
    window_no: int
    category_code: str
    hours: float


@dataclass(frozen=True)
class RatingStats:
    count: int
    average: float | None
    by_level: dict[str, int]  # "5" .. "1"
    active_rate: float | None
    satisfied_rate: float | None


@dataclass(frozen=True)
class DayStats:
    day: str  # ISO date
    total: Summary
    by_category: list[GroupStats]
    by_window: list[GroupStats]
    by_hour: list[GroupStats]
    tidal: list[TidalHours]
    tidal_hours: float
    ratings: RatingStats
    walk_ins: int


# -- the contracts ---------------------------------------------------------------------------------


class Kiosk(Protocol):
    def categories(self) -> list[Category]: ...

    def issue(self, category_code: str, priority: str = "", id_number: str = "", name: str = "") -> TicketInfo: ...

    def cancel(self, ticket_id: str, reason: str) -> None: ...


class BoardSource(Protocol):
    def board(self, after_seq: int = 0) -> Board: ...


class RatingPad(Protocol):
    def window_state(self, window_no: int) -> WindowState: ...

    def rate(self, window_no: int, level: int, reason: str = "") -> Rating: ...


class WindowClerk(Protocol):
    """The calling bar's actions (it reads the window as the rating pad does, and the categories
    to transfer to as the kiosk does). The service takes the acting clerk's staff number first."""

    def call_next(self, window_no: int) -> TicketInfo: ...

    def recall(self, ticket_id: str) -> TicketInfo: ...

    def no_show(self, ticket_id: str) -> TicketInfo: ...

    def start(self, ticket_id: str) -> TicketInfo: ...

    def end(self, ticket_id: str) -> TicketInfo: ...

    def park(self, ticket_id: str, reason: str = "") -> TicketInfo: ...

    def resume(self, window_no: int, ticket_id: str) -> TicketInfo: ...

    def transfer(
        self, ticket_id: str, category_code: str | None = None, window_no: int | None = None
    ) -> TicketInfo: ...


class HallFigures(Protocol):
    """What the manager's hall page reads."""

    def stats(self, day: date | None = None) -> DayStats: ...

    def tidal(self) -> TidalPicture: ...

    def rectifications(self) -> list[Rectification]: ...


class TidalControl(Protocol):
    """What the manager's hall page changes. The service takes the manager's staff number first."""

    def confirm_tidal(self, suggestion: TidalAction) -> None: ...

    def set_tidal_mode(self, mode: TidalMode) -> None: ...
