"""The hall's devices against a center on loopback: kiosk, calling bar, board and rating pad."""

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import select

from app.appointments.client import AppointmentClient
from app.appointments.dto import SlotOpening
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from app.devices.scope import DeviceKind
from app.queue.client import QueueClient
from app.queue.dto import Board, BoardCall, BoardWindow, TicketStatus
from app.queue.walk_in import WalkInService
from db.models import Appointment, Rectification, Ticket
from tests.sync_harness import Center, People, acting_for, device, workstation
from ui.board import controller as board_controller
from ui.board.controller import BoardController
from ui.board.view import BoardView
from ui.kiosk.controller import KioskController
from ui.kiosk.view import KioskView
from ui.queue.controller import QueuePanelController
from ui.queue.panel import QueuePanel
from ui.rating_pad.controller import RatingPadController
from ui.rating_pad.view import RatingPadView


def machine(center, folder, kind: DeviceKind, window_no: int | None = None, timeout: float = 3.0) -> QueueClient:
    """A kiosk's, board's or pad's client, enrolled with a code for its kind."""
    return QueueClient.for_device(device(center, folder, kind, window_no), timeout=timeout)


@pytest.fixture
def hall(tmp_path):
    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    ws, _sync = workstation(center, tmp_path, "ws")
    yield center, ws
    QThreadPool.globalInstance().waitForDone(10000)
    center.stop()
    center.store.engine.dispose()


class Voice:
    def __init__(self):
        self.said: list[str] = []
        self.muted = False

    def say(self, text: str) -> None:
        if not self.muted:
            self.said.append(text)


def _status(center, ticket_id: str) -> str:
    with center.store.sessions() as s:
        return s.get(Ticket, ticket_id).status


