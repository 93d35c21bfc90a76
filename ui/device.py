"""Starting one of the hall's devices (kiosk, display board, rating pad): the local store gives
the center's address and this machine's credential; the device window runs full-screen."""

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from app.logs import setup_logging
from app.queue.client import QueueClient
from ui.client import open_context
from ui.look import apply_look
from ui.qt_chinese import install_chinese


def run_device(db_path: Path, title: str, make: Callable[[QueueClient], QWidget], screen: int | None = None) -> int:
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(title)
    apply_look(app)
    install_chinese(app)
    ctx = open_context(db_path)  # the client's recovery choices for a damaged store
    if ctx is None:
        return 2
    window = make(QueueClient(ctx.store, ctx.workstation_id))
    window.setWindowTitle(title)
    screens = app.screens()
    if screen is not None and screens:
        target = screens[screen % len(screens)]  # -1: the last screen, where a board usually hangs
        window.setScreen(target)
        window.move(target.geometry().topLeft())
    if os.environ.get("HALL_WINDOWED"):  # for trying a device on a desktop next to the client
        window.resize(1280, 800)
        window.show()
    else:
        window.showFullScreen()
    return app.exec()
