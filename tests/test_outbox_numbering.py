"""A store holding another workstation's outbox entries (seeded or restored elsewhere) still takes
writes, numbers them in its own workstation's series and pushes only its own, exactly once."""

import uuid
from datetime import datetime

from sqlalchemy import func, select

from app.acceptance.model import Outcome
from db.models import Case, OutboxEntry
from tests.helpers import accept
from tests.sync_harness import last_applied, sqlite_center, workstation


def test_entries_of_another_workstation_do_not_block_writes_or_push(tmp_path):
    with sqlite_center(tmp_path) as center:
        ws, engine = workstation(center, tmp_path, "ws")
        other = str(uuid.uuid4())
        with ws.store.sessions.begin() as s:
            s.add_all(
                OutboxEntry(
                    mutation_id=n,
                    workstation_id=other,
                    created_at=datetime(2026, 3, 1, 9, 0),
                    entity="application",
                    entity_id="",
                    op="application.accept",
                    payload="{}",
                    status=status,
                )
                for n, status in [(n, "applied") for n in range(1, 40)] + [(40, "pending"), (41, "pending")]
            )
            mine_before = s.scalar(
                select(func.max(OutboxEntry.mutation_id)).where(OutboxEntry.workstation_id == ws.workstation_id)
            )

        result = accept(ws, "gtgsh", Outcome.ON_THE_SPOT)  # refused with UNIQUE mutation_id before

        with ws.store.sessions() as s:
            mine = s.scalars(
                select(OutboxEntry.mutation_id)
                .where(OutboxEntry.workstation_id == ws.workstation_id)
                .order_by(OutboxEntry.mutation_id)
            ).all()
        # Its own series continues without a gap (the center refuses gaps), whatever the other holds.
        assert mine == list(range(1, len(mine) + 1)) and mine[-1] > mine_before
        report = engine.sync(retries=0)
        assert report.ok, report.error
        assert engine.status().pending == 0 and last_applied(center, ws.workstation_id) == mine[-1]
        with center.store.sessions() as s:
            assert tuple(s.scalars(select(Case.case_no))) == tuple(result.case_nos)
        with ws.store.sessions() as s:  # the other workstation's entries are not ours to push
            assert (
                s.scalar(
                    select(func.count()).where(OutboxEntry.workstation_id == other, OutboxEntry.status == "pending")
                )
                == 2
            )
