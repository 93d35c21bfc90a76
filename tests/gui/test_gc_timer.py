"""The client's garbage collection runs on the UI thread's timer only (ui/gc_timer.py)."""

import gc

import pytest
from PySide6.QtCore import QObject

from ui.gc_timer import UiThreadCollector


@pytest.fixture
def automatic_afterwards():
    yield
    gc.enable()  # the other tests run with the automatic collector


def test_the_collector_runs_only_on_the_timer_and_collects_what_is_due(qtbot, automatic_afterwards):
    owner = QObject()
    collector = UiThreadCollector(owner)
    assert not gc.isenabled() and collector.timer.isActive()
    for _ in range(gc.get_threshold()[0] + 100):  # cycles enough to pass the youngest threshold
        a: list = []
        a.append(a)
    assert gc.get_count()[0] > gc.get_threshold()[0]  # nothing collected them by itself
    collector.collect()
    assert gc.get_count()[0] < gc.get_threshold()[0]
