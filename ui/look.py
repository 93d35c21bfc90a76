"""Fonts and theme: the shipped Chinese font is registered so text renders on a bare machine."""

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import FONT_FILE

THEME = "light_blue.xml"


@cache
def load_font() -> str:
    """The shipped font's family, registered once per process (a machine's own fonts may lack Chinese)."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else "Sans Serif"


def apply_look(app: QApplication) -> str:
    from qt_material import apply_stylesheet

    family = load_font()
    app.setFont(QFont(family, 10))
    apply_stylesheet(
        app,
        theme=THEME,
        invert_secondary=False,
        extra={"font_family": family, "font_size": "14px", "density_scale": "0"},
    )
    # Forms and tables read better with a little less uppercase and tighter buttons than the theme default.
    app.setStyleSheet(
        app.styleSheet() + "\nQPushButton { text-transform: none; }\nQLabel[role='error'] { color: #c62828; }\n"
    )
    return family
