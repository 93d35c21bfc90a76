"""Fonts and theme: the shipped Chinese font is registered so text renders on a bare machine."""

import atexit
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

import psutil
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import FONT_FILE
from ui.palette import ALERT

THEME = "light_blue.xml"


@cache
def load_font() -> str:
    """The shipped font's family, registered once per process (a machine's own fonts may lack Chinese)."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else "Sans Serif"


ICONS = Path(tempfile.gettempdir()) / "hall-icons"


@cache
def _icon_folder() -> str:
    """qt_material writes its icons at every start after emptying their folder (~/.qt_material by
    default): processes starting at once, as the demo's client, kiosk, board and pad do, would
    delete each other's icons mid-write. Each process writes its own, named by its id and removed
    when it exits; those of processes that were killed are removed by the next start."""
    for folder in ICONS.glob("*"):
        if not (folder.name.isdigit() and psutil.pid_exists(int(folder.name))):
            shutil.rmtree(folder, ignore_errors=True)
    mine = ICONS / str(os.getpid())
    atexit.register(shutil.rmtree, mine, True)
    return str(mine)


def apply_look(app: QApplication) -> str:
    from qt_material import apply_stylesheet

    family = load_font()
    app.setFont(QFont(family, 10))
    apply_stylesheet(
        app,
        theme=THEME,
        invert_secondary=False,
        extra={"font_family": family, "font_size": "14px", "density_scale": "0"},
        parent=_icon_folder(),
    )
    # Forms and tables read better with a little less uppercase and tighter buttons than the theme
    # default. The theme pads each column heading by 24 px a side: at 1366×768 the approval inbox's
    # nine headings alone then needed more than its table's width, and dates scrolled off.
    app.setStyleSheet(
        app.styleSheet()
        + "\nQPushButton { text-transform: none; }\n"
        + "QHeaderView::section { padding: 0 8px; }\n"
        + f"QLabel[role='error'] {{ color: {ALERT}; }}\n"
    )
    return family
