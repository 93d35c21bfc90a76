"""The center's name on a device's screen (kiosk, board), from the hall's settings at the center:
read off the UI thread at start and every few minutes, so a renamed center shows without a restart."""

from PySide6.QtCore import QObject, QTimer

from app.hall_settings.dto import HallSettings
from ui.background import run_in_background

REFRESH_MS = 5 * 60_000
RETRY_MS = 10_000  # the device's own polling tells the public when the center is unreachable


class HallName(QObject):
    """view: a widget with show_hall(name)."""

    def __init__(self, view, client: HallSettings):
        super().__init__(view)
        self.view, self.client = view, client
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.fetch)
        self.fetch()

    def fetch(self) -> None:
        run_in_background(lambda: self.client.center().center_name, self._shown, self._failed, owner=self)

    def _shown(self, name: str) -> None:
        self.view.show_hall(name)
        self.timer.start(REFRESH_MS)

    def _failed(self, _exc: Exception) -> None:
        self.timer.start(RETRY_MS)
