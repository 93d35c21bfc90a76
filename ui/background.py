"""The one way to run long work (PDF rendering, imports, reports) off the UI thread.
The work gets plain arguments and returns plain data; results come back by signal."""

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay):
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the UI thread, which shows it
            self._deliver(self.relay.failed, exc)
        else:
            self._deliver(self.relay.done, result)

    def _deliver(self, signal, value) -> None:
        # The relay goes with its owner: a page closed (a logout) while its work ran hears nothing.
        if shiboken6.isValid(self.relay):
            signal.emit(value)


T = TypeVar("T")
# How long an answered relay is kept before it is deleted: its worker has long since left the
# emission by then (it returns right after it), so the deletion cannot meet it.
SPENT_RELAY_MS = 60_000


def run_in_background(
    work: Callable[[], T],
    on_done: Callable[[T], object],
    on_failed: Callable[[Exception], object],
    owner: QObject | None = None,
) -> None:
    """owner: the widget or controller the result is for; once it is gone (its window closed),
    the result is dropped instead of reaching a deleted widget. Work that polls on a timer names
    its owner."""
    # The relay always has a parent on the UI thread (the owner, else the application), so the
    # worker thread never deletes it: a parentless relay lived only through the job's reference
    # once it had answered, and the pool deleting the job on its thread deleted the relay there
    # too, a QObject of the UI thread destroyed on another (a worker died so under load in
    # tests/gui/test_dossier_page.py). Deleting it as soon as it answered raced the worker still
    # inside the emission (8 runs in 30 of tests/gui/test_sync_status.py): it goes a while later.
    relay = _Relay(owner if owner is not None else QCoreApplication.instance())

    def finish(callback, value) -> None:
        QTimer.singleShot(SPENT_RELAY_MS, relay.deleteLater)
        callback(value)

    relay.done.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda exc: finish(on_failed, exc))
    QThreadPool.globalInstance().start(_Job(work, relay))
