"""Starting one of the hall's devices (kiosk, display board, rating pad): its own device file
gives the center's address and the device's credential (app.devices.credential); the device
window runs full-screen."""

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget

from app.devices.credential import DeviceFile
from app.logs import setup_logging
from app.queue.client import QueueClient
from ui.gc_timer import UiThreadCollector
from ui.look import apply_look
from ui.qt_chinese import install_chinese
from ui.screen_fit import fit_to_screen

WINDOWED = QSize(1280, 800)


def run_device(file: DeviceFile, title: str, make: Callable[[QueueClient], QWidget], screen: int | None = None) -> int:
    setup_logging()
    running = QApplication.instance()  # the tests' own, where there is one
    app = running if isinstance(running, QApplication) else QApplication(sys.argv)
    if running is None:
        UiThreadCollector(app)
    app.setApplicationName(title)
    apply_look(app)
    install_chinese(app)
    window = make(QueueClient.for_device(file))
    window.setWindowTitle(title)
    screens = app.screens()
    # -1: the last screen, where a board usually hangs
    target = screens[screen % len(screens)] if screen is not None and screens else None
    show_device(window, target, windowed=bool(os.environ.get("HALL_WINDOWED")))
    return app.exec()


def show_device(window: QWidget, screen: QScreen | None, windowed: bool) -> None:
    """Full screen on its screen; windowed (for trying a device on a desktop next to the client)
    as large as that screen's available area allows, so nothing is cut off at its bottom."""
    if screen is not None:
        window.setScreen(screen)
        window.move(screen.geometry().topLeft())
    if windowed:
        fit_to_screen(window, WINDOWED)
        window.show()
    else:
        window.showFullScreen()
