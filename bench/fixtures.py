"""A seeded demo store in a temporary folder, shared by the benchmarks that need one."""

import os
import tempfile
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.acceptance.model import Applicant, ApplicantKind, Person
from app.clock import FixedClock
from app.identity import DocumentKind

# The benchmarks' fixed clocks fall in February and March 2026; the demo's letters count from here.
SET_UP = FixedClock(datetime(2026, 3, 1, 8, 0))
# The applicant the benchmarks file cases for (an enterprise's notices name him as its legal person).
ZHANG = Applicant(ApplicantKind.PERSON, Person("张三", DocumentKind.ID_CARD, "11010519491231002X", "13912345678"))


def seeded_context(folder: Path):
    os.environ.setdefault("HALL_DATA_DIR", str(folder / "data"))
    from app import demo
    from app.context import AppContext

    ctx = AppContext.open(folder / "bench.sqlite3")
    demo.seed(ctx.store, ctx.system(), SET_UP)
    return ctx


def temp_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="hall-bench-")


# The benchmarks fill the store with bulk inserts of rows as dicts: an accepted application and its
# case, with the columns the acceptance service writes; each benchmark adds what else it needs.


def accepted_application(ctx, n: int, created_at: datetime, window_no: int, clerk_no: str, **more) -> dict[str, Any]:
    """Applicant n's application, accepted at window_no on created_at's day; `more`: other columns."""
    return {
        "id": str(uuid.uuid4()),
        "workstation_id": ctx.workstation_id,
        "clerk_no": clerk_no,
        "window_no": window_no,
        "created_at": created_at,
        "received_on": created_at.date(),
        "status": "已受理",
        "applicant": "{}",
        "applicant_name": f"申请人{n}",
        "outcome": "受理",
        "outcome_reason": "",
        **more,
    }


def accepted_case(
    n: int, app_id: str, matter, accepted_on: date, promised_days: int, decided: bool, **more
) -> dict[str, Any]:
    """Case QSBENCH{n} of matter (a Matter row), 28 days' statutory limit, granted (准予) if decided;
    `more`: other columns, or the id to give it."""
    return {
        "id": str(uuid.uuid4()),
        "case_no": f"QSBENCH{n:08d}",
        "application_id": app_id,
        "matter_id": matter.id,
        "matter_version_id": matter.current_version_id,
        "kind": "受理",
        "accepted_on": accepted_on,
        "statutory_due_on": accepted_on + timedelta(days=28),
        "promised_due_on": accepted_on + timedelta(days=promised_days),
        "due_provisional": False,
        "status": "已办结" if decided else "办理中",
        "decision": "准予" if decided else None,
        "extension_days": 0,
        "extension_reason": "",
        "extension_by": "",
        "paused_days": 0,
        **more,
    }
