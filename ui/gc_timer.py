"""Python's cyclic garbage collector, run from a timer on the UI thread instead of wherever an
allocation trips its threshold. Left automatic, a collection can start inside Qt's own work (a
dialog closing, a signal being delivered) or on a worker thread of run_in_background, and destroy
Qt objects caught in reference cycles at a moment Qt still uses them: the client crashed so, in
the middle of a collection, while a preview closed and a report was being fetched. Large
PySide/PyQt programs (calibre, pyqtgraph) run the collector the same way."""

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class UiThreadCollector(QObject):
    """Collects each generation when it is over its threshold, as the automatic collector would,
    but only on the timer. For an application this program created: never the tests' own, whose
    other tests rely on the automatic collector."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(INTERVAL_MS)
        gc.disable()

    def collect(self) -> None:
        counts, limits = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):  # the oldest due: a collection of it takes the younger ones too
            if counts[generation] > limits[generation]:
                gc.collect(generation)
                return
