"""Starting one of the hall's devices (kiosk, display board, rating pad): its own device file
gives the center's address and the device's credential (app.devices.credential); the device
window runs full-screen."""

import os
import sys
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QWidget

from app.devices.credential import DeviceFile
from app.logs import setup_logging
from app.queue.client import QueueClient
from ui.look import apply_look
from ui.qt_chinese import install_chinese


def run_device(file: DeviceFile, title: str, make: Callable[[QueueClient], QWidget], screen: int | None = None) -> int:
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(title)
    apply_look(app)
    install_chinese(app)
    window = make(QueueClient.for_device(file))
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
