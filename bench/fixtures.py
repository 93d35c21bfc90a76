"""A seeded demo store in a temporary folder, shared by the benchmarks that need one."""

import os
import tempfile
from datetime import datetime
from pathlib import Path

from app.clock import FixedClock

# The benchmarks' fixed clocks fall in February and March 2026; the demo's letters count from here.
SET_UP = FixedClock(datetime(2026, 3, 1, 8, 0))


def seeded_context(folder: Path):
    os.environ.setdefault("HALL_DATA_DIR", str(folder / "data"))
    from app import demo
    from app.context import AppContext

    ctx = AppContext.open(folder / "bench.sqlite3")
    demo.seed(ctx.store, ctx.system(), SET_UP)
    return ctx


def temp_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="hall-bench-")
