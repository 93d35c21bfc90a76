"""A center served on loopback from a thread, and workstations enrolled to it, for the sync tests."""

import socket
from pathlib import Path

from app.context import AppContext
from app.devices.credential import DeviceFile
from app.devices.enrollment import enroll_device
from app.devices.scope import DeviceKind
from app.sync.embedded import LoopbackCenter
from app.sync.engine import SyncEngine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Center(LoopbackCenter):
    """A demo-seeded center on a free loopback port."""

    def start(self, port: int = 0) -> str:
        return super().start(port)


def workstation(center: Center, folder: Path, name: str) -> tuple[AppContext, SyncEngine]:
    ctx = AppContext.open(folder / f"{name}.sqlite3")
    engine = SyncEngine(ctx.store, ctx.workstation_id, timeout=3)
    engine.enroll(center.url, center.code())
    report = engine.sync(retries=0)
    assert report.ok, report.error
    ctx.catalog.invalidate()
    return ctx, engine


def device(center: Center, folder: Path, kind: DeviceKind, window_no: int | None = None) -> DeviceFile:
    """A kiosk, board or rating pad enrolled to the center with a code made for its kind."""
    file = DeviceFile(folder / f"{kind}-{window_no or ''}.json")
    enroll_device(file.path, center.url, center.code(kind, window_no), kind)
    return file
