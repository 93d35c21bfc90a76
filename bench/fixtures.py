"""A seeded demo store in a temporary folder, shared by the benchmarks that need one."""

import os
import tempfile
from pathlib import Path


def seeded_context(folder: Path):
    os.environ.setdefault("HALL_DATA_DIR", str(folder / "data"))
    from app import demo
    from app.context import AppContext

    ctx = AppContext.open(folder / "bench.sqlite3")
    demo.seed(ctx.store, ctx.system())
    return ctx


def temp_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="hall-bench-")
