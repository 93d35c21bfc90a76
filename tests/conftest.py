import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from app.clock import FixedClock
from db.scratch_schema import scratch_schema

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
# The day every test sets the demo up: its authorization letters run from 90 days before to a year
# after, around the fixed clocks the tests use (February to April 2026), whatever today is.
SET_UP = FixedClock(datetime(2026, 3, 1, 8, 0))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test fails: CI installs everything the tests use, so a skip there
    means a check silently stopped running."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true: {report.longrepr}"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    # Nothing a test does may touch the user's real data folder.
    monkeypatch.setenv("HALL_DATA_DIR", str(tmp_path / "userdata"))


@pytest.fixture
def mini_doc() -> dict:
    return json.loads((DATA / "mini_catalog.json").read_text(encoding="utf-8"))


@pytest.fixture
def ctx(tmp_path, mini_doc):
    """A store with the small test catalog, opened as a workstation would."""
    from app.catalog.transfer import import_document
    from app.context import AppContext

    context = AppContext.open(tmp_path / "hall.sqlite3")
    import_document(context.store, context.system(), mini_doc, source="测试")
    yield context
    context.store.engine.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The full demo store, built once; tests copy it."""
    from app import demo
    from app.context import AppContext

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    context = AppContext.open(path)
    demo.seed(context.store, context.system(), SET_UP)
    context.store.engine.dispose()
    return path


@pytest.fixture
def demo_ctx(tmp_path, demo_template):
    import shutil

    from app.context import AppContext

    target = tmp_path / "hall.sqlite3"
    shutil.copy(demo_template, target)
    context = AppContext.open(target)
    yield context
    context.store.engine.dispose()


DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pg_schema_url(prefix: str = "hall_test"):
    """A fresh schema on the test PostgreSQL: (url that uses it, cleanup). Skips where no server
    answers, except under CI=true, where PostgreSQL is required and its absence fails the test."""
    pg_url = os.environ.get("HALL_TEST_PG_URL", DEFAULT_PG_URL)
    try:
        return scratch_schema(pg_url, prefix)
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI but not reachable at {pg_url}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {pg_url} (set HALL_TEST_PG_URL): {exc}")


@pytest.fixture
def pg_demo_center():
    """A demo-seeded center store on a throw-away PostgreSQL schema."""
    from app import demo
    from app.actor import system_actor
    from db.store import open_url

    url, cleanup = pg_schema_url("hall_center")
    store = open_url(url, role="center")
    demo.seed(store, system_actor("center", "test"), SET_UP)
    yield store
    store.engine.dispose()
    cleanup()


@pytest.fixture
def center(tmp_path):
    """A demo-seeded center on loopback with its store in the test's folder (a module that needs
    both backends defines its own)."""
    from tests.sync_harness import sqlite_center

    with sqlite_center(tmp_path) as serving:
        yield serving


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    """A center with one enrolled machine of each kind and a revoked one of each (tests.center_hall)."""
    from tests.center_hall import Hall

    hall = Hall(tmp_path_factory.mktemp("hall"))
    yield hall
    hall.http.close()
    hall.center.stop()
    hall.store.engine.dispose()
