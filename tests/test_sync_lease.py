"""One push or pull at a time per workstation holds across center processes (app.center.lease).

Two center app instances on one database, each with its own engine and connection pool, share
nothing but the database, exactly like two `--workers` processes: the same workstation's second
request at the other instance gets 429 while its first is in progress, other workstations are
served meanwhile, and a lease left by a process killed mid-request expires (or is cleared when the
center starts again)."""

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import timedelta

import httpx
import pytest
import uvicorn

from app.center.lease import BUSY, SyncLeases
from app.center.server import create_app
from app.center.service import PROTOCOL, Refused
from db import migrate
from db.store import open_url
from tests.helpers import ROOT, pg_schema_url
from tests.sync_harness import CenterProcess, free_port

VERSIONS = {"protocol": PROTOCOL, "schema": migrate.head_revision()}

DIES_HOLDING_THE_LEASE = """
import os, signal, sys
from datetime import timedelta
from app.center.lease import SyncLeases
from db.store import open_url

leases = SyncLeases(open_url(sys.argv[1], role="center"), lease=timedelta(seconds=float(sys.argv[3])))
with leases.turn(sys.argv[2]):
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture(params=[pytest.param("postgresql", marks=pytest.mark.pg), "sqlite"])
def center_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'center.sqlite3'}"
        return
    url, cleanup = pg_schema_url("hall_lease")
    yield url
    cleanup()


@pytest.fixture
def stores(center_url):
    """Two stores on the center's database, as two center processes open it."""
    opened = [open_url(center_url, role="center") for _ in range(2)]
    yield opened
    for store in opened:
        store.engine.dispose()


def _enrolled(store, n: int) -> list[dict]:
    """Headers of n enrolled workstations."""
    from app.center.service import CenterService

    service = CenterService(store, migrate.head_revision())
    headers = []
    for i in range(n):
        workstation_id = f"00000000-0000-4000-8000-{i:012d}"
        done = service.enroll(service.new_enrollment_code("pytest"), workstation_id, f"窗口{i}", "", "k" * 44)
        headers.append(
            {
                "X-Workstation": workstation_id,
                "Authorization": f"Bearer {done.credential}",
                "X-Protocol": str(PROTOCOL),
                "X-Schema": migrate.head_revision(),
            }
        )
    return headers


@contextmanager
def _serving(app) -> Iterator[httpx.Client]:
    """The app served on a free loopback port from a thread, and a client of it."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not server.started:
            assert time.monotonic() < deadline, "the center did not start"
            time.sleep(0.02)
        with httpx.Client(base_url=f"http://127.0.0.1:{server.config.port}", timeout=30) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(10)


def _pull(client: httpx.Client, headers: dict):
    return client.get("/v1/pull", headers=headers, params=VERSIONS)


def _push(client: httpx.Client, headers: dict):
    body = {**VERSIONS, "workstation_id": headers["X-Workstation"], "mutations": []}
    return client.post("/v1/push", headers=headers, json=body)


def test_a_workstations_second_request_at_another_center_process_waits_its_turn(stores):
    first, second = (create_app(store) for store in stores)
    ws1, ws2 = _enrolled(stores[0], 2)
    inside, go_on = threading.Event(), threading.Event()
    service = first.state.service
    pull = service.pull

    def slow_pull(*args):
        inside.set()
        assert go_on.wait(20)
        return pull(*args)

    service.pull = slow_pull  # the first instance's pull stays in progress until told to go on
    with _serving(first) as a, _serving(second) as b, ThreadPoolExecutor(1) as pool:
        in_progress = pool.submit(_pull, a, ws1)
        assert inside.wait(20)
        for refused in (_pull(b, ws1), _push(b, ws1)):
            assert refused.status_code == 429 and refused.json()["detail"] == BUSY
        service.pull = pull
        assert _pull(b, ws2).status_code == 200 and _push(b, ws2).status_code == 200  # others are served
        go_on.set()
        assert in_progress.result(20).status_code == 200
        assert _pull(b, ws1).status_code == 200 and _push(a, ws1).status_code == 200  # its turn is back


def test_of_many_simultaneous_requests_exactly_one_gets_the_turn(stores):
    [ws] = _enrolled(stores[0], 1)
    workstation_id = ws["X-Workstation"]
    start, attempted = threading.Barrier(8), threading.Barrier(8)

    def attempt(i: int) -> bool:
        with ExitStack() as held:
            start.wait(20)
            try:
                held.enter_context(SyncLeases(stores[i % 2]).turn(workstation_id))
                won = True
            except Refused as exc:
                assert exc.status == 429
                won = False
            attempted.wait(60)  # the winner holds its turn until everyone has tried
            return won

    with ThreadPoolExecutor(8) as pool:
        assert sum(pool.map(attempt, range(8))) == 1


def test_an_expired_lease_is_taken_over_and_its_late_release_frees_nothing(stores):
    [ws] = _enrolled(stores[0], 1)
    workstation_id = ws["X-Workstation"]
    with ExitStack() as old, ExitStack() as new:
        old.enter_context(SyncLeases(stores[0], lease=timedelta(0)).turn(workstation_id))  # expired at once
        new.enter_context(SyncLeases(stores[1]).turn(workstation_id))  # takes it over
        old.close()  # the slow request ends after all: it must not free the newer request's turn
        with pytest.raises(Refused):
            SyncLeases(stores[0]).turn(workstation_id).__enter__()


def _die_holding_the_lease(url: str, workstation_id: str, seconds: float) -> None:
    """A center process killed in the middle of a request: its lease stays behind."""
    done = subprocess.run(
        [sys.executable, "-c", DIES_HOLDING_THE_LEASE, url, workstation_id, str(seconds)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == -9, done.stderr.decode()


@pytest.mark.slow
def test_a_lease_left_by_a_killed_process_expires(center_url, stores):
    app = create_app(stores[1])
    [ws] = _enrolled(stores[0], 1)
    _die_holding_the_lease(center_url, ws["X-Workstation"], seconds=3)
    with _serving(app) as client:
        assert _pull(client, ws).status_code == 429  # still held by the dead process
        deadline = time.monotonic() + 15
        while _pull(client, ws).status_code == 429:
            assert time.monotonic() < deadline, "the dead process's lease never expired"
            time.sleep(0.2)
        assert _push(client, ws).status_code == 200


@pytest.mark.slow
def test_the_center_starting_again_clears_the_leases_of_its_killed_run(center_url, stores, tmp_path):
    [ws] = _enrolled(stores[0], 1)
    _die_holding_the_lease(center_url, ws["X-Workstation"], seconds=3600)
    with _serving(create_app(stores[1])) as client:
        assert _pull(client, ws).status_code == 429
    center = CenterProcess(center_url, tmp_path)
    center.start()
    try:
        assert httpx.get(f"{center.http}/v1/pull", headers=ws, params=VERSIONS, timeout=10).status_code == 200
    finally:
        center.kill()
