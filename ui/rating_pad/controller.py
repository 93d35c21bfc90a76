"""The rating pad's behaviour: follow the window's service at the center and send the rating."""

from PySide6.QtCore import QObject, QTimer

from app.queue.dto import Rating, RatingPad, WindowState
from ui.background import run_in_background
from ui.rating_pad.view import RatingPadView

POLL_MS = 2000


class RatingPadController(QObject):
    def __init__(self, view: RatingPadView, client: RatingPad):
        super().__init__(view)
        self.view, self.client = view, client
        self.in_flight = False
        view.rated.connect(self.rate)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.poll)
        self.timer.start(POLL_MS)
        self.poll()

    def poll(self) -> None:
        if self.in_flight or self.view.pending_level is not None:
            return  # never change what the applicant is looking at mid-rating
        self.in_flight = True
        run_in_background(lambda: self.client.window_state(self.view.window_no), self._shown, self._failed, owner=self)

    def _shown(self, state: WindowState) -> None:
        self.in_flight = False
        self.view.show_window(state)

    def _failed(self, exc: Exception) -> None:
        self.in_flight = False
        self.view.say(f"{exc}　正在重试…", error=True)

    def rate(self, level: int, reason: str) -> None:
        def done(result: Rating) -> None:
            self.view.reset()
            self.view.say(f"感谢您的评价！（{result.label}号）")
            self.poll()

        def refused(exc: Exception) -> None:
            self.view.say(str(exc), error=True)

        run_in_background(lambda: self.client.rate(self.view.window_no, level, reason), done, refused)
