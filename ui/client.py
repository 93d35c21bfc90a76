"""Starting the clerk's client: open the local store (with recovery choices), join the demo hall
(its center and devices run in processes of their own), then log in and show the main window;
logging out returns to the login."""

import logging
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEventLoop, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from app.context import AppContext
from app.errors import DomainError
from app.logs import setup_logging
from db import backup
from db.migrate import DatabaseTooNew
from db.store import StoreUnreadable
from ui.background import run_in_background
from ui.gc_timer import UiThreadCollector
from ui.login_dialog import LoginDialog
from ui.look import apply_look
from ui.qt_chinese import install_chinese

if TYPE_CHECKING:
    from app.sync.engine import SyncEngine  # the HTTP stack is not needed to show the login

log = logging.getLogger(__name__)


class ProcessFolder(Protocol):
    folder: Path  # where the hall's processes keep their ids and logs


class DemoHall(Protocol):
    """The demo hall the client joins (cli.demo_hall.DemoHall, which the command line passes in:
    ui/ never imports the entry points)."""

    @property
    def url(self) -> str: ...

    @property
    def processes(self) -> ProcessFolder: ...

    def wanted(self, engine: "SyncEngine") -> bool: ...

    def start(self, engine: "SyncEngine", say: Callable[[str], None]) -> None: ...


def ask_recovery(exc: StoreUnreadable, has_backup: bool) -> str:
    """Asks what to do with a damaged store: "restore", "new" or "quit"."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "本地数据库损坏",
        f"{exc}\n\n请选择处理方式。无论选择哪一项，损坏的文件都会改名保留，不会被覆盖。",
    )
    restore = box.addButton("恢复最近的自动备份", QMessageBox.ButtonRole.AcceptRole) if has_backup else None
    fresh = box.addButton("新建空数据库", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore is not None and box.clickedButton() is restore:
        return "restore"
    return "new" if box.clickedButton() is fresh else "quit"


def open_context(db_path: Path, ask: Callable[[StoreUnreadable, bool], str] = ask_recovery) -> AppContext | None:
    """Opens the store; a damaged file is never overwritten silently: the user chooses."""
    while True:
        try:
            return AppContext.open(db_path)
        except DatabaseTooNew as exc:
            QMessageBox.critical(None, "数据库版本过新", str(exc))
            return None
        except StoreUnreadable as exc:
            log.error("store unreadable: %s", exc)
            choice = ask(exc, bool(backup.list_backups(db_path)))
            if choice == "restore":
                backup.restore_latest(db_path)
            elif choice == "new":
                backup.set_aside(db_path)
            else:
                return None


class _Stage(QObject):
    """Carries what long start-up work is doing from its thread to the progress dialog."""

    text = Signal(str)


def with_progress(text: str, work: Callable[[Callable[[str], None]], object]):
    """Long work at start-up, off the UI thread, with a busy indicator. The work is given `say`,
    which puts a new line of text in the dialog."""
    progress = QProgressDialog(text, "", 0, 0)
    progress.setCancelButton(None)  # the work runs to its end
    progress.setWindowTitle("请稍候")
    progress.setMinimumDuration(0)
    progress.setMinimumWidth(420)
    stage = _Stage()
    stage.text.connect(progress.setLabelText)
    progress.show()
    loop = QEventLoop()
    results: list = []
    errors: list[Exception] = []

    def done(result: object) -> None:
        results.append(result)
        loop.quit()

    def failed(exc: Exception) -> None:
        errors.append(exc)
        loop.quit()

    run_in_background(lambda: work(stage.text.emit), done, failed)
    loop.exec()
    progress.close()
    if errors:
        raise errors[0]
    return results[0]


def start_demo_hall(ctx: AppContext, hall: DemoHall) -> bool:
    """The demo: the center in its own process (started, or found running), this workstation
    enrolled to it, reference data pulled, the devices started. False when the client cannot run
    (a new store that could not join the hall)."""
    engine = ctx.sync_engine()
    if not hall.wanted(engine):
        return True
    first = not engine.enrolled()
    try:
        with_progress("正在启动演示大厅…", lambda say: hall.start(engine, say))
    except (DomainError, OSError) as exc:
        log.error("demo hall: %s", exc)
        QMessageBox.critical(None, "演示大厅未能启动", str(exc))
        return not first
    print(
        f"演示大厅已就绪：中心 {hall.url}，取号机、叫号屏、1 号窗口评价器各在自己的窗口中运行。\n"
        f"关闭客户端后它们继续运行；停止：./dev.sh demo stop（进程号在 {hall.processes.folder}）。",
        flush=True,
    )
    return True


def run_client(db_path: Path, hall: DemoHall | None = None) -> int:
    """hall: join the demo hall (`./dev.sh demo`); None runs the client alone."""
    setup_logging()
    running = QApplication.instance()  # the tests' own, where there is one
    app = running if isinstance(running, QApplication) else QApplication(sys.argv)
    if running is None:
        UiThreadCollector(app)
    app.setApplicationName("政务服务中心前台系统")
    apply_look(app)
    install_chinese(app)
    ctx = open_context(db_path)
    if ctx is None:
        return 2
    if hall is not None and not start_demo_hall(ctx, hall):
        return 1
    while True:
        dialog = LoginDialog(ctx)
        if not dialog.exec() or dialog.actor is None:
            return 0
        from ui.main_window import MainWindow  # after login: the login window comes up first

        window = MainWindow(ctx, dialog.actor)
        window.logout_requested.connect(window.close)
        logged_out: list[bool] = []
        window.logout_requested.connect(partial(logged_out.append, True))
        window.showMaximized()
        app.exec()
        if not logged_out:
            return 0  # the demo hall's center and devices keep running
        # Logged out: the window and the dialog go, and with them the last references to the
        # person's key (the session at the center was ended by the window's closeEvent).
        window.deleteLater()
        dialog.deleteLater()
