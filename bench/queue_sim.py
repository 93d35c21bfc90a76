"""queue_sim: a seeded day of 5,000 arrivals with a morning and an afternoon peak, 5 categories,
12 windows (10 regular, 2 tidal standby), run twice through the center's own calling order and
tidal rule (app.queue.order, app.queue.tidal): tidal windows off, then on. Prints the average and
p95 wait per category for both runs, the tidal open/close events and the shortest open period
(proof that the hysteresis prevents flapping)."""

import math
import random
from datetime import datetime, timedelta

from app.queue import order, tidal

SEED = 20261122
ARRIVALS = 5000
OPEN_MIN, CLOSE_MIN = 8 * 60 + 30, 17 * 60 + 30  # 08:30 to 17:30
STEP_S = 10
CATEGORIES = {"A": 0.28, "B": 0.10, "C": 0.27, "D": 0.15, "E": 0.20}
SERVICE_MEAN_MIN = {"A": 1.0, "B": 1.2, "C": 0.7, "D": 1.0, "E": 0.6}
WINDOWS = {1: "AE", 2: "AB", 3: "A", 4: "BC", 5: "C", 6: "CE", 7: "D", 8: "DE", 9: "EA", 10: "CD"}
STANDBY = [11, 12]
RULE = tidal.Rule(open_waiting=15, open_wait_min=20, close_waiting=3, close_after_min=10, min_open_min=30)
PRIORITY_SHARE = 0.08
DAY = datetime(2026, 3, 2)


def _arrival_minute(rng: random.Random) -> float:
    """Morning peak around 10:00, afternoon peak around 14:30, a steady trickle all day."""
    while True:
        pick = rng.random()
        if pick < 0.40:
            minute = rng.gauss(10 * 60, 50)
        elif pick < 0.75:
            minute = rng.gauss(14 * 60 + 30, 55)
        else:
            minute = rng.uniform(OPEN_MIN, CLOSE_MIN - 30)
        if OPEN_MIN <= minute < CLOSE_MIN - 30:
            return minute


def arrivals(seed: int = SEED, count: int = ARRIVALS) -> list[tuple[float, str, str, float]]:
    """(arrival minute, category, priority, service minutes), sorted by arrival."""
    rng = random.Random(seed)
    codes, weights = list(CATEGORIES), list(CATEGORIES.values())
    out = []
    for _ in range(count):
        code = rng.choices(codes, weights)[0]
        priority = rng.choice(order.PRIORITY) if rng.random() < PRIORITY_SHARE else ""
        service = max(0.3, rng.expovariate(1 / SERVICE_MEAN_MIN[code]))
        out.append((_arrival_minute(rng), code, priority, service))
    return sorted(out)


