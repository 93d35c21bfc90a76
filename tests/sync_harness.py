"""A center served on loopback from a thread, and workstations enrolled to it, for the sync tests."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.context import AppContext
from app.sync.embedded import LoopbackCenter
from app.sync.engine import SyncEngine
from tests.conftest import SET_UP


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Center(LoopbackCenter):
    """A demo-seeded center on a free loopback port, set up on the tests' day."""

    def __init__(self, url: str):
        super().__init__(url, SET_UP)

    def start(self, port: int = 0) -> str:
        return super().start(port)


@contextmanager
def sqlite_center(folder: Path) -> Iterator[Center]:
    """A demo-seeded center with its store in `folder`, serving until the block ends."""
    center = Center(f"sqlite:///{folder / 'center.sqlite3'}")
    center.start()
    try:
        yield center
    finally:
        center.stop()
        center.store.engine.dispose()


def workstation(center: Center, folder: Path, name: str) -> tuple[AppContext, SyncEngine]:
    ctx = AppContext.open(folder / f"{name}.sqlite3")
    engine = SyncEngine(ctx.store, ctx.workstation_id, timeout=3)
    engine.enroll(center.url, center.code())
    report = engine.sync(retries=0)
    assert report.ok, report.error
    ctx.catalog.invalidate()
    return ctx, engine
