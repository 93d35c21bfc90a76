"""The Qt runtime the client relies on all day: PySide6 6.12.0 dropped a reference to True on every
Python signal emit, so a client aborted ("bool_dealloc") after a few thousand background jobs.
A release with that fault must fail here, not at a window in the afternoon."""

import sys

from PySide6.QtCore import QObject, Signal


class _Relay(QObject):
    done = Signal(object)


def test_emitting_signals_keeps_reference_counts(qtbot):
    relay = _Relay()
    seen = []
    relay.done.connect(seen.append)
    before = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    for i in range(200):
        relay.done.emit(i)
    after = sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)
    assert len(seen) == 200
    assert all(a >= b - 5 for a, b in zip(after, before, strict=True)), (before, after)