def simulate(with_tidal: bool, seed: int = SEED, count: int = ARRIVALS) -> dict:
    people = arrivals(seed, count)
    at = lambda minute: DAY + timedelta(minutes=minute)  # noqa: E731
    waiting: dict[str, order.Waiting] = {}
    info: dict[str, tuple[float, str, float]] = {}
    busy_until = {w: 0.0 for w in [*WINDOWS, *STANDBY]}
    last_calls: dict[int, list[bool]] = {w: [] for w in busy_until}
    openings: list[tidal.Opening] = []
    events: list[dict] = []
    waits: dict[str, list[float]] = {c: [] for c in CATEGORIES}
    nxt, minute, last_tidal = 0, float(OPEN_MIN), -1.0
    while minute < CLOSE_MIN + 240 and (nxt < len(people) or waiting):
        while nxt < len(people) and people[nxt][0] <= minute:
            arrive, code, priority, service = people[nxt]
            key = f"t{nxt}"
            waiting[key] = order.Waiting(key, code, priority, at(arrive))
            info[key] = (arrive, code, service)
            nxt += 1
        now = at(minute)
        if with_tidal and minute - last_tidal >= 1:
            last_tidal = minute
            loads = _loads(waiting, now)
            openings = [
                tidal.Opening(
                    o.id,
                    o.window_no,
                    o.category_code,
                    o.opened_at,
                    tidal.low_since(o, loads[o.category_code], RULE, now),
                )
                for o in openings
            ]
            for action in tidal.decide(loads, dict.fromkeys(CATEGORIES, RULE), openings, STANDBY, now):
                events.append(
                    {
                        "kind": action.kind,
                        "window": action.window_no,
                        "category": action.category_code,
                        "minute": minute,
                    }
                )
                if action.kind == tidal.TidalKind.OPEN:
                    openings.append(tidal.Opening(f"o{len(events)}", action.window_no, action.category_code, now, None))
                else:
                    openings = [o for o in openings if o.id != action.opening_id]
        serving = {w: set(c) for w, c in WINDOWS.items()}
        for o in openings:
            serving.setdefault(o.window_no, set()).add(o.category_code)
        for window, categories in serving.items():
            if busy_until[window] > minute or not waiting:
                continue
            streak = _streak(last_calls[window])
            chosen = order.choose_next(list(waiting.values()), window, categories, streak, 3, now)
            if chosen is None:
                continue
            del waiting[chosen.id]
            arrive, code, service = info[chosen.id]
            waits[code].append(minute - arrive)
            last_calls[window].append(order.is_priority_call(chosen, now))
            busy_until[window] = minute + service
        minute += STEP_S / 60
    return {"waits": waits, "events": events}


def _loads(waiting: dict[str, order.Waiting], now: datetime) -> dict[str, tidal.Load]:
    loads = {}
    for code in CATEGORIES:
        mine = [t for t in waiting.values() if t.category_code == code]
        oldest = min((t.order_at for t in mine), default=now)
        loads[code] = tidal.Load(len(mine), (now - oldest).total_seconds() / 60)
    return loads


def _streak(calls: list[bool]) -> int:
    streak = 0
    for was_priority in reversed(calls):
        if not was_priority:
            break
        streak += 1
    return streak


def _figures(waits: list[float]) -> dict:
    ordered = sorted(waits)
    p95 = ordered[min(len(ordered) - 1, math.ceil(len(ordered) * 0.95) - 1)] if ordered else 0
    return {
        "served": len(ordered),
        "avg_wait_min": round(sum(ordered) / max(1, len(ordered)), 1),
        "p95_wait_min": round(p95, 1),
    }


def _open_periods(events: list[dict]) -> list[float]:
    opened: dict[int, float] = {}
    periods = []
    for e in events:
        if e["kind"] == "open":
            opened[e["window"]] = e["minute"]
        else:
            periods.append(e["minute"] - opened.pop(e["window"]))
    return periods


def run(arrivals: int = ARRIVALS) -> dict:
    off, on = simulate(False, count=arrivals), simulate(True, count=arrivals)
    everyone_off = [w for ws in off["waits"].values() for w in ws]
    everyone_on = [w for ws in on["waits"].values() for w in ws]
    periods = _open_periods(on["events"])
    result = {
        "bench": "queue_sim",
        "seed": SEED,
        "arrivals": arrivals,
        "windows": {"regular": len(WINDOWS), "tidal_standby": len(STANDBY)},
        "rule": RULE.__dict__,
        "tidal_off": {"all": _figures(everyone_off), **{c: _figures(w) for c, w in off["waits"].items()}},
        "tidal_on": {"all": _figures(everyone_on), **{c: _figures(w) for c, w in on["waits"].items()}},
        "tidal_events": {
            "open": sum(1 for e in on["events"] if e["kind"] == "open"),
            "close": sum(1 for e in on["events"] if e["kind"] == "close"),
            "shortest_open_min": round(min(periods), 1) if periods else None,
            "min_open_rule_min": RULE.min_open_min,
        },
    }
    result["meets_target"] = (  # tidal windows lower the p95 wait
        result["tidal_on"]["all"]["p95_wait_min"] < result["tidal_off"]["all"]["p95_wait_min"]
    )
    return result
