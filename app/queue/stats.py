"""A day of the hall in figures: wait and service time per category, window and hour, no-shows,
tidal window hours, ratings and the active-rating rate (DESIGN §5)."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import select

from app.queue.dto import DayStats, GroupStats, RatingStats, Summary, TidalHours
from app.queue.tickets import DONE, NO_SHOW
from db.models import Evaluation, Ticket, TidalOpening, WalkIn
from db.store import Store

S = TypeVar("S", bound=Summary)


def _minutes(a: datetime | None, b: datetime | None) -> float | None:
    return (b - a).total_seconds() / 60 if a and b else None


def _summary(tickets: Sequence[Ticket], shape: type[S], **key: int | str) -> S:
    """The figures of `tickets` as `shape` (Summary, or GroupStats with its key)."""
    waits = [w for t in tickets if (w := _minutes(t.issued_at, t.called_at)) is not None]
    services = [v for t in tickets if t.status == DONE and (v := _minutes(t.started_at, t.ended_at)) is not None]
    waits.sort()
    return shape(
        **key,
        issued=len(tickets),
        served=sum(1 for t in tickets if t.status == DONE),
        no_show=sum(1 for t in tickets if t.status == NO_SHOW),
        avg_wait_min=round(sum(waits) / len(waits), 1) if waits else None,
        p95_wait_min=round(waits[min(len(waits) - 1, int(len(waits) * 0.95))], 1) if waits else None,
        avg_service_min=round(sum(services) / len(services), 1) if services else None,
    )


def day_stats(store: Store, day: date, now: datetime | None = None) -> DayStats:
    start = datetime.combine(day, datetime.min.time())
    end = start + timedelta(days=1)
    until = min(now or datetime.now(), end)
    with store.sessions() as s:
        tickets = s.scalars(select(Ticket).where(Ticket.day == day)).all()
        ratings = s.scalars(select(Evaluation).where(Evaluation.at >= start, Evaluation.at < end)).all()
        openings = s.scalars(
            select(TidalOpening).where(TidalOpening.opened_at < end, TidalOpening.opened_at >= start)
        ).all()
        walk_ins = s.scalars(select(WalkIn).where(WalkIn.started_at >= start, WalkIn.started_at < end)).all()

    def grouped(key) -> list[GroupStats]:
        groups: dict = defaultdict(list)
        for t in tickets:
            k = key(t)
            if k is not None:
                groups[k].append(t)
        return [_summary(v, GroupStats, key=k) for k, v in sorted(groups.items())]

    served = sum(1 for t in tickets if t.status == DONE)
    levels = [r.level for r in ratings]
    tidal = [
        TidalHours(
            window_no=o.window_no,
            category_code=o.category_code,
            hours=round((min(o.closed_at or until, until) - o.opened_at).total_seconds() / 3600, 2),
        )
        for o in openings
    ]
    return DayStats(
        day=day.isoformat(),
        total=_summary(tickets, Summary),
        by_category=grouped(lambda t: t.category_code),
        by_window=grouped(lambda t: t.window_no),
        by_hour=grouped(lambda t: t.issued_at.hour),
        tidal=tidal,
        tidal_hours=round(sum(t.hours for t in tidal), 2),
        ratings=RatingStats(
            count=len(levels),
            average=round(sum(levels) / len(levels), 2) if levels else None,
            by_level={str(level): levels.count(level) for level in range(5, 0, -1)},
            active_rate=round(len(levels) / served, 3) if served else None,
            satisfied_rate=round(sum(1 for v in levels if v >= 3) / len(levels), 3) if levels else None,
        ),
        walk_ins=len(walk_ins),
    )