def test_kiosk_prints_an_80mm_ticket_and_cancels_it_when_printing_fails(qtbot, hall, tmp_path, monkeypatch):
    center, _ws = hall
    monkeypatch.setenv("HALL_TICKET_PDF_DIR", str(tmp_path / "tickets"))
    view = KioskView("青山县政务服务中心")
    qtbot.addWidget(view)
    controller = KioskController(view, machine(center, tmp_path, DeviceKind.KIOSK))
    qtbot.waitUntil(lambda: "A" in view.category_buttons, timeout=5000)
    view.id_number.setText("11010519491231002X")
    qtbot.mouseClick(view.category_buttons["A"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "A001" in view.ticket.text(), timeout=10000)
    (printed,) = (tmp_path / "tickets").glob("A001-*.pdf")
    document = QPdfDocument()
    document.load(str(printed))
    size = document.pagePointSize(0)
    assert document.pageCount() == 1 and round(size.width() / 72 * 25.4) == 80  # 80 mm paper
    qtbot.waitUntil(lambda: not controller.busy, timeout=5000)

    view.id_number.setText("11010519491231002X")  # the same person again: refused, with the reason
    qtbot.mouseClick(view.category_buttons["A"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不能重复取号" in view.message.text(), timeout=10000)

    controller.printer = lambda _label: None  # the printer is gone
    qtbot.waitUntil(lambda: not controller.busy, timeout=5000)
    qtbot.mouseClick(view.category_buttons["B"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已作废" in view.message.text(), timeout=10000)
    with center.store.sessions() as s:
        b001 = s.scalar(select(Ticket).where(Ticket.label == "B001"))
        assert b001.status == "已取消"
    board = machine(center, tmp_path, DeviceKind.BOARD)
    assert board.board().waiting[1].waiting == 0  # no phantom B001 waits to be called
    controller.timer.stop()


def test_kiosk_checks_a_booking_in_by_its_number_and_prints_its_ticket(qtbot, hall, tmp_path, monkeypatch):
    center, ws = hall
    monkeypatch.setenv("HALL_TICKET_PDF_DIR", str(tmp_path / "tickets"))
    clock = center.app.state.queue.clock = FixedClock(datetime(2026, 2, 27, 16, 0))  # appointments share it
    appointments = People(ws, AppointmentClient)
    (slot,) = appointments["M001"].open_slots(SlotOpening("B", date(2026, 3, 2), 1, times=(("09:00", "09:30"),)))
    booked = appointments["C001"].book(slot.id, "张三", "13800138000")
    clock.at = datetime(2026, 3, 2, 8, 50)
    view = KioskView("青山县政务服务中心")
    qtbot.addWidget(view)
    controller = KioskController(view, machine(center, tmp_path, DeviceKind.KIOSK))
    qtbot.waitUntil(lambda: "B" in view.category_buttons, timeout=5000)
    assert view.check_in_button.styleSheet() == view.category_buttons["B"].styleSheet()  # touch-sized alike

    qtbot.mouseClick(view.check_in_button, Qt.MouseButton.LeftButton)  # nothing typed yet: told what to type
    assert "预约号、身份证号码或预约时登记的手机号" in view.message.text()
    keys = {b.text(): b for b in view.findChildren(QPushButton) if len(b.text()) == 1}
    for digit in booked.booking_no:  # typed on the screen's own keypad
        qtbot.mouseClick(keys[digit], Qt.MouseButton.LeftButton)
    assert view.id_number.text() == booked.booking_no
    qtbot.mouseClick(view.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "B001" in view.ticket.text(), timeout=10000)
    assert "已签到，排队号 B001" in view.message.text() and view.id_number.text() == ""
    (printed,) = (tmp_path / "tickets").glob("B001-*.pdf")
    document = QPdfDocument()
    document.load(str(printed))
    assert document.pageCount() == 1
    with center.store.sessions() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.label == "B001"))
        assert (ticket.priority, ticket.status) == ("预约", "等候")
        assert s.get(Appointment, booked.id).ticket_id == ticket.id
    qtbot.waitUntil(lambda: not controller.busy, timeout=5000)

    view.id_number.setText(booked.booking_no)  # once more: nothing left to check in, with the reason
    qtbot.mouseClick(view.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "没有找到今天待签到的预约" in view.message.text(), timeout=10000)
    assert view.id_number.text() == booked.booking_no  # kept, to correct
    controller.timer.stop()


class BoardAnswers:
    """A board source answering as the center would: the calls made so far, and in `announce`
    those after the seq it is asked for."""

    def __init__(self, *polls: list[BoardCall]):
        self.polls = list(polls)  # the calls made before each poll
        self.made: list[BoardCall] = []
        self.asked: list[int] = []

    def board(self, after_seq: int = 0) -> Board:
        self.asked.append(after_seq)
        self.made += self.polls.pop(0) if self.polls else []
        announce = [c for c in self.made if c.seq > after_seq]
        seq = max([0, *(c.seq for c in self.made)])
        return Board("2026-03-02T09:00:00", [], None, self.made[-8:], announce, [], [], [], seq)


def test_a_board_that_came_up_on_an_empty_hall_speaks_the_first_call(qtbot, monkeypatch):
    monkeypatch.setattr(board_controller, "POLL_MS", 50)
    board = BoardView("青山县政务服务中心")
    qtbot.addWidget(board)
    voice = Voice()
    source = BoardAnswers([], [BoardCall(4, "A001", 1, "王**")])  # an empty hall; then the first call
    controller = BoardController(board, source, voice)
    qtbot.waitUntil(lambda: voice.said == ["请A001号到1号窗口办理"], timeout=5000)
    assert source.asked[:2] == [0, 0]
    controller.timer.stop()


def test_a_call_reaches_the_board_masked_and_spoken_and_the_pad_rates_it(qtbot, hall, tmp_path, monkeypatch):
    center, ws = hall
    kiosk = machine(center, tmp_path, DeviceKind.KIOSK)
    monkeypatch.setattr(board_controller, "POLL_MS", 200)
    board = BoardView("青山县政务服务中心")
    qtbot.addWidget(board)
    voice = Voice()
    board_ctl = BoardController(board, machine(center, tmp_path, DeviceKind.BOARD), voice)
    qtbot.waitUntil(lambda: board_ctl.seq > 0 or board.clock.text() != "", timeout=5000)

    ticket = kiosk.issue("A", name="王小明")
    clerk = login(ws.store, ws.workstation_id, "C001", DEMO_PASSWORD)
    panel = QueuePanel(1)
    qtbot.addWidget(panel)
    bar = QueuePanelController(
        panel, acting_for(ws, QueueClient, clerk), clerk, WalkInService(ws.store, ws.workstation_id)
    )
    qtbot.waitUntil(lambda: bar.state is not None and panel.buttons["call"].isEnabled(), timeout=5000)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    qtbot.keyClick(panel, Qt.Key.Key_F3)  # 叫号
    qtbot.waitUntil(lambda: "A001" in panel.current.text(), timeout=5000)
    assert bar.service_ref() == (ticket.id, None)

    # The board hears of the call on its next poll; with the suite on every core that took over 5 s once.
    qtbot.waitUntil(lambda: voice.said == ["请A001号到1号窗口办理"], timeout=15000)
    assert "请 A001 号到 1 号窗口办理" in board.banner.text()
    grid_text = " ".join(board.calls.itemAt(i).widget().text() for i in range(board.calls.count()))
    assert "王**" in grid_text and "王小明" not in grid_text

    pad = RatingPadView(1)
    qtbot.addWidget(pad)
    pad_ctl = RatingPadController(pad, machine(center, tmp_path, DeviceKind.RATING_PAD, 1))
    qtbot.waitUntil(lambda: "没有正在办理" in pad.serving.text(), timeout=5000)
    assert not pad.level_buttons[0].isEnabled()

    qtbot.mouseClick(panel.buttons["start"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "办理中" in panel.current.text(), timeout=5000)
    pad_ctl.poll()
    qtbot.waitUntil(lambda: "A001" in pad.serving.text() and "李娜" in pad.serving.text(), timeout=5000)
    qtbot.mouseClick(pad.level_buttons[4], Qt.MouseButton.LeftButton)  # 非常不满意
    assert not pad.reason_box.isHidden()
    qtbot.mouseClick(pad.submit, Qt.MouseButton.LeftButton)
    assert "至少选择或填写一个原因" in pad.message.text()
    pad.reason_buttons[0].setChecked(True)
    qtbot.mouseClick(pad.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "感谢您的评价" in pad.message.text(), timeout=5000)
    with center.store.sessions() as s:
        assert s.scalar(select(Rectification.status)) == "待整改"

    board.mute.setChecked(True)
    kiosk.issue("A")
    qtbot.mouseClick(panel.buttons["end"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.buttons["call"].isEnabled(), timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or panel, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: "A002" in board.banner.text(), timeout=5000)
    assert voice.said == ["请A001号到1号窗口办理"]  # muted: shown, not spoken
    for timer in (board_ctl.timer, bar.timer, pad_ctl.timer):
        timer.stop()


def test_the_board_reconnects_by_itself_and_the_bar_offers_walk_ins_offline(qtbot, hall, tmp_path, monkeypatch):
    center, ws = hall
    monkeypatch.setattr(board_controller, "POLL_MS", 200)
    monkeypatch.setattr(board_controller, "RETRY_MS", (300,))
    board = BoardView("青山县政务服务中心")
    qtbot.addWidget(board)
    board_ctl = BoardController(board, machine(center, tmp_path, DeviceKind.BOARD, timeout=1), Voice())
    clerk = login(ws.store, ws.workstation_id, "C001", DEMO_PASSWORD)
    panel = QueuePanel(1)
    qtbot.addWidget(panel)
    bar = QueuePanelController(
        panel, acting_for(ws, QueueClient, clerk, timeout=1), clerk, WalkInService(ws.store, ws.workstation_id)
    )
    qtbot.waitUntil(lambda: bar.state is not None, timeout=5000)
    center.stop()
    qtbot.waitUntil(lambda: "自动重连" in board.status.text(), timeout=10000)
    bar.refresh()
    qtbot.waitUntil(lambda: "无法连接中心" in panel.offline.text(), timeout=10000)
    assert not panel.buttons["call"].isEnabled() and not panel.walk_in.isHidden()
    qtbot.mouseClick(panel.walk_in, Qt.MouseButton.LeftButton)
    assert bar.service_ref()[1] is not None and panel.walk_in.text() == "结束无号服务"
    center.start()
    qtbot.waitUntil(lambda: board.status.text() == "", timeout=10000)
    for timer in (board_ctl.timer, bar.timer):
        timer.stop()


def test_the_boards_headings_stand_over_their_columns(qtbot):
    board = BoardView("青山县政务服务中心")
    qtbot.addWidget(board)
    window = BoardWindow(1, "A001", "王**", TicketStatus.CALLED)
    board.show_board(Board("2026-03-02T09:00:00", [window], None, [], [], [], [], [], 4))
    column = {}
    for i in range(board.calls.count()):
        row, col, _rows, _cols = board.calls.getItemPosition(i)
        column[board.calls.itemAt(i).widget().text()] = (row, col)
    assert column["号码"] == (0, 1) and column["A001"] == (1, 1)
    assert column["申请人"] == (0, 2) and column["王**"] == (1, 2)
