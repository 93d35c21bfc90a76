"""Stores built once per test process and copied for each test: on SQLite an empty store at the
newest schema (what a first start leaves before it creates the workstation) and a center's store
with the demo seeded; on PostgreSQL a database holding that center, which each test clones (the
role the tests use creates databases). Migrating and seeding again for every workstation and
center was most of the time the sync tests took; what each test starts from is the same. The
databases go when the test process ends."""

import atexit
import shutil
import tempfile
import uuid
from functools import cache
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from app import demo
from app.actor import system_actor
from db.store import Store, open_sqlite, open_url
from tests import helpers
from tests.helpers import QUICK_KEYS, SET_UP


@cache
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="hall-test-templates-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@cache
def _migrated() -> Path:
    path = _folder() / "migrated.sqlite3"
    open_sqlite(path).engine.dispose()
    return path


def _seed_center(url: str) -> None:
    """Seeded as app.center.loopback.LoopbackCenter seeds an empty center, on the tests' day."""
    store: Store = open_url(url, role="center")
    demo.seed(store, system_actor("center", "demo"), SET_UP, QUICK_KEYS)
    store.engine.dispose()


@cache
def _seeded_center() -> Path:
    path = _folder() / "center.sqlite3"
    _seed_center(f"sqlite:///{path}")
    return path


def _database_url(server: str, name: str) -> str:
    return make_url(server).set(database=name).render_as_string(hide_password=False)


@cache
def _databases(server: str) -> list[str]:
    """The databases this test process made on `server`, dropped together when it ends: each drop
    waits for a checkpoint, which after the first has little left to write."""
    made: list[str] = []

    def drop_all() -> None:
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in reversed(made):
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()

    atexit.register(drop_all)
    return made


def _create_database(server: str, prefix: str, template: str | None = None) -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    _databases(server).append(name)
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else "")))
    admin.dispose()
    return name


@cache
def _pg_seeded_center(server: str) -> str:
    """The name of a database holding a seeded center, made once per test process."""
    name = _create_database(server, "hall_template")
    _seed_center(_database_url(server, name))
    return name


def pg_seeded_center() -> str:
    """The url of a database of its own on the test PostgreSQL holding a seeded center."""
    server = helpers.pg_server()
    return _database_url(server, _create_database(server, "hall_center", template=_pg_seeded_center(server)))


def migrated_store(path: Path) -> Path:
    """`path`, where an empty store at the newest schema is put unless a store is there already;
    opening it creates this machine's workstation, with an id and a key of its own."""
    return _put(_migrated, path)


def seeded_center_store(path: Path) -> Path:
    """`path`, where a center's store with the demo seeded is put unless a store is there already;
    the center's services add the rest when it opens."""
    return _put(_seeded_center, path)


def _put(template, path: Path) -> Path:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(template(), path)
    return path
