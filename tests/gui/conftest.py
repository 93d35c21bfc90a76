import pytest
from PySide6.QtWidgets import QApplication


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
    from app.auth import login
    from app.demo import DEMO_PASSWORD
    from ui.main_window import MainWindow

    def make(staff_no: str) -> MainWindow:
        actor = login(demo_ctx.store, demo_ctx.workstation_id, staff_no, DEMO_PASSWORD)
        window = MainWindow(demo_ctx, actor)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitActive(window):
            window.activateWindow()
        window.catalog.preview_enabled = False
        if window.acceptance is not None:
            window.acceptance.preview_enabled = False
        if window.queue is not None:
            qtbot.waitUntil(lambda: not window.queue.busy)
            window.queue.timer.stop()
        return window

    return make
