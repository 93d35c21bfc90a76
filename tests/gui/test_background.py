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


class _Held:
    """Notes the thread it is released on."""

    def __init__(self, released_on: list[bool]):
        self.released_on = released_on

    def __del__(self):
        self.released_on.append(threading.current_thread() is threading.main_thread())


def test_what_the_work_holds_is_released_on_the_ui_thread_answered_or_failed(qtbot):
    """A work's closure may hold the last reference to an object a UI signal is connected to (an
    export's cancel Event, to its dialog's canceled): released on the worker, PySide disconnected
    that signal there while the UI thread deleted the dialog, and the process died."""
    released_on: list[bool] = []
    got: list[object] = []

    def holding(held: _Held, fails: bool):
        def work() -> str:
            if fails:  # the traceback holds this frame, and so `held`, too
                raise ValueError(f"无法连接中心 {held}")
            return "done"

        return work

    for fails in (False, True):
        run_in_background(holding(_Held(released_on), fails), got.append, got.append)
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    assert "done" in got and any(isinstance(g, ValueError) for g in got)
    got.clear()  # the exception, its traceback and its frame go with it
    qtbot.waitUntil(lambda: len(released_on) == 2, timeout=5000)
    assert released_on == [True, True]
