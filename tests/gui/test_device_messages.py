"""What the public reads on the kiosk and the board when the center is away: what to do, never an
exception's name; the technical reason is in the log."""

import logging

from PySide6.QtCore import QThreadPool

from app.center_client import CenterUnreachable
from app.errors import DomainError
from app.hall_settings.fields import CenterFields
from app.queue.dto import Category
from ui.board.controller import BoardController
from ui.board.view import BoardView
from ui.kiosk.controller import KioskController
from ui.kiosk.view import KioskView

# As the center client worded a lost connection before: the exception's name inside.
LOST = "无法连接中心（ConnectError），排队叫号暂不可用。"


class _Away:
    """A queue client whose center cannot be reached."""

    def categories(self):
        raise CenterUnreachable(LOST)

    def issue(self, code, priority, id_number):
        raise CenterUnreachable(LOST)

    def board(self, after_seq):
        raise CenterUnreachable(LOST)


class _Settings:
    def center(self):
        return CenterFields("青山县政务服务中心", "", "")


class _Refusing(_Away):
    def categories(self):
        return [Category(code="A", name="企业开办", waiting=3, est_wait_min=10, windows=[1])]

    def issue(self, code, priority, id_number):
        raise DomainError("该身份证号今天已在 A 类取号，不能重复取号。")


def technical(text: str) -> bool:
    return any(word in text for word in ("Error", "Exception", "HTTP", "ConnectError", "（", "Traceback"))


def test_the_kiosk_tells_the_public_to_go_to_the_desk_and_logs_why(qtbot, caplog):
    caplog.set_level(logging.WARNING)
    view = KioskView("青山县政务服务中心")
    qtbot.addWidget(view)
    kiosk = KioskController(view, _Away(), printer=lambda label: None, appointments=object(), settings=_Settings())
    qtbot.waitUntil(lambda: "暂停取号" in view.paused_notice.text(), timeout=5000)
    assert "导办台" in view.paused_notice.text() and not technical(view.paused_notice.text())
    assert "ConnectError" in caplog.text  # the reason is kept for whoever looks after the kiosk
    kiosk.timer.stop()
    QThreadPool.globalInstance().waitForDone(5000)


def test_the_kiosk_still_shows_the_centers_own_refusal(qtbot):
    view = KioskView("青山县政务服务中心")
    qtbot.addWidget(view)
    kiosk = KioskController(view, _Refusing(), printer=lambda label: None, appointments=object(), settings=_Settings())
    qtbot.waitUntil(lambda: "A" in view.category_buttons, timeout=5000)
    kiosk.take("A")
    qtbot.waitUntil(lambda: "不能重复取号" in view.message.text(), timeout=5000)
    kiosk.timer.stop()
    QThreadPool.globalInstance().waitForDone(5000)


class _Voice:
    muted = False

    def say(self, text: str) -> None:
        pass


def test_the_board_stays_calm_and_logs_why(qtbot, caplog):
    caplog.set_level(logging.WARNING)
    view = BoardView("青山县政务服务中心")
    qtbot.addWidget(view)
    board = BoardController(view, _Away(), _Voice())
    qtbot.waitUntil(lambda: view.status.text() != "", timeout=5000)
    shown = view.status.text()
    assert "自动重连" in shown and not technical(shown)
    assert "ConnectError" in caplog.text
    board.timer.stop()
    QThreadPool.globalInstance().waitForDone(5000)


class _Flaky(_Refusing):
    """A center that goes away and comes back."""

    down = False

    def categories(self):
        if self.down:
            raise CenterUnreachable(LOST)
        return [
            Category(code="A", name="企业开办", waiting=0, est_wait_min=0, windows=[1]),
            Category(code="B", name="工程建设", waiting=0, est_wait_min=0, windows=[]),  # no window serves it
        ]


def test_the_kiosk_pauses_plainly_while_the_center_is_away_and_reopens_when_it_is_back(qtbot):
    view = KioskView("青山县政务服务中心")
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    center = _Flaky()
    kiosk = KioskController(view, center, printer=lambda label: None, appointments=object(), settings=_Settings())
    kiosk.timer.stop()
    qtbot.waitUntil(lambda: view.category_buttons.get("A") is not None and view.category_buttons["A"].isEnabled())
    assert not view.paused_notice.isVisible() and not view.category_buttons["B"].isEnabled()

    center.down = True
    kiosk.refresh()
    qtbot.waitUntil(lambda: view.paused, timeout=5000)
    notice = view.paused_notice
    assert notice.isVisible() and notice.text() == "暂停取号，请到导办台咨询。"
    assert notice.fontInfo().pixelSize() >= 32  # read from a distance
    assert notice.y() < view.category_buttons["A"].mapTo(view, view.category_buttons["A"].rect().topLeft()).y()
    for button in (*view.category_buttons.values(), view.check_in_button):
        assert not button.isEnabled(), button.text()
    assert all("等候" not in b.text() and "暂停取号" in b.text() for b in view.category_buttons.values())
    view.set_busy(False)  # the end of a refused take does not open what the pause closed
    assert not view.category_buttons["A"].isEnabled() and not view.check_in_button.isEnabled()

    center.down = False
    kiosk.refresh()
    qtbot.waitUntil(lambda: not view.paused, timeout=5000)
    assert not notice.isVisible() and view.category_buttons["A"].isEnabled() and view.check_in_button.isEnabled()
    assert view.message.isVisible() and view.message.text() == "请选择办理类别"
    assert not view.category_buttons["B"].isEnabled()  # still no window serves B
    assert "等候 0 人" in view.category_buttons["A"].text()
    QThreadPool.globalInstance().waitForDone(5000)


def test_a_take_that_finds_the_center_gone_pauses_the_kiosk(qtbot):
    view = KioskView("青山县政务服务中心")
    qtbot.addWidget(view)
    center = _Flaky()
    kiosk = KioskController(view, center, printer=lambda label: None, appointments=object(), settings=_Settings())
    kiosk.timer.stop()
    qtbot.waitUntil(lambda: "A" in view.category_buttons)
    center.down = True
    center.issue = lambda *args: (_ for _ in ()).throw(CenterUnreachable(LOST))
    kiosk.take("A")
    qtbot.waitUntil(lambda: view.paused, timeout=5000)
    assert not view.category_buttons["A"].isEnabled()
    QThreadPool.globalInstance().waitForDone(5000)
