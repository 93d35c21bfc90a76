"""approval: the inbox of a chief with 2,000 open cases among 200,000 (target <= 100 ms). The
cases are written straight into a seeded store: 2,000 open in the chief's department
(市场监管), 18,000 open elsewhere and 180,000 decided. The dossier half of this benchmark
(target <= 500 ms) waits for the dossier, which is not built yet."""

import statistics
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from app.approval.service import ApprovalService
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from bench.fixtures import seeded_context, temp_folder
from db.models import Application, Case, Department, Matter

TOTAL, MINE, OPEN_ELSEWHERE = 200_000, 2_000, 18_000
TARGET_MS = 100.0
RUNS = 7
TODAY = date(2026, 3, 16)


def _fill(ctx) -> None:
    with ctx.store.sessions() as s:
        scjg = s.scalar(select(Department.id).where(Department.code == "SCJG"))
        matters = s.execute(select(Matter.id, Matter.current_version_id, Matter.department_id)).all()
    mine = [m for m in matters if m.department_id == scjg]
    others = [m for m in matters if m.department_id != scjg]
    applications, cases = [], []
    for n in range(TOTAL):
        matter = mine[n % len(mine)] if n < MINE else others[n % len(others)]
        is_open = n < MINE + OPEN_ELSEWHERE
        accepted = TODAY - timedelta(days=n % 20 if is_open else 30 + n % 300)
        app_id = str(uuid.uuid4())
        applications.append(
            {
                "id": app_id,
                "workstation_id": ctx.workstation_id,
                "clerk_no": "C001",
                "window_no": 1,
                "created_at": datetime.combine(accepted, datetime.min.time()),
                "received_on": accepted,
                "status": "已受理",
                "applicant": "{}",
                "applicant_name": f"申请人{n}",
                "outcome": "受理",
                "outcome_reason": "",
            }
        )
        cases.append(
            {
                "id": str(uuid.uuid4()),
                "case_no": f"QSBENCH{n:08d}",
                "application_id": app_id,
                "matter_id": matter.id,
                "matter_version_id": matter.current_version_id,
                "kind": "受理",
                "accepted_on": accepted,
                "statutory_due_on": accepted + timedelta(days=28),
                "promised_due_on": accepted + timedelta(days=7),
                "due_provisional": False,
                "status": "办理中" if is_open else "已办结",
                "decision": None if is_open else "准予",
                "extension_days": 0,
                "extension_reason": "",
                "extension_by": "",
                "paused_days": 0,
            }
        )
    with ctx.store.sessions.begin() as s:
        s.execute(insert(Application), applications)
        s.execute(insert(Case), cases)


def run() -> dict:
    with temp_folder() as tmp:
        ctx = seeded_context(Path(tmp))
        _fill(ctx)
        chief = login(ctx.store, ctx.workstation_id, "S001", DEMO_PASSWORD)
        service = ApprovalService(
            ctx.store, ctx.workstation_id, FixedClock(datetime.combine(TODAY, datetime.min.time()))
        )
        timings, rows = [], []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            rows = service.inbox(chief)
            timings.append((time.perf_counter() - t0) * 1000)
        ctx.store.engine.dispose()
    return {
        "bench": "approval",
        "cases": TOTAL,
        "inbox_rows": len(rows),
        "inbox_ms": {"median": round(statistics.median(timings), 1), "max": round(max(timings), 1)},
        "target_ms": TARGET_MS,
        "dossier": "not built yet",
        "meets_target": statistics.median(timings) <= TARGET_MS and len(rows) == MINE,
    }
