"""The demo's embedded center: the same center, served on loopback from a thread of the client,
so one command gives a working system (workstation + center). A real hall runs
`python main.py center` on its own server instead."""

import socket
import threading
import time
from pathlib import Path

from app import demo
from app.actor import system_actor

DEFAULT_PORT = 8765


def _free(port: int) -> int:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EmbeddedCenter:
    def __init__(self, folder: Path):
        from db.store import open_url

        self.store = open_url(f"sqlite:///{folder / 'center.sqlite3'}", role="center")
        if demo.is_empty(self.store):
            demo.seed(self.store, system_actor("center", "demo"))
        self.server = None

    def start(self, port: int = DEFAULT_PORT) -> str:
        import uvicorn

        from app.center.server import create_app

        self.app = create_app(self.store)
        self.port = _free(port)
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        threading.Thread(target=self.server.run, daemon=True, name="embedded-center").start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("内置中心未能启动")
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def code(self) -> str:
        return self.app.state.service.new_enrollment_code("demo")

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
