"""A chief posted at a window gets the calling bar; the board drops a call's headline once its
service has ended, and names the window a booking's ticket waits for."""

from app.auth import login
from app.demo import DEMO_PASSWORD
from app.queue.service import QueueService
from tests.helpers import MONDAY_9, Ticking
from ui.board.view import BoardView
from ui.main_window import MainWindow


def test_a_chief_posted_at_window_6_has_the_calling_bar(qtbot, demo_ctx):
    chief = login(demo_ctx.store, demo_ctx.workstation_id, "S001", DEMO_PASSWORD)
    window = MainWindow(demo_ctx, chief)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.queue is not None and "6 号窗口" in window.queue_panel.title.text()
    assert window.queue_panel.isVisible() and window.queue.window_no == 6
    reviewer = login(demo_ctx.store, demo_ctx.workstation_id, "R001", DEMO_PASSWORD)
    unposted = MainWindow(demo_ctx, reviewer)
    qtbot.addWidget(unposted)
    assert unposted.queue is None  # posted nowhere: nothing to call


def test_the_board_headline_goes_when_the_service_ends(qtbot, demo_ctx):
    queue = QueueService(demo_ctx.store, demo_ctx.workstation_id, clock=Ticking(MONDAY_9))
    board = BoardView("青山县政务服务中心")
    qtbot.addWidget(board)
    ticket = queue.issue("A")
    queue.call_next("S001", 6)
    board.show_board(queue.board())
    assert board.banner.text() == f"请 {ticket.label} 号到 6 号窗口办理"
    queue.start("S001", ticket.id)
    queue.end("S001", ticket.id)
    board.show_board(queue.board())
    assert board.banner.text() == ""
    assert ticket.label in board.recent.text()  # the recent calls keep it


def test_the_board_names_the_window_a_ticket_waits_for(qtbot, demo_ctx):
    queue = QueueService(demo_ctx.store, demo_ctx.workstation_id, clock=Ticking(MONDAY_9))
    board = BoardView("青山县政务服务中心")
    qtbot.addWidget(board)
    queue.issue("A", "预约", target_window=9)
    board.show_board(queue.board())
    assert "指定 9 号窗口：1 人" in board.waiting.text()
    assert "A 企业开办：0 人" in board.waiting.text()
