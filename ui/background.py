"""The one way to run long work (PDF rendering, imports, reports) off the UI thread.
The work gets plain arguments and returns plain data; results come back by signal."""

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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


_alive: set[_Relay] = set()
T = TypeVar("T")


def run_in_background(
    work: Callable[[], T],
    on_done: Callable[[T], object],
    on_failed: Callable[[Exception], object],
    owner: QObject | None = None,
) -> None:
    """owner: the widget or controller the result is for; once it is gone (its window closed),
    the result is dropped instead of reaching a deleted widget. Work that polls on a timer names
    its owner."""
    # The relay stays with its owner once it has answered: deleting it then (deleteLater) raced
    # the worker thread still inside the signal's emission, and crashed (8 runs in 30 of
    # tests/gui/test_sync_status.py). A few bytes per job, gone with the page.
    relay = _Relay(owner)
    if owner is None:
        _alive.add(relay)

    def finish(callback, value) -> None:
        _alive.discard(relay)
        callback(value)

    relay.done.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda exc: finish(on_failed, exc))
    QThreadPool.globalInstance().start(_Job(work, relay))
