"""The client joining the demo hall: each stage of the start (the center seeding its store on a
fresh machine, enrollment, download, devices) is shown in the progress dialog while it runs, and a
new store that cannot join the hall says why and does not open an empty client."""

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from cli.demo_hall import DemoHall, DemoHallError
from ui import client

SEEDING = "首次启动：正在启动中心并载入青山县演示数据和往月办件，约需一分钟…"


class StagedHall(DemoHall):
    """A hall whose start says what the real one says first, then waits to be seen."""

    def __init__(self, db_path, seen: threading.Event, fail: bool = False):
        super().__init__(db_path, port=1)
        self.seen, self.fail = seen, fail

    def start(self, engine, say) -> None:
        say(SEEDING)
        assert self.seen.wait(15), "the stage was never shown"
        if self.fail:
            raise DemoHallError("中心未能启动（详见 center.log）")


def watch_for(text: str, seen: threading.Event) -> QTimer:
    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible() and widget.labelText() == text:
                seen.set()

    timer = QTimer(interval=20, timeout=look)
    timer.start()
    return timer


def test_the_center_seeding_on_a_fresh_machine_is_shown(qtbot, tmp_path):
    from app.context import AppContext

    ctx = AppContext.open(tmp_path / "hall.sqlite3")  # a fresh machine: no store yet
    seen = threading.Event()
    timer = watch_for(SEEDING, seen)
    assert client.start_demo_hall(ctx, StagedHall(ctx.store.path, seen))
    timer.stop()
    assert seen.is_set()
    ctx.store.engine.dispose()


def test_a_new_store_that_cannot_join_says_why_and_the_client_does_not_open(qtbot, tmp_path, monkeypatch):
    from app.context import AppContext

    shown: list[str] = []
    monkeypatch.setattr(client.QMessageBox, "critical", lambda _parent, title, text: shown.append(f"{title}：{text}"))
    ctx = AppContext.open(tmp_path / "hall.sqlite3")
    seen = threading.Event()
    timer = watch_for(SEEDING, seen)
    assert not client.start_demo_hall(ctx, StagedHall(ctx.store.path, seen, fail=True))
    timer.stop()
    assert shown == ["演示大厅未能启动：中心未能启动（详见 center.log）"]
    ctx.store.engine.dispose()


def test_a_store_seeded_on_its_own_runs_without_the_hall(qtbot, demo_ctx):
    hall = DemoHall(demo_ctx.store.path, port=1)
    assert not hall.wanted(demo_ctx.sync_engine())
    assert client.start_demo_hall(demo_ctx, hall)  # nothing started, the client opens
    assert not (demo_ctx.store.path.parent / "demo").exists()
