"""A center served on loopback from a thread of this process, for the tests and the sync benchmark.
The demo runs its center as a process of its own (cli.demo_hall), so closing a client leaves the
hall's queue running; a real hall runs `python main.py center` on its own server."""

import socket
import threading
import time
from typing import TYPE_CHECKING

from app import demo
from app.actor import system_actor
from app.clock import Clock
from app.devices.scope import DeviceKind
from app.trust.keys import HALL_COST

if TYPE_CHECKING:  # loaded when the center starts
    import uvicorn

DEFAULT_PORT = 8765


def _free(port: int) -> int:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LoopbackCenter:
    def __init__(self, url: str, clock: Clock | None = None, key_cost: tuple[int, int, int] = HALL_COST):
        """clock: the day a new center's demo is set up (today by default; tests fix it); key_cost: the
        Argon2id cost its staff's keys are wrapped at (the hall's; tests ask for less)."""
        from app.center.server import create_app
        from db.store import open_url

        self.store = open_url(url, role="center")
        if demo.is_empty(self.store):
            demo.seed(self.store, system_actor("center", "demo"), clock, key_cost)
        self.app = create_app(self.store)
        self.app.state.leases.clear()  # this process is the only one serving it; a crashed run's leases are stale
        self.port: int | None = None
        self.server: uvicorn.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, port: int = DEFAULT_PORT) -> str:
        """Serves on `port` (or a free one); a restart keeps the port the workstations know."""
        import uvicorn

        if self.port is None:
            self.port = _free(port)
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="error"))
        self._thread = threading.Thread(target=self.server.run, daemon=True, name="loopback-center")
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("内置中心未能启动")
            time.sleep(0.02)
        return self.url

    def code(self, kind: DeviceKind = DeviceKind.WORKSTATION, window_no: int | None = None, place: str = "") -> str:
        return self.app.state.service.new_enrollment_code("demo", kind, window_no, place)

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
            self._thread.join(10)
            self.server = None
