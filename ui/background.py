"""The one way to run long work (PDF rendering, imports, reports) off the UI thread.
The work gets plain arguments and returns plain data; results come back by signal.

Nothing the work holds may be released on the worker thread. Its closure often holds the last
reference to an object a Qt signal of the UI thread is connected to (an export's cancel Event is
connected to its progress dialog's canceled): released there, PySide disconnects that signal from
the worker thread while the UI thread may be deleting the dialog, and the process dies (a worker
died so under load in tests/gui/test_dossier_page.py). So the worker leaves the work and its
answer in a mailbox and drops its own references before it signals; the UI thread takes them out
and they are released there."""

import itertools
import threading
from collections.abc import Callable
from typing import TypeVar, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal


class _Relay(QObject):
    answered = Signal()  # the answer waits in the mailbox under the job's key


# Job key -> (succeeded, the result or the exception, the work itself).
_mailbox: dict[int, tuple[bool, object, object]] = {}
_mailbox_lock = threading.Lock()
_keys = itertools.count()


def _take(key: int) -> tuple[bool, object, object] | None:
    with _mailbox_lock:
        return _mailbox.pop(key, None)


class _Job(QRunnable):
    def __init__(self, key: int, work: Callable[[], object], relay: _Relay):
        super().__init__()
        self.key, self.relay = key, relay
        self.work: Callable[[], object] | None = work

    def run(self) -> None:
        work, self.work = self.work, None
        assert work is not None, "a job runs once"
        try:
            answer = (True, work())
        except Exception as exc:  # handed to the UI thread, which shows it
            answer = (False, exc)
        with _mailbox_lock:
            _mailbox[self.key] = (*answer, work)
        del work, answer  # from here this thread holds nothing of the work's
        # The relay goes with its owner: a page closed (a logout) while its work ran hears nothing.
        # Its answer is dropped when the relay is destroyed; one left after that stays, a rare small
        # leak rather than a release on this thread.
        if shiboken6.isValid(self.relay):
            self.relay.answered.emit()


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
    # The relay always has a parent on the UI thread (the owner, else the application), so no
    # worker thread destroys it. Deleting it as soon as it answered raced the worker still inside
    # the emission (8 runs in 30 of tests/gui/test_sync_status.py): it goes a while later.
    key = next(_keys)
    relay = _Relay(owner if owner is not None else QCoreApplication.instance())

    def answered() -> None:
        taken = _take(key)
        if taken is None:
            return
        QTimer.singleShot(SPENT_RELAY_MS, relay.deleteLater)
        succeeded, value, _work = taken
        if succeeded:
            on_done(cast(T, value))
        else:
            on_failed(cast(Exception, value))

    relay.answered.connect(answered)
    # An owner gone before its answer was taken: the answer is dropped here, on the UI thread.
    relay.destroyed.connect(lambda: _take(key))
    QThreadPool.globalInstance().start(_Job(key, work, relay))
