"""queue_load: 100 windows calling concurrently against a PostgreSQL center (its own process, over
HTTP, as in a hall) for 60 s. All windows make their first call at the same instant; then each
serves for 10-30 s (time compressed: a hall's services take minutes), ends and calls again, while
a kiosk keeps issuing tickets. Prints p50/p95 call latency (target
p95 <= 30 ms) and the number of tickets called twice (must be 0)."""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from app.actor import Actor, Role
from app.center.loopback import _free
from app.center.service import CenterService
from app.context import AppContext
from app.devices.credential import DeviceFile
from app.devices.enrollment import enroll_device
from app.devices.scope import DeviceKind
from app.queue.client import QueueClient
from app.queue.tickets import QueueError
from app.sync.engine import SyncEngine
from app.trust.client import PersonSession
from app.trust.keys import Wrapper, public_of
from bench.sync import PG_URL
from db import migrate
from db.models import QueueCategory, QueueEvent, Staff, StaffKey, StaffRole, Window
from db.scratch_schema import scratch_schema
from db.store import open_url

WINDOWS = 100
SECONDS = 60
SERVICE_S = (10.0, 30.0)  # compressed: a real service lasts minutes
KIOSK_PER_S = 6  # a little above what the windows serve, so the queue never runs dry
TARGET_P95_MS = 30
WORKERS = 2  # the center's processes, one per core of this machine
CENTER_COMMAND = [sys.executable, "main.py", "center", "serve", "--seed-demo"]
ROOT = Path(__file__).resolve().parents[1]


def _hall(url: str, windows: int) -> dict[str, Ed25519PrivateKey]:
    """Extra windows serving every category, each with its own clerk and the clerk's key (the
    bench acts for them as their clients would once their passwords opened their keys)."""
    store = open_url(url, role="center")
    wrapper, made = Wrapper("Bench#Load1"), {}
    with store.sessions.begin() as s:
        categories = list(s.scalars(select(QueueCategory)))
        for n in range(windows):
            window = Window(number=101 + n, name=f"压测窗口{n + 1}", kind="综合受理", categories=categories)
            s.add(window)
            staff_no = f"L{n:03d}"
            made[staff_no] = Ed25519PrivateKey.generate()
            staff = Staff(staff_no=staff_no, name=f"压测{n}", window=window)
            staff.signing_key = wrapper.wrap(made[staff_no], staff_no)
            staff.roles = [StaffRole(role="clerk")]
            s.add(staff)
            s.flush()
            s.add(StaffKey(staff_id=staff.id, public_key=public_of(made[staff_no]), valid_from=datetime.utcnow()))
    store.engine.dispose()
    return made


def run(seconds: int = SECONDS, windows: int = WINDOWS, workers: int = WORKERS) -> dict:
    url, cleanup = scratch_schema(PG_URL, "hall_queue_load")
    folder = tempfile.mkdtemp(prefix="hall-queue-load-")
    port = _free(0)
    # The demo center without its past month (cli.center.play_past): the bench measures the queue of a
    # seeded hall, as its README figures did, and playing the month would add half a minute to its start.
    env = {**os.environ, "HALL_DATA_DIR": folder, "HALL_DEMO_PAST": "0"}
    center = subprocess.Popen(
        [*CENTER_COMMAND, "--url", url, "--port", str(port), "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=0.5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("center did not start")
            time.sleep(0.2)
        clerks = _hall(url, windows)
        store = open_url(url, role="center")
        codes = CenterService(store, migrate.head_revision())
        ctx = AppContext.open(Path(folder) / "ws.sqlite3")
        at = f"http://127.0.0.1:{port}"
        SyncEngine(ctx.store, ctx.workstation_id).enroll(at, codes.new_enrollment_code("bench"))

        def clerk_client(i: int) -> QueueClient:
            staff_no = f"L{i:03d}"
            actor = Actor(
                staff_no, staff_no, staff_no, frozenset({Role.CLERK}), ctx.workstation_id, 101 + i, key=clerks[staff_no]
            )
            client = QueueClient(ctx.store, ctx.workstation_id, timeout=30, session=PersonSession(actor))
            client.session.token(client._client())  # logged in before the opening burst is timed
            return client

        clients = [clerk_client(i) for i in range(windows)]
        kiosk_file = Path(folder) / "kiosk.json"
        kiosk_code = codes.new_enrollment_code("bench", DeviceKind.KIOSK)
        enroll_device(kiosk_file, at, kiosk_code, DeviceKind.KIOSK)
        tickets = QueueClient.for_device(DeviceFile(kiosk_file), timeout=30)
        for n in range(3 * windows):  # a queue to start from
            tickets.issue("ABCDE"[n % 5])

        stop = time.monotonic() + seconds
        latencies: list[float] = []
        first_calls: list[float] = []  # the opening burst: every window at the same instant
        empty = [0]
        errors: list[str] = []

        def kiosk() -> None:
            n = 0
            while time.monotonic() < stop:
                t0 = time.monotonic()
                tickets.issue("ABCDE"[n % 5])
                n += 1
                time.sleep(max(0.0, 1 / KIOSK_PER_S - (time.monotonic() - t0)))

        start_line = threading.Barrier(windows)
        first_done = [False] * windows

        def window(i: int) -> None:
            rng = random.Random(i)
            client, number = clients[i], 101 + i
            start_line.wait()
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                try:
                    ticket = client.call_next(number)
                except QueueError as exc:
                    if "暂无等候" in str(exc):
                        empty[0] += 1
                        time.sleep(0.5)
                        continue
                    errors.append(str(exc))
                    continue
                (latencies if first_done[i] else first_calls).append((time.perf_counter() - t0) * 1000)
                first_done[i] = True
                client.act("start", ticket.id)
                time.sleep(min(rng.uniform(*SERVICE_S), max(0.0, stop - time.monotonic())))
                client.act("end", ticket.id)

        threads = [threading.Thread(target=kiosk)] + [
            threading.Thread(target=window, args=(i,)) for i in range(windows)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

        with store.sessions() as s:
            per_ticket = (
                select(QueueEvent.ticket_id, func.count().label("n"))
                .where(QueueEvent.kind == "呼叫")
                .group_by(QueueEvent.ticket_id)
                .subquery()
            )
            twice = s.scalar(select(func.count()).select_from(per_ticket).where(per_ticket.c.n > 1))
        store.engine.dispose()
        ordered = sorted(latencies)
        p95 = ordered[int(len(ordered) * 0.95)] if ordered else None
        burst = sorted(first_calls)
        return {
            "bench": "queue_load",
            "windows": windows,
            "center_workers": workers,
            "seconds": seconds,
            "calls": len(ordered) + len(burst),
            "calls_per_s": round((len(ordered) + len(burst)) / seconds, 1),
            "opening_burst_ms": {
                "calls": len(burst),
                "p50": round(statistics.median(burst), 1) if burst else None,
                "max": round(burst[-1], 1) if burst else None,
            },
            "call_latency_ms": {  # every call after each window's first
                "p50": round(statistics.median(ordered), 1) if ordered else None,
                "p95": round(p95, 1) if p95 is not None else None,
                "max": round(ordered[-1], 1) if ordered else None,
            },
            "target_p95_ms": TARGET_P95_MS,
            "empty_queue_answers": empty[0],
            "errors": errors[:5],
            "tickets_called_twice": twice,
            "meets_target": p95 is not None and p95 <= TARGET_P95_MS and twice == 0,
        }
    finally:
        center.terminate()
        center.wait(10)
        cleanup()
