import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from app.clock import FixedClock
from tests import helpers
from tests.helpers import QUICK_KEYS, SET_UP

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


def pytest_collection_modifyitems(items):
    """The slow tests first, in their order: each worker starts its long ones while the others share
    out the many short ones, and none is left to run alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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


@pytest.fixture(autouse=True)
def _postgres_only_when_marked(request, monkeypatch):
    """A test that reaches PostgreSQL is marked pg, so `-m "not pg"` runs none of them: an unmarked
    one fails as it reaches the server."""
    if request.node.get_closest_marker("pg") is None:

        def unmarked():
            pytest.fail(f"{request.node.nodeid} uses PostgreSQL: mark it @pytest.mark.pg")

        monkeypatch.setattr(helpers, "pg_server", unmarked)


@pytest.fixture
def mini_doc() -> dict:
    return json.loads((DATA / "mini_catalog.json").read_text(encoding="utf-8"))


@pytest.fixture
def ctx(tmp_path, mini_doc):
    """A store with the small test catalog, opened as a workstation would."""
    from app.catalog.transfer import import_document
    from app.context import AppContext
    from tests.store_templates import migrated_store

    context = AppContext.open(migrated_store(tmp_path / "hall.sqlite3"))
    import_document(context.store, context.system(), mini_doc, source="测试")
    yield context
    context.store.engine.dispose()


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 2, 12, 9, 30))  # Thursday before the 2026 Spring Festival holiday


@pytest.fixture
def acc(demo_ctx, clock):
    """Acceptance at the demo store's window, on `clock`."""
    from app.acceptance.service import AcceptanceService

    return AcceptanceService(demo_ctx.store, demo_ctx.workstation_id, clock)


@pytest.fixture
def clerk(demo_ctx):
    """C001, the clerk at window 1, logged in at the demo store."""
    from app.auth import login
    from app.demo import DEMO_PASSWORD

    return login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The full demo store, built once; tests copy it."""
    from app import demo
    from app.context import AppContext

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    context = AppContext.open(path)
    demo.seed(context.store, context.system(), SET_UP, QUICK_KEYS)
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


@pytest.fixture
def pg_demo_center():
    """A demo-seeded center store on a throw-away PostgreSQL database."""
    from db.store import open_url
    from tests.store_templates import pg_seeded_center

    store = open_url(pg_seeded_center(), role="center")
    yield store
    store.engine.dispose()


@pytest.fixture
def center(request, tmp_path):
    """A demo-seeded center on loopback with its store in the test's folder; a test marked
    ON_BOTH_BACKENDS (tests.helpers) runs again with it on a throw-away PostgreSQL schema."""
    from tests.sync_harness import pg_center, sqlite_center

    backend = getattr(request, "param", "sqlite")
    with sqlite_center(tmp_path) if backend == "sqlite" else pg_center() as serving:
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
