"""Top-level windows and dialogs sized to the screen they open on: the size a window would like,
but never more than the screen's available area (the taskbar left out, room kept for the title
bar), and placed inside that area, so its buttons are never below the bottom of a 1366×768
monitor. Every window or dialog that asks for a size asks through fit_to_screen."""

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window: its title bar and borders (a window's own size
# does not include them).
FRAME = QSize(8, 34)


def screen_of(window: QWidget) -> QScreen:
    parent = window.parentWidget()
    return (parent.screen() if parent is not None else None) or window.screen() or QGuiApplication.primaryScreen()


def fitted(wanted: QSize, area: QRect) -> QRect:
    """A window that would like `wanted` in `area`: its own size, as large as fits with its frame,
    and where its frame's top-left corner goes to be centred (move() places the frame)."""
    size = wanted.boundedTo(area.size() - FRAME)
    outer = size + FRAME
    top_left = area.topLeft() + QPoint((area.width() - outer.width()) // 2, (area.height() - outer.height()) // 2)
    return QRect(top_left, size)


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    place = fitted(wanted, screen_of(window).availableGeometry())
    window.resize(place.size())
    window.move(place.topLeft())
