"""When a tidal window opens or closes. Pure: the center and the queue simulation share it.

Per category: open a standby window when the waiting count reaches `open_waiting` or the longest
wait reaches `open_wait_min`; close it once the waiting count has stayed at or below
`close_waiting` for `close_after_min`, and never before it has been open `min_open_min` (no
flapping). Another window opens for a still-crowded category only after the last one has had
`close_after_min` to take effect."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class TidalKind(StrEnum):
    OPEN = "open"
    CLOSE = "close"


@dataclass(frozen=True)
class Rule:
    open_waiting: int = 15
    open_wait_min: int = 30
    close_waiting: int = 3
    close_after_min: int = 10
    min_open_min: int = 30


@dataclass(frozen=True)
class Load:
    waiting: int
    longest_wait_min: float


@dataclass(frozen=True)
class Opening:
    id: str
    window_no: int
    category_code: str
    opened_at: datetime
    low_since: datetime | None


@dataclass(frozen=True)
class Action:
    kind: TidalKind
    category_code: str
    window_no: int
    reason: str
    opening_id: str | None = None


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60


def low_since(opening: Opening, load: Load, rule: Rule, now: datetime) -> datetime | None:
    """Since when the category's queue has been low (None while it is not)."""
    if load.waiting > rule.close_waiting:
        return None
    return opening.low_since or now


def decide(
    loads: dict[str, Load],
    rules: dict[str, Rule],
    openings: list[Opening],
    standby: list[int],
    now: datetime,
) -> list[Action]:
    """The openings passed in must already carry low_since as of `now` (see low_since)."""
    actions = []
    for o in openings:
        rule, load = rules[o.category_code], loads.get(o.category_code, Load(0, 0))
        if (
            o.low_since is not None
            and _minutes(now - o.low_since) >= rule.close_after_min
            and _minutes(now - o.opened_at) >= rule.min_open_min
        ):
            actions.append(
                Action(
                    TidalKind.CLOSE,
                    o.category_code,
                    o.window_no,
                    f"{o.category_code}类等候 {load.waiting} 人，已连续 {rule.close_after_min} 分钟"
                    f"不超过 {rule.close_waiting} 人",
                    o.id,
                )
            )
    busy = {o.window_no for o in openings}
    free = [w for w in standby if w not in busy]
    crowded = sorted(loads.items(), key=lambda item: (-item[1].waiting, -item[1].longest_wait_min, item[0]))
    for code, load in crowded:
        if code not in rules or not free:
            continue
        rule = rules[code]
        mine = [o for o in openings if o.category_code == code]
        if mine and _minutes(now - max(o.opened_at for o in mine)) < rule.close_after_min:
            continue
        if load.waiting >= rule.open_waiting:
            why = f"{code}类等候 {load.waiting} 人，达到开启阈值 {rule.open_waiting} 人"
        elif load.longest_wait_min >= rule.open_wait_min:
            why = f"{code}类最长已等候 {load.longest_wait_min:.0f} 分钟，达到开启阈值 {rule.open_wait_min} 分钟"
        else:
            continue
        actions.append(Action(TidalKind.OPEN, code, free.pop(0), why))
    return actions
