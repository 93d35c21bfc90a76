"""The one background helper: work runs off the UI thread and its result comes back by signal, to
its owner only while the owner lives (a page closed at logout while a poll was in flight)."""

import threading

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget

from ui.background import run_in_background


def test_the_result_reaches_a_living_owner_on_the_ui_thread(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    got: list[tuple] = []
    run_in_background(
        lambda: threading.get_ident(), lambda r: got.append((r, threading.get_ident())), got.append, owner
    )
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    ((worker, ui),) = got
    assert ui == threading.main_thread().ident and worker != ui


def test_a_result_for_an_owner_gone_meanwhile_is_dropped(qtbot):
    owner, release, got = QWidget(), threading.Event(), []

    def slow():
        release.wait(5)
        return "late"

    run_in_background(slow, got.append, got.append, owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5000)
    release.set()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(100)  # a queued delivery would land now
    assert got == []
