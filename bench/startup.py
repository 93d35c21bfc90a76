"""startup: process start to the login window shown (median of 5 runs, on an already-seeded demo
store, as a clerk starts the client each morning), and resident memory after logging in."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
ROOT = Path(__file__).resolve().parents[1]
TARGET_S, TARGET_MB = 1.5, 200


def _seeded_store(folder: Path) -> Path:
    from app import demo
    from app.context import AppContext

    path = folder / "seeded.sqlite3"
    ctx = AppContext.open(path)
    demo.seed(ctx.store, ctx.system())
    ctx.store.engine.dispose()
    return path


def _one_run(template: Path, folder: Path, index: int) -> tuple[float, float]:
    db = folder / f"run{index}.sqlite3"
    shutil.copy(template, db)
    env = {**os.environ, "HALL_DATA_DIR": str(folder / f"data{index}")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.startup_probe", str(db)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    shown_s, rss_mb = None, None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("LOGIN_SHOWN") and shown_s is None:
            shown_s = time.perf_counter() - t0
        elif line.startswith("RSS_MB"):
            rss_mb = float(line.split()[1])
    proc.wait(timeout=60)
    if shown_s is None or rss_mb is None:
        raise RuntimeError(f"startup probe failed (exit {proc.returncode})")
    return shown_s, rss_mb


def run(runs: int = RUNS) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["HALL_DATA_DIR"] = str(folder / "seed")
        template = _seeded_store(folder)
        measured = [_one_run(template, folder, i) for i in range(runs)]
    times = [t for t, _ in measured]
    memory = [m for _, m in measured]
    return {
        "bench": "startup",
        "runs": runs,
        "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "login_shown_s": [round(t, 3) for t in times],
        "median_login_shown_s": round(statistics.median(times), 3),
        "rss_after_login_mb": round(statistics.median(memory), 1),
        "target_s": TARGET_S,
        "target_mb": TARGET_MB,
        "meets_target": statistics.median(times) <= TARGET_S and statistics.median(memory) <= TARGET_MB,
    }
