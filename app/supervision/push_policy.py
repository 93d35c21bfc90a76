"""电子监察 as the data arrives: once a workstation's pushed acts are applied (acceptances, steps,
notices), the rules judge the cases acted on their days (a burst needs the day's other work), in
the push's transaction.

Supervision refuses nothing, and a fault of its own never costs a workstation its sync: its work
is kept in a savepoint that a failure rolls back alone (logged), and the week's full sweep catches up."""

import logging
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.orm import Session

from app.clock import Clock
from app.supervision.sweep import keep, sweep
from app.sync.push_policy import Pushed, PushPolicy
from app.workdays import WorkCalendar

log = logging.getLogger(__name__)
# The pushed rows that are acts, and the column that dates each: an acceptance, a step, a notice.
ACT_DAY = {"cases": "accepted_on", "review_steps": "at", "notices": "issued_at"}


class SupervisionPushPolicy(PushPolicy):
    def __init__(self, clock: Clock):
        self.clock = clock

    def after_batch(self, s: Session, applied: Sequence[Pushed], at: datetime) -> None:
        """One sweep for the batch: a workstation back online pushes a day's acceptances at once."""
        days = {
            date.fromisoformat(str(row["v"][ACT_DAY[row["t"]]])[:10])
            for mutation in applied
            for row in mutation.rows
            if row["t"] in ACT_DAY and row["v"].get(ACT_DAY[row["t"]])
        }
        if not days:
            return
        try:
            with s.begin_nested():
                keep(s, sweep(s, self.clock.today(), WorkCalendar.load(s), days), at)
        except Exception:  # never fail a push (see above)
            log.exception("supervision skipped for a batch of %s from %s", len(applied), applied[0].workstation_id)
