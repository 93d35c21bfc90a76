"""Every benchmark runs at a tiny size through its command line (`python -m bench NAME …`) and
prints JSON with the keys its README figures come from, so none can break silently. queue_sim has
its own test (tests/test_queue_sim.py).

To stay quick the benchmarks that seed a demo store copy the suite's one seeded store instead."""

import json
import os
import shutil
import sys

import pytest

import bench.__main__ as cli
from tests.helpers import pg_server

SMOKE = {
    "catalog_search": (
        ["--matters", "200", "--queries", "10"],
        {"matters", "queries_per_kind", "index_build_ms", "index", "naive_like", "target_p95_ms"},
    ),
    "identity": (
        ["--runs", "1"],
        {"login_local_median_ms", "login_center_median_ms", "sign_and_verify_per_mutation_ms", "target_login_ms"},
    ),
    "startup": (["--runs", "1"], {"runs", "median_login_shown_s", "rss_after_login_mb", "target_s", "target_mb"}),
    "notices": (["--runs", "1"], {"runs", "kinds", "target_warm_median_ms"}),
    "acceptance": (["--runs", "2"], {"runs", "commit_median_ms", "commit_p95_ms", "render_median_ms", "target_ms"}),
    "approval": (["--cases", "300", "--runs", "1"], {"cases", "inbox_rows", "inbox_ms", "dossier", "target_ms"}),
    "supervision": (["--cases", "200"], {"cases", "cases_in_month", "signals", "sweep_s", "report_s", "targets"}),
    "sync": (["--count", "20", "--queued", "5"], {"push", "pull", "recovery", "postgres_direct_limit", "targets"}),
    "queue_load": (
        ["--seconds", "1", "--windows", "2", "--workers", "1"],
        {"windows", "calls", "call_latency_ms", "opening_burst_ms", "tickets_called_twice", "target_p95_ms"},
    ),
}
NEEDS_POSTGRES = {"sync", "queue_load"}
ON_POSTGRES = [pytest.mark.pg, pytest.mark.slow]  # with a center of their own on it, the slowest two


@pytest.fixture
def seeded_copies(monkeypatch, demo_template, tmp_path):
    """The benchmarks' seeded stores are copies of the suite's seeded demo store."""
    from app.context import AppContext
    from bench import acceptance, approval, notices, startup

    def seeded_context(folder):
        shutil.copy(demo_template, folder / "bench.sqlite3")
        return AppContext.open(folder / "bench.sqlite3")

    for module in (acceptance, approval, notices):
        monkeypatch.setattr(module, "seeded_context", seeded_context)
    monkeypatch.setattr(startup, "_seeded_store", lambda folder: shutil.copy(demo_template, folder / "seeded.sqlite3"))
    # startup points the data folder at its own; the suite's is put back afterwards.
    monkeypatch.setenv("HALL_DATA_DIR", os.environ["HALL_DATA_DIR"])


def run_cli(monkeypatch, capsys, *argv: str) -> dict:
    monkeypatch.setattr(sys, "argv", ["python -m bench", *argv])
    assert cli.main() == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "name", [pytest.param(name, marks=ON_POSTGRES if name in NEEDS_POSTGRES else []) for name in sorted(SMOKE)]
)
def test_every_benchmark_runs_at_a_tiny_size_and_reports(name, monkeypatch, capsys, seeded_copies):
    if name in NEEDS_POSTGRES:
        pg_url = pg_server()  # skips, or fails under CI, without a server
        monkeypatch.setattr("bench.sync.PG_URL", pg_url)
        monkeypatch.setattr("bench.queue_load.PG_URL", pg_url)
    argv, keys = SMOKE[name]
    result = run_cli(monkeypatch, capsys, name, *argv)
    assert result["bench"] == name and isinstance(result["meets_target"], bool)
    assert keys <= set(result), keys - set(result)


def test_the_list_covers_every_benchmark():
    assert set(SMOKE) | {"queue_sim"} == set(cli.BENCHES)


def test_notices_draws_every_kind_including_the_centers_and_writes_samples(
    tmp_path, monkeypatch, capsys, seeded_copies
):
    from app.notices.kinds import NoticeKind

    result = run_cli(monkeypatch, capsys, "notices", "--runs", "1", "--out", str(tmp_path / "samples"))
    assert set(result["kinds"]) == {kind.value for kind in NoticeKind}
    assert all("error" not in figures for figures in result["kinds"].values()), result["kinds"]
    written = {path.stem: path.read_bytes() for path in (tmp_path / "samples").glob("*.pdf")}
    assert set(written) == {kind.value for kind in NoticeKind}
    assert all(pdf.startswith(b"%PDF") for pdf in written.values())


def test_an_option_another_benchmark_takes_is_refused(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["python -m bench", "notices", "--count", "5"])
    with pytest.raises(SystemExit):
        cli.main()
    assert "--count does not apply to notices" in capsys.readouterr().err
