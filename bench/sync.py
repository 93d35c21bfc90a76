"""sync: against a PostgreSQL center (HALL_BENCH_PG_URL, default the local test database, in a
schema of its own): push N realistic case mutations (targets ≥ 5,000/s), pull N reference rows
(≥ 10,000/s), and the time from the center coming back to an empty outbox (≤ 10 s). In the same
run, the same case rows inserted straight into PostgreSQL give the limit to compare with.

A case mutation is what one acceptance writes (application, its matter, 7 checklist items, the
case) without the notice PDF, whose bytes would only measure the network."""

import json
import os
import time
import uuid
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.orm import Session

from app.acceptance.model import Decision, ItemStatus, Outcome
from app.auth import login
from app.center.loopback import LoopbackCenter
from app.clock import FixedClock
from app.context import AppContext
from app.demo import DEMO_PASSWORD
from app.replication import insert_new
from app.sync.engine import SyncEngine
from app.trust.signed import mutation_message, sign
from app.uow import next_mutation_id
from bench.fixtures import ZHANG, temp_folder
from db.models import OutboxEntry, RefLog
from db.scratch_schema import scratch_schema

PG_URL = os.environ.get("HALL_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TARGETS = {"push_per_s": 5000, "pull_per_s": 10000, "recovery_s": 10}


def _template(ctx: AppContext) -> tuple[dict, object]:
    """The rows of one real acceptance, captured as the unit of work sends them (notice left out),
    and the clerk's key that signs them."""
    clerk = login(ctx.store, ctx.workstation_id, "C001", DEMO_PASSWORD)
    acc = ctx.acceptance
    acc.clock = FixedClock(datetime(2026, 3, 2, 9, 0))
    prep = acc.prepare(matter_id=ctx.catalog.search("spjyxk")[0].id)
    for item in prep.items:
        item.status = ItemStatus.RECEIVED
        item.condition_holds = item.required or False
    acc.decide(clerk, prep, ZHANG, Decision(Outcome.ACCEPT))
    with ctx.store.sessions() as s:
        last = (
            s.query(OutboxEntry)
            .filter(OutboxEntry.workstation_id == ctx.workstation_id)
            .order_by(OutboxEntry.mutation_id.desc())
            .first()
        )
        payload = json.loads(last.payload)
    payload["rows"] = [r for r in payload["rows"] if r["t"] != "notices"]
    return payload, clerk.key


def _fresh(payload: dict, n: int) -> dict:
    """The same acceptance with new ids and numbers."""
    ids: dict[str, str] = {}
    rows = []
    for row in payload["rows"]:
        v = dict(row["v"])
        for key in ("id", "application_id"):
            if key in v and v[key] is not None:
                v[key] = ids.setdefault(v[key], str(uuid.uuid4()))
        if "case_no" in v and row["t"] == "cases":
            v["case_no"] = f"QSBENCH{n:09d}"
        rows.append({**row, "v": v})
    return {**payload, "rows": rows, "actions": []}


def _queue(ctx: AppContext, template: tuple[dict, object], first: int, count: int) -> None:
    """Puts `count` case mutations in the outbox, as `count` acceptances made offline would,
    each signed by the clerk as the unit of work signs it (the center verifies every one)."""
    payload, key = template
    ws = ctx.workstation_id
    with ctx.store.sessions.begin() as s:
        start_id = next_mutation_id(s, ws)
        texts = [json.dumps(_fresh(payload, first + i), ensure_ascii=False) for i in range(count)]
        s.execute(
            insert(OutboxEntry),
            [
                {
                    "mutation_id": start_id + i,
                    "workstation_id": ws,
                    "created_at": datetime.now(),
                    "entity": "application",
                    "entity_id": "",
                    "op": "application.accept",
                    "payload": text,
                    "signature": sign(key, mutation_message(ws, start_id + i, text)),
                    "status": "pending",
                    "reason": "",
                }
                for i, text in enumerate(texts)
            ],
        )


def run(count: int = 100_000, queued: int = 500) -> dict:
    result: dict = {"bench": "sync", "mutations": count, "queued_offline": queued, "targets": TARGETS}
    with temp_folder() as tmp:
        url, cleanup = scratch_schema(PG_URL, "hall_bench")
        center = LoopbackCenter(url)
        center.start(0)
        try:
            ctx = AppContext.open(Path(tmp) / "ws.sqlite3")
            engine = SyncEngine(ctx.store, ctx.workstation_id, timeout=120)
            engine.enroll(center.url, center.code())
            engine.sync(retries=0)
            ctx.catalog.invalidate()
            template = _template(ctx)
            engine.sync(retries=0)

            # Push: queue `count` case mutations, then time an empty outbox.
            _queue(ctx, template, first=0, count=count)
            t0 = time.perf_counter()
            report = engine.sync(retries=0)
            push_s = time.perf_counter() - t0
            result["push"] = {
                "ok": report.ok,
                "applied": report.pushed,
                "seconds": round(push_s, 2),
                "per_s": round(report.pushed / push_s),
            }

            # The limit: the same rows inserted straight into PostgreSQL, by COPY in one transaction.
            limit_rows = [row for i in range(count) for row in _fresh(template[0], count + i)["rows"]]
            direct = create_engine(url)
            t0 = time.perf_counter()
            with Session(direct) as s, s.begin():
                insert_new(s, limit_rows)
            direct_s = time.perf_counter() - t0
            result["postgres_direct_limit"] = {"seconds": round(direct_s, 2), "per_s": round(count / direct_s)}

            # Pull: `count` reference rows appended at the center, pulled by a new workstation.
            with center.store.sessions.begin() as s:
                head = s.execute(text("SELECT coalesce(max(seq), 0) FROM ref_log")).scalar()
                dept = s.execute(text("SELECT row FROM ref_log WHERE table_name = 'departments' LIMIT 1")).scalar()
                base = json.loads(dept)
                s.execute(
                    insert(RefLog),
                    [
                        {
                            "seq": head + i + 1,
                            "table_name": "departments",
                            "op": "upsert",
                            "row": json.dumps(
                                {**base, "v": {**base["v"], "id": str(uuid.uuid4()), "code": f"B{i:07d}"}}
                            ),
                        }
                        for i in range(count)
                    ],
                )
            with center.store.engine.connect() as conn:  # as autovacuum would after such growth
                conn.exec_driver_sql("ANALYZE ref_log")
                conn.commit()
            fresh = AppContext.open(Path(tmp) / "ws2.sqlite3")
            puller = SyncEngine(fresh.store, fresh.workstation_id, timeout=120)
            puller.enroll(center.url, center.code())
            t0 = time.perf_counter()
            pulled = puller.sync(retries=0).pulled
            pull_s = time.perf_counter() - t0
            result["pull"] = {"rows": pulled, "seconds": round(pull_s, 2), "per_s": round(pulled / pull_s)}

            # Recovery: the workstation is up to date, the center goes away, work queues up, the
            # center returns. The bulk setup above left a large SQLite WAL; fold it in first so its
            # checkpoint is not timed here.
            engine.sync(retries=0)
            with ctx.store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            center.stop()
            _queue(ctx, template, first=3 * count, count=queued)
            assert not engine.sync(retries=0).ok
            center.start()
            t0 = time.perf_counter()
            while engine.status().pending:
                engine.sync(retries=0)
            result["recovery"] = {"queued": queued, "seconds_to_empty_outbox": round(time.perf_counter() - t0, 2)}
            direct.dispose()
        finally:
            center.stop()
            center.store.engine.dispose()
            cleanup()
    result["meets_target"] = (
        result["push"]["per_s"] >= TARGETS["push_per_s"]
        and result["pull"]["per_s"] >= TARGETS["pull_per_s"]
        and result["recovery"]["seconds_to_empty_outbox"] <= TARGETS["recovery_s"]
    )
    return result
