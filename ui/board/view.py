"""The display board (叫号屏): the current call at each window, the recent calls, the waiting
count per category and the tidal windows. Names arrive masked from the center (张*). The type is
sized for a screen 768 pixels high and shrinks with a shorter one (1366×768 at 125 %, a television
at 150 %), so that every window's row stays on the screen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.queue.dto import Board
from ui.palette import (
    BOARD_ALERT,
    BOARD_BUTTON,
    BOARD_CALLED,
    BOARD_GROUND,
    BOARD_HEADING,
    BOARD_RULE,
    BOARD_TEXT,
    BOARD_TITLE,
)

REFERENCE_HEIGHT = 768
# px at full size; "ticket", the number called, stands out in its window's row ("cell").
SIZES = {
    "title": 40,
    "clock": 28,
    "mute": 18,
    "banner": 56,
    "side": 26,
    "heading": 26,
    "status": 22,
    "cell": 32,
    "ticket": 36,
}


def board_style(scale: float) -> str:
    px = {name: max(12, round(size * scale)) for name, size in SIZES.items()}
    return f"""
* {{ background: {BOARD_GROUND}; color: {BOARD_TEXT}; }}
QLabel#title {{ font-size: {px["title"]}px; font-weight: bold; color: {BOARD_TITLE}; }}
QLabel#clock {{ font-size: {px["clock"]}px; }}
QPushButton#mute {{ font-size: {px["mute"]}px; color: {BOARD_GROUND}; background: {BOARD_BUTTON}; }}
QLabel#banner {{ font-size: {px["banner"]}px; font-weight: bold; color: {BOARD_CALLED}; }}
QLabel#side {{ font-size: {px["side"]}px; }}
QLabel#heading {{ font-size: {px["heading"]}px; color: {BOARD_HEADING}; border-bottom: 1px solid {BOARD_RULE}; }}
QLabel#status {{ font-size: {px["status"]}px; color: {BOARD_ALERT}; }}
QLabel#cell {{ font-size: {px["cell"]}px; }}
QLabel#ticket {{ font-size: {px["ticket"]}px; color: {BOARD_CALLED}; }}
"""


def _named(widget, name: str):
    widget.setObjectName(name)
    return widget


HEADINGS = ("窗口", "号码", "申请人")  # the columns of the calls, in the grid


class BoardView(QWidget):
    def __init__(self, hall_name: str = ""):
        super().__init__()
        self.scale = 1.0
        self.setStyleSheet(board_style(self.scale))
        self.title = title = _named(QLabel(), "title")
        self.show_hall(hall_name)
        self.clock = _named(QLabel(""), "clock")
        self.mute = _named(QPushButton("静音（M）"), "mute")
        self.mute.setCheckable(True)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch()
        top.addWidget(self.clock)
        top.addWidget(self.mute)

        self.banner = _named(QLabel(""), "banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.calls = QGridLayout()
        self.recent = _named(QLabel(""), "side")
        self.recent.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.waiting = _named(QLabel(""), "side")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status = _named(QLabel(""), "status")

        side = QVBoxLayout()
        side.addWidget(self._heading("最近呼叫"))
        side.addWidget(self.recent)
        side.addWidget(self._heading("等候人数"))
        side.addWidget(self.waiting)
        side.addStretch()
        body = QHBoxLayout()
        grid_box = QVBoxLayout()
        grid_box.addLayout(self.calls)  # its headings are its first row, aligned with the columns
        grid_box.addStretch()
        body.addLayout(grid_box, 3)
        body.addSpacing(40)
        body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 20)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)

    def show_hall(self, name: str) -> None:
        """The center's name from the hall's settings (none until they are read)."""
        self.title.setText(f"{name} · 叫号信息" if name else "叫号信息")

    def fit_screen(self, height: int) -> None:
        """The type for a screen this many (logical) pixels high."""
        scale = min(1.0, height / REFERENCE_HEIGHT)
        if abs(scale - self.scale) > 0.01:
            self.scale = scale
            self.setStyleSheet(board_style(scale))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.screen() is not None:
            self.fit_screen(self.screen().geometry().height())

    @staticmethod
    def _heading(text: str) -> QLabel:
        return _named(QLabel(text), "heading")

    def show_board(self, board: Board) -> None:
        while (item := self.calls.takeAt(0)) is not None:
            widget = item.widget()  # the calls are labels
            if widget is not None:
                widget.deleteLater()
        for col, heading in enumerate(HEADINGS):
            self.calls.addWidget(self._heading(heading), 0, col)
        tidal = {t.window_no: t.category_code for t in board.tidal}
        for row, w in enumerate(board.windows, 1):
            mark = f"（潮汐·{tidal[w.window_no]}）" if w.window_no in tidal else ""
            for col, text in enumerate([f"{w.window_no} 号窗口{mark}", w.label, w.name or ""]):
                self.calls.addWidget(_named(QLabel(text), "ticket" if col == 1 else "cell"), row, col)
        self.recent.setText("<br>".join(f"{c.label} → {c.window_no} 号窗口" for c in board.recent) or "暂无")
        waiting = [f"{c.code} {c.name}：{c.waiting} 人" for c in board.waiting]
        waiting += [f"指定 {w.window_no} 号窗口：{w.waiting} 人" for w in board.for_windows]
        if tidal:
            waiting.append("潮汐窗口：" + "、".join(f"{n} 号（{code}类）" for n, code in sorted(tidal.items())))
        self.waiting.setText("<br>".join(waiting))
        headline = board.headline  # gone once its service has ended
        self.banner.setText(f"请 {headline.label} 号到 {headline.window_no} 号窗口办理" if headline else "")
        self.clock.setText(board.at[11:16])
        self.status.setText("")

    def offline(self, text: str) -> None:
        self.status.setText(text)
