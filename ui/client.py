"""Starting the clerk's client: open the local store (with recovery choices), seed the demo on first
start, then log in and show the main window; logging out returns to the login."""

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from app import demo
from app.context import AppContext
from app.logs import setup_logging
from app.sync.embedded import LoopbackCenter
from app.sync.engine import SyncEngine
from db import backup
from db.migrate import DatabaseTooNew
from db.store import StoreUnreadable
from ui.background import run_in_background
from ui.login_dialog import LoginDialog
from ui.look import apply_look
from ui.qt_chinese import install_chinese

log = logging.getLogger(__name__)


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


def with_progress(text: str, work):
    """Long work at start-up, off the UI thread, with a busy indicator."""
    progress = QProgressDialog(text, None, 0, 0)
    progress.setWindowTitle("请稍候")
    progress.setMinimumDuration(0)
    progress.show()
    loop = QEventLoop()
    results: list = []
    errors: list[Exception] = []
    run_in_background(work, lambda r: (results.append(r), loop.quit()), lambda exc: (errors.append(exc), loop.quit()))
    loop.exec()
    progress.close()
    if errors:
        raise errors[0]
    return results[0]


def start_demo_center(ctx: AppContext, folder: Path) -> LoopbackCenter | None:
    """The demo: an embedded center on loopback, this workstation enrolled to it, reference data
    pulled from it. A store seeded on its own before this existed keeps running stand-alone."""
    engine = SyncEngine(ctx.store, ctx.workstation_id)
    first = not engine.enrolled() and demo.is_empty(ctx.store)
    if not first and not (engine.enrolled() and (folder / "center.sqlite3").exists()):
        return None

    def work() -> LoopbackCenter:
        center = LoopbackCenter(f"sqlite:///{folder / 'center.sqlite3'}")
        url = center.start()
        if first:
            engine.enroll(url, center.code())
        else:
            engine.move_center(url)
        engine.sync(retries=0)
        return center

    text = "首次启动：正在启动内置中心并下载演示数据（青山县政务服务中心）…" if first else "正在启动内置中心…"
    center = with_progress(text, work)
    ctx.catalog.invalidate()
    return center


def run_client(db_path: Path, seed_demo: bool = True) -> int:
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("政务服务中心前台系统")
    apply_look(app)
    install_chinese(app)
    ctx = open_context(db_path)
    if ctx is None:
        return 2
    center = start_demo_center(ctx, db_path.parent) if seed_demo else None
    while True:
        dialog = LoginDialog(ctx)
        if not dialog.exec() or dialog.actor is None:
            return 0
        from ui.main_window import MainWindow  # after login: the login window comes up first

        window = MainWindow(ctx, dialog.actor)
        window.logout_requested.connect(window.close)
        window.logout_requested.connect(lambda: setattr(app, "hall_logged_out", True))
        app.hall_logged_out = False
        window.showMaximized()
        app.exec()
        if not app.hall_logged_out:
            if center is not None:
                center.stop()
            return 0
