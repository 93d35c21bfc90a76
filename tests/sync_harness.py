"""A center served on loopback from a thread, and workstations enrolled to it, for the sync tests."""

import socket
import threading
import time
from pathlib import Path

import uvicorn

from app import demo
from app.actor import system_actor
from app.center.server import create_app
from app.context import AppContext
from app.sync.engine import SyncEngine
from db.store import Store, open_url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Center:
    def __init__(self, url: str):
        self.store: Store = open_url(url, role="center")
        demo.seed(self.store, system_actor("center", "pytest"))
        self.port = free_port()
        self.app = create_app(self.store)
        self.server: uvicorn.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="error"))
        thread = threading.Thread(target=self.server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("center did not start")
            time.sleep(0.02)
        self._thread = thread

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
            self._thread.join(10)
            self.server = None

    def code(self) -> str:
        return self.app.state.service.new_enrollment_code("M001")


def workstation(center: Center, folder: Path, name: str) -> tuple[AppContext, SyncEngine]:
    ctx = AppContext.open(folder / f"{name}.sqlite3")
    engine = SyncEngine(ctx.store, ctx.workstation_id, timeout=3)
    engine.enroll(center.url, center.code())
    report = engine.sync(retries=0)
    assert report.ok, report.error
    ctx.catalog.invalidate()
    return ctx, engine
