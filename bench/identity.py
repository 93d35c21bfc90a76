"""identity: what proven identity costs (issue 13).

- login at the workstation: opening the person's wrapped key with their password (Argon2id and
  AES-GCM), with the failure bookkeeping and the audited login row; target ≤ 300 ms;
- login at the center: the challenge fetched, signed with the person's key, verified against
  their registered key and a session issued, over HTTP on loopback; target ≤ 300 ms;
- a mutation: signing its canonical text and verifying it as the center does; target ≤ 2 ms added
  per mutation (the `sync` benchmark measures the push as a whole)."""

import statistics
import time
from pathlib import Path

from app.auth import login
from app.demo import DEMO_PASSWORD
from app.trust.client import PersonSession
from app.trust.keys import public_of
from app.trust.signed import mutation_message, sign, verify
from bench.fixtures import SET_UP, temp_folder

RUNS = 10
TARGET_LOGIN_MS = 300.0
TARGET_SIGNATURE_MS = 2.0
MUTATION = '{"actions":[],"at":"2026-03-02T09:00:00","by":"C001","rows":[' + ",".join(['{"t":"x","v":{}}'] * 10) + "]}"


def _median_ms(work, runs: int) -> float:
    timings = []
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        timings.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(timings), 2)


def run(runs: int = RUNS) -> dict:
    from app.center.loopback import LoopbackCenter
    from app.context import AppContext
    from app.queue.client import QueueClient
    from app.sync.engine import SyncEngine

    with temp_folder() as tmp:
        folder = Path(tmp)
        center = LoopbackCenter(f"sqlite:///{folder / 'center.sqlite3'}", SET_UP)
        center.start(0)
        try:
            ctx = AppContext.open(folder / "ws.sqlite3")  # a new workstation of this hall
            engine = SyncEngine(ctx.store, ctx.workstation_id)
            engine.enroll(center.url, center.code())
            assert engine.sync(retries=0).ok  # the staff list, with each person's wrapped key
            local = _median_ms(lambda: login(ctx.store, ctx.workstation_id, "C001", DEMO_PASSWORD), runs)
            clerk = login(ctx.store, ctx.workstation_id, "C001", DEMO_PASSWORD)
            client = QueueClient(ctx.store, ctx.workstation_id)
            http = client._client()

            def at_the_center() -> None:
                PersonSession(clerk).token(http)

            remote = _median_ms(at_the_center, runs)
            message = mutation_message(ctx.workstation_id, 1, MUTATION)
            public = public_of(clerk.key)
            many = 200

            def signatures() -> None:
                for _ in range(many):
                    assert verify(public, message, sign(clerk.key, message))

            per_mutation = round(_median_ms(signatures, max(3, runs // 2)) / many, 3)
            ctx.store.engine.dispose()
        finally:
            center.stop()
            center.store.engine.dispose()
    return {
        "bench": "identity",
        "runs": runs,
        "login_local_median_ms": local,
        "login_center_median_ms": remote,
        "sign_and_verify_per_mutation_ms": per_mutation,
        "target_login_ms": TARGET_LOGIN_MS,
        "target_signature_ms": TARGET_SIGNATURE_MS,
        "meets_target": local <= TARGET_LOGIN_MS and remote <= TARGET_LOGIN_MS and per_mutation <= TARGET_SIGNATURE_MS,
    }
