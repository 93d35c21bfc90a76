import gc

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _collect_on_the_ui_thread():
    """Python's collector runs as the client runs it (ui/gc_timer.py): never on a worker thread of
    run_in_background while a test waits, where a collection can destroy Qt objects Qt still uses
    (a GUI test's worker died so once, under the whole suite's load). Once the test is over the
    automatic collector is back, between tests, on this thread: other tests rely on it. (A full
    collection after each GUI test cost the suite over a minute.)"""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def opened_window(qtbot, ctx, staff_no: str):
    """The main window of a demo person logged in at `ctx`, shown and active."""
    from app.auth import login
    from app.demo import DEMO_PASSWORD
    from ui.main_window import MainWindow

    window = MainWindow(ctx, login(ctx.store, ctx.workstation_id, staff_no, DEMO_PASSWORD))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


@pytest.fixture
def themed(request):
    """The client's look (qt-material, 14 px), which sets the real sizes of buttons, fields and
    cells; later tests run unthemed again."""
    from ui.look import apply_look

    app = QApplication.instance()
    plain_style, plain_font = app.styleSheet(), app.font()
    apply_look(app)
    request.addfinalizer(lambda: (app.setStyleSheet(plain_style), app.setFont(plain_font)))


@pytest.fixture
def themed_window(qtbot, demo_ctx, themed):
    """make(staff_no): the main window of a demo person under the client's look, active, with no
    preview dialogs; its calling bar has had its first answer and asks no more (an answer arriving
    after the window is gone would fail the next test)."""
    from ui.main_window import MainWindow

    def make(staff_no: str) -> MainWindow:
        window = opened_window(qtbot, demo_ctx, staff_no)
        window.catalog.preview_enabled = False
        if window.acceptance is not None:
            window.acceptance.preview_enabled = False
        if window.queue is not None:
            qtbot.waitUntil(lambda: not window.queue.busy)
            window.queue.timer.stop()
        return window

    return make


@pytest.fixture
def page(qtbot, demo_ctx):
    """The main window of C001, the clerk at window 1, on the acceptance page, with no preview
    dialogs (tests.gui.keyboard drives it)."""
    window = opened_window(qtbot, demo_ctx, "C001")
    window.acceptance.preview_enabled = False
    return window
