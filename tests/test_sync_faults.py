"""Randomized fault rounds (seeded): the center runs as a separate process and is killed and
restarted, responses are dropped after the center applied them, deliveries are duplicated and
reordered, a workstation dies between sending and recording, PostgreSQL connections are cut.
After healing, every case exists exactly once at the center and every workstation holds the same
reference data. HALL_FAULT_ROUNDS sets the number of rounds per backend (default 14; the soak
runs more).

The first rounds take each kind of fault once, in a seeded order; the rest are drawn at random.
By default as many are drawn as there are kinds on PostgreSQL (7): every kind is always taken, and
a restart of the center (about 1.7 s of the round's 2) is not paid for more often than that."""

import contextlib
import os
import random
import time
from dataclasses import replace

import httpx
import pytest
from sqlalchemy import create_engine, select, text

from app.acceptance.model import Outcome
from app.auth import login
from app.catalog.service import CatalogService
from app.context import AppContext
from app.demo import DEMO_PASSWORD
from app.sync.engine import SyncEngine
from db.models import Case, Matter, MatterVersion, OutboxEntry
from db.store import open_url
from tests.helpers import accept
from tests.store_templates import migrated_store, pg_seeded_center, seeded_center_store
from tests.sync_harness import CenterProcess, enrollment_codes

CENTER_CONNECTIONS = f"hall_fault_center_{os.getpid()}"
ROUNDS = int(os.environ.get("HALL_FAULT_ROUNDS", "14"))
QUERIES = ["gtgsh", "spjyxk", "csyxzm", "gtgshbg"]


class WorkstationDied(Exception):
    """Stands for the process ending between the center's answer and the local bookkeeping."""


class FaultyTransport(httpx.HTTPTransport):
    def __init__(self):
        super().__init__()
        self.mode = None

    def handle_request(self, request):
        mode, self.mode = self.mode, None
        if mode == "duplicate":
            super().handle_request(request).read()
        response = super().handle_request(request)
        if mode == "drop_response":
            response.read()
            raise httpx.ReadError("response lost after the center applied the batch")
        if mode == "die_after_send":
            response.read()
            raise WorkstationDied()
        return response


def _reference(store) -> list[tuple]:
    with store.sessions() as s:
        rows = s.execute(
            select(Matter.code, MatterVersion.version_no, MatterVersion.fees).join(
                MatterVersion, Matter.current_version_id == MatterVersion.id
            )
        ).all()
    return sorted(map(tuple, rows))


def _heal(center: CenterProcess, engines: list[SyncEngine]) -> None:
    if center.proc is None:
        center.start()
    for engine in engines:
        engine.transport.mode = None
        for _ in range(5):
            if engine.sync(retries=2, backoff=0.05).ok and engine.status().pending == 0:
                break
        else:
            raise AssertionError(f"workstation did not heal: {engine.status()}")


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def test_randomized_faults_heal_to_exactly_once(backend, tmp_path):
    rng = random.Random(f"hall-faults-{backend}")
    if backend == "sqlite":
        url = f"sqlite:///{seeded_center_store(tmp_path / 'center.sqlite3')}"
    else:
        url = pg_seeded_center()
        # The center's connections carry a name of their own: cutting them leaves other tests' alone.
        url += f"{'&' if '?' in url else '?'}application_name={CENTER_CONNECTIONS}"
    seeded = open_url(url, role="center")
    center = CenterProcess(url, tmp_path)
    center.start()
    codes = iter(enrollment_codes(seeded, 2))
    stations = []
    for name in ("ws1", "ws2"):
        ctx = AppContext.open(migrated_store(tmp_path / f"{name}.sqlite3"))
        engine = SyncEngine(ctx.store, ctx.workstation_id, transport=FaultyTransport(), timeout=3)
        engine.enroll(center.http, next(codes))
        assert engine.sync(retries=0).ok
        ctx.catalog.invalidate()
        stations.append((ctx, engine))
    engines = [e for _c, e in stations]
    created: list[str] = []
    faults_seen: dict[str, int] = {}
    kinds = ["drop_response", "duplicate", "die_after_send", "reorder", "kill_center", "restart_center"]
    if backend == "postgresql":
        kinds.append("cut_database")
    schedule = rng.sample(kinds, len(kinds))  # every kind of fault at least once, then at random
    try:
        for round_no in range(ROUNDS):
            for ctx, _engine in stations:
                for _ in range(rng.randint(0, 2)):
                    created += accept(ctx, rng.choice(QUERIES), Outcome.ACCEPT).case_nos
            if rng.random() < 0.2:
                _edit_at_center(seeded, round_no)
            fault = schedule[round_no] if round_no < len(schedule) else rng.choice(kinds)
            faults_seen[fault] = faults_seen.get(fault, 0) + 1
            ctx, engine = rng.choice(stations)
            _inject(fault, rng, center, ctx, engine, url)
            _heal(center, engines)
            with seeded.sessions() as s:
                at_center = list(s.scalars(select(Case.case_no)))
            assert sorted(at_center) == sorted(created), f"round {round_no} after {fault}"
            for ctx, _engine in stations:
                ctx.catalog.invalidate()
                assert _reference(ctx.store) == _reference(seeded), f"round {round_no}: reference data differs"
        assert len(created) > ROUNDS // 2
        assert set(faults_seen) == set(kinds) or len(kinds) > ROUNDS
    finally:
        center.kill()
        seeded.engine.dispose()


def _edit_at_center(store, round_no: int) -> None:
    catalog = CatalogService(store)
    manager = login(store, "center", "M001", DEMO_PASSWORD)
    hit = catalog.search("gtgsh")[0]
    guide = catalog.guide(hit.id).guide
    catalog.save_guide(manager, replace(guide, fees=f"不收费（第 {round_no} 轮修订）"), "演练")


def _pending(ctx) -> list[dict]:
    with ctx.store.sessions() as s:
        return [
            {"id": m.mutation_id, "payload": m.payload, "signature": m.signature}
            for m in s.scalars(
                select(OutboxEntry).where(OutboxEntry.status == "pending").order_by(OutboxEntry.mutation_id)
            )
        ]


def _inject(fault: str, rng: random.Random, center: CenterProcess, ctx, engine: SyncEngine, url: str) -> None:
    if fault in ("drop_response", "duplicate", "die_after_send"):
        engine.transport.mode = fault
        with contextlib.suppress(WorkstationDied):
            engine.sync(retries=0)
    elif fault == "reorder":
        batch = _pending(ctx)
        if len(batch) >= 2:
            rng.shuffle(batch)
            body = {**engine._versions(), "workstation_id": ctx.workstation_id}
            with httpx.Client(base_url=center.http, headers=engine._headers(engine._state())) as client:
                cut = rng.randint(1, len(batch) - 1)
                for part in (batch[cut:], batch[:cut], batch):  # later ids first (a gap), then all
                    client.post("/v1/push", json={**body, "mutations": part})
    elif fault == "kill_center":
        # Killed at a random moment while a push may be in flight: applied wholly or not at all.
        import threading

        pushing = threading.Thread(target=lambda: engine.sync(retries=0))
        pushing.start()
        time.sleep(rng.uniform(0, 0.08))
        center.kill()
        pushing.join(15)
    elif fault == "restart_center":
        center.kill()
        center.start()
    elif fault == "cut_database":
        admin = create_engine(url.split("?")[0])
        with admin.begin() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND application_name = :name"
                ),
                {"name": CENTER_CONNECTIONS},
            )
        admin.dispose()
        engine.sync(retries=1, backoff=0.05)
