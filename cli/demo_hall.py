"""The demo hall on one machine (`./dev.sh demo`): the center in its own process on the port the
README names, with its own store in the data folder and seeded with the demo county on its first
start; this workstation enrolled to it like any other; and the hall's devices (kiosk, board, the
rating pad of window 1) in windows of their own, printing tickets to PDF files in the data folder.

Every one of them outlives the client that started it: closing the client leaves the hall's queue
running. A second start finds the center answering on the port and the devices alive, and reuses
them. `main.py demo stop` ends them; their process ids are in <data folder>/demo/."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from app import demo
from app.devices.credential import DeviceFile
from app.devices.enrollment import enroll_device
from app.devices.scope import DeviceKind
from app.errors import DomainError
from app.sync.engine import SyncEngine
from cli.detached import Detached

DEMO_PORT = 8765
CENTER = "center"
# Each device has its own enrollment, made with a code for its kind (a pad: for its window), in
# its own device file in the data folder; none of them ever holds the workstation's credential.
DEVICES = {
    "kiosk": (DeviceKind.KIOSK, None),
    "board": (DeviceKind.BOARD, None),
    "rating-pad": (DeviceKind.RATING_PAD, 1),
}
TITLES = {CENTER: "中心", "kiosk": "取号机", "board": "叫号屏", "rating-pad": "1 号窗口评价器"}
START_TIMEOUT_S = 180  # a first start seeds the center's store before it serves


class DemoHallError(DomainError):
    pass


@dataclass
class DemoHall:
    db_path: Path  # the client's store; the devices open it too
    port: int = DEMO_PORT

    @classmethod
    def of(cls, db_path: Path, port: int | None) -> "DemoHall":
        """The hall of a data folder: on `port` when one is named; else on the port its center was
        last started on, so a client started again without --port joins that center instead of
        starting a second one on DEMO_PORT over the same store; else on DEMO_PORT."""
        if port is None:
            try:
                port = int(cls(db_path).port_file.read_text(encoding="ascii"))
            except (OSError, ValueError):
                port = DEMO_PORT
        return cls(db_path, port)

    @property
    def folder(self) -> Path:
        return self.db_path.parent

    @property
    def port_file(self) -> Path:
        return self.folder / "demo" / "center.port"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def center_store(self) -> Path:
        return self.folder / "center.sqlite3"

    @property
    def processes(self) -> Detached:
        return Detached(self.folder / "demo")

    def wanted(self, engine: SyncEngine) -> bool:
        """A new store joins the demo hall; a store enrolled to this folder's demo center stays in
        it. A store seeded on its own, or enrolled to a real center, runs without it."""
        if not engine.enrolled():
            return demo.is_empty(engine.store)
        return self.center_store.exists()

    # -- starting -------------------------------------------------------------------------------

    def start(self, engine: SyncEngine, say: Callable[[str], None]) -> None:
        """Center, enrollment, reference data, devices; `say` reports each stage."""
        first = not engine.enrolled()
        if self.ensure_center(say):
            if first and not self.center_store.exists():
                raise DemoHallError(
                    f"端口 {self.port} 上运行的中心不是本数据目录的演示中心，无法自动注册；"
                    "请先停止它，或用 enroll 命令注册到它。"
                )
            say(f"已连接正在运行的中心（{self.url}）…")
        if first:
            say("正在把本工作站注册到中心…")
            engine.enroll(self.url, self.enrollment_code())
        else:
            engine.move_center(self.url)  # enrolled to an earlier demo center on another port
        self.port_file.write_text(f"{self.port}\n", encoding="ascii")
        say("正在下载事项目录、人员和工作日历…")
        report = engine.sync(retries=2)
        if first and not report.ok:
            raise DemoHallError(f"未能从中心下载演示数据：{report.error}")
        say("正在启动取号机、叫号屏和评价器…")
        self.start_devices()

    def ensure_center(self, say: Callable[[str], None]) -> bool:
        """Starts the center unless one answers on the port; True when it was already running."""
        if self._health() is not None:
            return True
        first = not self.center_store.exists()
        seeding = "首次启动：正在启动中心并载入青山县演示数据和往月办件，约需一分钟…"
        say(seeding if first else f"正在启动中心（端口 {self.port}）…")
        url = f"sqlite:///{self.center_store}"
        args = [CENTER, "serve", "--seed-demo", "--url", url, "--host", "127.0.0.1", "--port", str(self.port)]
        args += ["--log-level", "warning"]  # the devices poll it all day: no line per request
        self.processes.start(CENTER, args)
        self._wait_for_center()
        return False

    def _wait_for_center(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        log = self.processes.log_file(CENTER)
        while self._health() is None:
            if self.processes.running(CENTER) is None:
                raise DemoHallError(f"中心未能启动（详见 {log}）：\n{self.processes.log_tail(CENTER)}")
            if time.monotonic() > deadline:
                raise DemoHallError(f"中心在 {START_TIMEOUT_S} 秒内没有响应（详见 {log}）。")
            time.sleep(0.25)

    def _health(self) -> dict | None:
        """The center's answer on the port; None when nothing listens there."""
        from db import migrate

        try:
            response = httpx.get(f"{self.url}/health", timeout=2)
        except httpx.TransportError:
            return None
        try:
            body = response.json() if response.status_code == 200 else {}
        except ValueError:
            body = {}
        if body.get("status") != "ok" or "schema" not in body:
            raise DemoHallError(f"端口 {self.port} 已被其他程序占用，无法启动中心。")
        if body["schema"] != migrate.head_revision():
            raise DemoHallError(
                f"端口 {self.port} 上运行的中心来自另一版本的程序；请先停止它（./dev.sh demo stop）再启动演示。"
            )
        return body

    def enrollment_code(self, kind: DeviceKind = DeviceKind.WORKSTATION, window_no: int | None = None) -> str:
        """A one-time code for a kind of machine, made in the center's store as `main.py center
        code` would."""
        from app.center.service import CenterService
        from db import migrate
        from db.store import open_url

        store = open_url(f"sqlite:///{self.center_store}", role="center")
        try:
            return CenterService(store, migrate.head_revision()).new_enrollment_code("demo", kind, window_no)
        finally:
            store.engine.dispose()

    def start_devices(self) -> list[str]:
        """Starts the devices not already running; returns their names."""
        env = {"HALL_WINDOWED": "1", "HALL_TICKET_PDF_DIR": str(self.folder / "tickets")}
        started = []
        for name, (kind, window_no) in DEVICES.items():
            if self.processes.running(name) is None:
                file = self.device_file(name)
                if file.read() is None:
                    enroll_device(file.path, self.url, self.enrollment_code(kind, window_no), kind)
                self.processes.start(name, [name, "--file", str(file.path)], env)
                started.append(name)
        return started

    def device_file(self, name: str) -> DeviceFile:
        return DeviceFile(self.folder / "demo" / f"{name}.json")

    # -- stopping -------------------------------------------------------------------------------

    def stop(self) -> list[str]:
        """Ends the devices, then the center; returns the titles of those that were running."""
        return [TITLES[name] for name in [*DEVICES, CENTER] if self.processes.stop(name)]
