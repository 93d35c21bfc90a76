"""The hall's usual monitor is 1366×768, often at 125 % scaling (a logical screen of 1092×614).
Every page (and tab) of every role must work there under the real theme: the window may be made
that small, no page is squeezed below what it needs, nothing sits off the right edge or needs
horizontal scrolling, and the acceptance page keeps its outcome buttons and its checklist in view
with 代理人 open. The devices fit their screens."""

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from app.queue.dto import (
    Board,
    BoardCall,
    BoardWindow,
    Category,
    CategoryWaiting,
    TicketInfo,
    TicketStatus,
    TidalOpen,
    WindowState,
    WindowWaiting,
)
from ui.main_window import MainWindow

# What a maximised window gets: the screen less a 40 px taskbar (32 logical at 125 %), a 30 px
# title bar and 4 px borders.
AT_100 = QSize(1366 - 8, 768 - 40 - 30)
AT_125 = QSize(1092 - 8, 614 - 32 - 30)
# clerk with its calling bar, chief, reviewer, manager, agent, supervisor (电子监察, its 问题台账 and 自查自纠)
ROLES = ["C001", "S001", "R001", "M001", "A001", "J001"]
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QLabel)


# The calling bar at its widest: a called ticket with recalls, every category waiting, tickets parked.
def _ticket(id: str, label: str, status: TicketStatus, name_masked: str = "", recalls: int = 0) -> TicketInfo:
    return TicketInfo(
        id=id,
        label=label,
        category_code=label[0],
        category_name="企业开办",
        priority="",
        status=status,
        issued_at="2026-03-02T10:00:00",
        ahead=0,
        est_wait_min=0,
        window_no=1,
        name_masked=name_masked,
        recalls=recalls,
    )


BUSY_WINDOW = WindowState(
    window_no=1,
    categories=["A", "B", "C", "D", "E"],
    current=_ticket("t1", "A023", TicketStatus.CALLED, name_masked="张*明", recalls=2),
    parked=[_ticket("t2", "B004", TicketStatus.PARKED), _ticket("t3", "C011", TicketStatus.PARKED)],
    rateable=None,
    staff_no="C001",
    staff_name="",
    waiting={"A": 12, "B": 3, "C": 27, "D": 5, "E": 9},
    waiting_here=4,  # bookings for this window's agent
)


@pytest.fixture
def window_for(themed_window):
    def make(staff_no: str) -> MainWindow:
        window = themed_window(staff_no)
        if window.queue is not None:  # the bar at its widest, not what the (absent) center answered
            window.queue_panel.show_online()
            window.queue_panel.show_state(BUSY_WINDOW)
        return window

    return make


def settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(10)


def window_rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def cut_off_sideways(window: QWidget) -> list[str]:
    """Visible controls whose left or right part lies outside the window or outside a parent."""
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisible() or widget.width() == 0:
            continue
        ancestor, inside_view = widget.parentWidget(), False
        while ancestor is not None and ancestor is not window:
            inside_view = inside_view or isinstance(ancestor, QAbstractItemView)
            ancestor = ancestor.parentWidget()
        if inside_view:  # an item view's own parts (its editors, headers) scroll with it
            continue
        rect = window_rect(widget, window)
        parent = widget.parentWidget()
        while parent is not None:
            bounds = window.rect() if parent is window else window_rect(parent, window)
            if rect.left() < bounds.left() or rect.right() > bounds.right():
                text = widget.text() if hasattr(widget, "text") else ""
                found.append(f"{type(widget).__name__} {text[:30]!r} at x {rect.left()}–{rect.right()}")
                break
            if parent is window:
                break
            parent = parent.parentWidget()
    return found


def sideways_scrolling(window: QWidget) -> list[str]:
    return [
        type(area.widget()).__name__
        for area in window.findChildren(QScrollArea)
        if area.isVisible() and area.horizontalScrollBar().isVisible()
    ]


def views(window: MainWindow):
    """Each page in turn, and within a page each tab of its tab widgets."""
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        page = window.pages.currentWidget()
        title = window.nav.item(row).text()
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]
        if not tabs:
            yield title
        for tab_widget in tabs:
            for i in range(tab_widget.count()):
                tab_widget.setCurrentIndex(i)
                yield f"{title} · {tab_widget.tabText(i)}"


@pytest.mark.parametrize("staff_no", ROLES)
def test_every_page_fits_1366x768_and_125_percent(qtbot, window_for, staff_no):
    window = window_for(staff_no)
    problems = []
    for view in views(window):
        settle(qtbot)
        need = window.minimumSizeHint()  # at 125 %, so at 100 % too
        if need.width() > AT_125.width() or need.height() > AT_125.height():
            problems.append(f"{view}: the window needs {need.width()}×{need.height()}")
        for size, where in ((AT_100, "1366×768"), (AT_125, "125 %")):
            window.resize(size)
            settle(qtbot)
            if window.size() != size:
                problems.append(f"{view}: at {where} the window stays {window.width()}×{window.height()}")
            page = window.pages.currentWidget()
            if page.height() < page.minimumSizeHint().height():
                problems.append(f"{view} at {where}: the page is squeezed to {page.height()} px high")
            problems += [f"{view} at {where}: {p}" for p in cut_off_sideways(window)]
            problems += [f"{view} at {where}: {w} scrolls sideways" for w in sideways_scrolling(window)]
    assert not problems, "\n".join(problems)


def fully_visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


@pytest.mark.parametrize("size", [AT_100, AT_125], ids=["1366x768", "125%"])
def test_acceptance_with_proxy_keeps_outcomes_and_checklist_in_view(qtbot, window_for, size):
    window = window_for("C001")
    view = window.acceptance_view
    window.resize(size)
    qtbot.keyClicks(view.find_box, "spjyxk")  # 食品经营许可: a long checklist
    qtbot.keyClick(view.find_box, "\r")
    assert window.acceptance.prepared is not None
    view.applicant.enterprise_kind.setChecked(True)
    view.applicant.by_proxy.setChecked(True)  # the tallest form: enterprise, its representative and a proxy
    settle(qtbot)
    assert window.size() == size
    hidden = [outcome.value for outcome, button in view.outcomes.items() if not fully_visible(button)]
    assert not hidden, f"outcome buttons out of view: {hidden}"
    table = view.checklist
    assert table.isVisible() and table.viewport().visibleRegion().boundingRect().height() >= 3 * table.rowHeight(0)
    assert not table.horizontalScrollBar().isVisible()  # every column of the checklist in view
    header = table.horizontalHeader()
    last = table.model().columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    assert view.applicant.proxy.name.visibleRegion().boundingRect().height() > 0  # the proxy's fields shown


def test_the_devices_fit_a_1366x768_screen(qtbot, themed):
    """Full screen: no taskbar, no frame. Each device as full as it gets in a busy hall."""
    from ui.board.view import BoardView
    from ui.kiosk.view import KioskView
    from ui.rating_pad.view import RatingPadView

    kiosk = KioskView("青山县政务服务中心")
    kiosk.show_categories(
        [
            Category(code=code, name=name, waiting=27, est_wait_min=45, windows=[1])
            for code, name in (
                ("A", "企业开办"),
                ("B", "工程建设"),
                ("C", "社保医保"),
                ("D", "不动产"),
                ("E", "综合事务"),
            )
        ]
    )
    kiosk.ticket.setText("您的号码：A023")
    kiosk.say("请取走号票，留意叫号屏。")
    board = BoardView("青山县政务服务中心")
    board.show_board(
        Board(
            windows=[BoardWindow(n, f"A{n:03d}", "张*明", TicketStatus.CALLED) for n in range(1, 11)],
            tidal=[TidalOpen(window_no=5, category_code="A")],
            recent=[BoardCall(n, f"A{n:03d}", n, "") for n in range(1, 6)],
            announce=[],
            waiting=[CategoryWaiting(code=code, name="企业开办", waiting=12) for code in "ABCDE"],
            for_windows=[WindowWaiting(window_no=9, waiting=2)],
            headline=BoardCall(0, "A023", 3, ""),
            at="2026-03-02T10:20:00",
            seq=0,
        )
    )
    pad = RatingPadView(6)
    pad.reason_box.show()  # 不满意: the reasons open below the levels
    board.fit_screen(614)  # the board's type follows the screen's height (a shown board reads it itself)
    screen = QSize(1092, 614)
    for device in (kiosk, board, pad):
        qtbot.addWidget(device)
        need = device.minimumSizeHint()
        assert need.width() <= screen.width() and need.height() <= screen.height(), (type(device).__name__, need)
    kiosk.pause("暂停取号，请到导办台咨询。")  # the center away: the notice takes the room of the ticket lines
    need = kiosk.minimumSizeHint()
    assert need.width() <= screen.width() and need.height() <= screen.height(), ("paused kiosk", need)
    board.fit_screen(1080)
    assert board.scale == 1  # a tall screen keeps the full size, read from across the hall


def test_a_shown_board_sizes_its_type_for_its_screen(qtbot, themed):
    from ui.board.view import BoardView

    board = BoardView("青山县政务服务中心")
    qtbot.addWidget(board)
    board.show_board(
        Board(
            windows=[BoardWindow(n, f"A{n:03d}", "张*明", TicketStatus.CALLED) for n in range(1, 11)],
            tidal=[],
            recent=[],
            announce=[],
            waiting=[],
            for_windows=[],
            headline=None,
            at="2026-03-02T10:20:00",
            seq=0,
        )
    )
    board.show()
    qtbot.waitExposed(board)
    assert board.minimumSizeHint().height() <= board.screen().geometry().height()


def test_the_calling_bar_offline_still_fits(qtbot, window_for):
    window = window_for("C001")
    window.queue_panel.show_offline("无法连接中心：排队叫号暂不可用，恢复连接后自动同步。可登记无号服务。", True)
    settle(qtbot)
    need = window.minimumSizeHint()
    assert need.width() <= AT_125.width() and need.height() <= AT_125.height()
    window.resize(AT_125)
    settle(qtbot)
    assert window.size() == AT_125 and not cut_off_sideways(window)
    assert window.queue_panel.offline.isVisible() and window.queue_panel.walk_in.isVisible()


# -- top-level windows and dialogs on a 1366×768 screen (issue 12 walkthrough: the preview's buttons
# and the kiosk's bottom lines were off-screen) --------------------------------------------------

# The screen's available area: 1366×768 less a 40 px taskbar.
AVAILABLE = QRect(0, 0, 1366, 768 - 40)


@pytest.fixture
def screen_1366(monkeypatch):
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: AVAILABLE)


def on_screen(window: QWidget) -> list[str]:
    """What of a shown top-level window lies outside the screen's available area, frame included,
    and its buttons and labels that are not wholly inside the window."""
    from ui.screen_fit import FRAME

    problems = []
    outer = QRect(window.pos(), window.size() + FRAME)
    if not AVAILABLE.contains(outer):
        problems.append(f"{type(window).__name__} at {outer.getRect()} leaves the screen")
    if window.minimumSizeHint().height() > window.height():
        problems.append(f"{type(window).__name__} squeezed below its minimum height")
    for widget in window.findChildren(QWidget):
        shown = isinstance(widget, QAbstractButton | QLabel) and widget.isVisible() and widget.width()
        if shown and not window.rect().contains(window_rect(widget, window)):
            problems.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()[:20]!r} cut off")
    return problems


def test_a_pdf_preview_fits_the_screen_with_its_buttons(qtbot, themed, screen_1366):
    from datetime import datetime

    from app.documents.letterhead import Seal
    from app.documents.notice_pdf import NoticeDocument, render_notice
    from ui.pdf_preview import PdfPreviewDialog

    pdf = render_notice(
        NoticeDocument(
            "受理通知书",
            "文书编号：SL2026-407316-00001",
            datetime(2026, 3, 2),
            "张三",
            ("正文",),
            Seal("青山县市场监督管理局", "受理专用章"),
            "青山县市场监督管理局",
            "1 号窗口",
            "qr",
        )
    )
    dialog = PdfPreviewDialog(pdf, "受理通知书", "notice.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() + 34 <= AVAILABLE.height()  # was 980 px high
    assert not on_screen(dialog)
    buttons = [
        b for b in dialog.findChildren(QAbstractButton) if b.text() in ("另存为 PDF…（Ctrl+S）", "打印…", "关闭")
    ]
    assert len(buttons) == 3 and all(fully_visible(b) for b in buttons)


def test_the_ledger_dialogs_fit_the_screen_with_their_buttons(qtbot, themed, screen_1366):
    from datetime import date

    from app.choices import DepartmentChoice
    from app.supervision.ledger_dto import LedgerRow
    from app.supervision.ledger_rules import LedgerStatus, ProblemType, Source
    from ui.supervision.ledger_dialogs import AdvanceDialog, NewItemDialog

    departments = [DepartmentChoice(f"d{i}", f"青山县第{i}行政审批服务局") for i in range(30)]
    row = LedgerRow(
        "r1", "台账〔2026〕0001", Source.MONITORING, date(2026, 3, 2), None, "", "", None, "C001",
        ProblemType.OUTSIDE_REVIEW, "事实" * 200, "", "市场监督管理局", "", 10, date(2026, 3, 16),
        LedgerStatus.RECTIFIED, "J001", "", None, True, None,
    )  # fmt: skip
    for dialog in (NewItemDialog(departments), AdvanceDialog(row)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        settle(qtbot)
        assert not on_screen(dialog), type(dialog).__name__
        if isinstance(dialog, NewItemDialog):  # every field's message shown at once: the fields scroll
            for message in dialog.errors.values():
                message.setText("请填写责任单位（120 字以内）。")
                message.show()
            dialog.summary.setText("有 10 处需要修改，见各项下方的提示。")
            settle(qtbot)
            assert not [p for p in on_screen(dialog) if "cut off" not in p]
            assert fully_visible(dialog.summary)
        assert all(fully_visible(b) for b in dialog.buttons.buttons())
        need = dialog.minimumSizeHint()  # at 125 % too: a logical 1092×582 less the frame
        assert need.width() <= AT_125.width() and need.height() + 34 <= 614 - 32, type(dialog).__name__


def test_the_self_check_tab_loaded_fits_1366x768_and_125_percent(qtbot, window_for, demo_ctx):
    from app.bound import bind
    from app.supervision.ledger import LedgerService
    from app.supervision.ledger_dto import Ledger
    from app.supervision.self_check import SelfCheckService
    from app.supervision.self_check_dto import SelfCheck
    from tests.helpers import person

    window = window_for("J001")
    window.nav.setCurrentRow(next(r for r in range(window.nav.count()) if window.nav.item(r).text() == "电子监察"))
    page = window.supervision_page
    tab = page.self_check_tab
    supervisor = person(demo_ctx, "J001")  # the services themselves: this workstation has no center
    tab.controller.client = bind(SelfCheckService(demo_ctx.store), supervisor, SelfCheck)
    tab.controller.departments = bind(LedgerService(demo_ctx.store), supervisor, Ledger).departments
    page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab.controller.loading, timeout=10000)
    tab.refresh()
    qtbot.waitUntil(lambda: tab.controller.card is not None and not tab.controller.loading, timeout=10000)
    longest = max(range(tab.unit.count()), key=lambda i: len(tab.unit.itemText(i)))
    tab.unit.setCurrentIndex(longest)  # the widest unit's scorecard, its name in the counts
    qtbot.waitUntil(
        lambda: (
            tab.controller.card is not None
            and tab.controller.card.unit == tab.unit.itemText(longest)
            and not tab.controller.loading
        ),
        timeout=10000,
    )
    tab.table.selectRow(0)
    problems = []
    for size, where in ((AT_100, "1366×768"), (AT_125, "125 %")):
        window.resize(size)
        settle(qtbot)
        if window.size() != size:
            problems.append(f"at {where} the window stays {window.width()}×{window.height()}")
        problems += [f"at {where}: {p}" for p in cut_off_sideways(window)]
        problems += [f"at {where}: {w} scrolls sideways" for w in sideways_scrolling(window)]
        problems += [
            f"at {where}: {b.text()} hidden" for b in (tab.record_button, tab.report_button) if not fully_visible(b)
        ]
    assert not problems, "\n".join(problems)


def test_the_self_check_answer_dialog_fits_the_screen_with_its_buttons(qtbot, themed, screen_1366):
    from app.supervision.scorecard import ITEMS, Answer, Verdict
    from ui.supervision.self_check_dialogs import AnswerDialog

    answer = Answer(5, ITEMS[5], Verdict.OPEN, "系统无法据办件记录判断，须由单位自查填报。", True)
    dialog = AnswerDialog(answer, "青山县行政审批服务局（青山县政务服务和大数据管理局）")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for message in dialog.errors.values():  # every field's message shown at once
        message.setText("回答“否”时，请写明存在的问题（至少 4 个字）。")
        message.show()
    dialog.summary.setText("有 2 处需要修改，见各项下方的提示。")
    settle(qtbot)
    assert not on_screen(dialog)
    assert fully_visible(dialog.summary) and all(fully_visible(b) for b in dialog.buttons.buttons())
    need = dialog.minimumSizeHint()
    assert need.width() <= AT_125.width() and need.height() + 34 <= 614 - 32


def test_the_main_window_opens_within_the_screen(qtbot, themed, demo_ctx, screen_1366):
    from app.auth import login
    from app.demo import DEMO_PASSWORD

    window = MainWindow(demo_ctx, login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD))
    qtbot.addWidget(window)
    assert window.width() + 8 <= AVAILABLE.width() and window.height() + 34 <= AVAILABLE.height()  # was 1440×900


def test_the_devices_windowed_fit_a_1366x768_screen(qtbot, themed, screen_1366):
    from ui.board.view import BoardView
    from ui.device import show_device
    from ui.kiosk.view import KioskView
    from ui.rating_pad.view import RatingPadView

    kiosk = KioskView("青山县政务服务中心")
    kiosk.show_categories(
        [Category(code=c, name="企业开办", waiting=27, est_wait_min=45, windows=[1]) for c in "ABCDE"]
    )
    kiosk.say("暂停取号，请到导办台咨询。", error=True)
    pad = RatingPadView(1)
    pad.say("感谢您的评价！（A001号）")
    for device in (kiosk, BoardView("青山县政务服务中心"), pad):
        qtbot.addWidget(device)
        show_device(device, None, windowed=True)
        qtbot.waitExposed(device)
        settle(qtbot)
        assert not on_screen(device), type(device).__name__  # was 1280×800: the bottom lines cut off
    assert fully_visible(kiosk.message)


def test_the_new_help_request_dialog_fits_the_screen_with_its_buttons(qtbot, themed, screen_1366):
    """It was 824 px tall (its buttons below a 768 px screen): its fields now scroll."""
    from types import SimpleNamespace

    from ui.help.request_dialog import RequestDialog

    departments = [SimpleNamespace(id=f"d{i}", name=f"青山县第{i}局", short_name=f"第{i}局") for i in range(20)]
    dialog = RequestDialog(None, lambda _text: [], departments)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for message in dialog.errors.values():  # every field's message shown at once
        message.setText("请填写联系电话（手机号或带区号的固定电话）。")
        message.show()
    settle(qtbot)
    assert not [p for p in on_screen(dialog) if "cut off" not in p]  # fields below scroll into view
    assert all(fully_visible(b) for b in dialog.findChildren(QAbstractButton) if b.text() in ("确定", "取消"))


def columns_cut(table) -> list[str]:
    """A table's columns that need sideways scrolling (their total wider than the view) or cut
    their own heading (a section narrower than its header text)."""
    header = table.horizontalHeader()
    problems = []
    if header.length() > table.viewport().width():
        problems.append(f"the columns need {header.length()} px, the view shows {table.viewport().width()}")
    margin = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_HeaderMargin, None, header)
    model = table.model()
    for column in range(model.columnCount()):
        text = model.headerData(column, Qt.Orientation.Horizontal)
        need = header.fontMetrics().horizontalAdvance(text) + margin
        if header.sectionSize(column) < need:
            problems.append(f"{text!r} is {header.sectionSize(column)} px wide, its heading needs {need}")
        if header.sectionViewportPosition(column) + header.sectionSize(column) > table.viewport().width():
            problems.append(f"{text!r} ends off the view")
    return problems


def test_the_ledger_tab_loaded_fits_1366x768_without_scrolling_sideways(qtbot, window_for, demo_ctx):
    """Rows with a long measure, a long matter and unit, closed and overdue ones: the columns fit
    the view, each heading whole; the long texts give way (elided), not 期限 and 状态."""
    from datetime import date, datetime, time

    from app.bound import bind
    from app.clock import FixedClock
    from app.supervision.ledger import LedgerService
    from app.supervision.ledger_dto import Ledger, NewLedgerItem
    from app.supervision.ledger_rules import LedgerStatus, ProblemType, Source
    from tests.helpers import department_id, person

    ledger = LedgerService(demo_ctx.store, FixedClock(datetime.combine(date.today(), time(12))))
    supervisor, manager = person(demo_ctx, "J001"), person(demo_ctx, "M001")
    for found_on in (date(2026, 3, 2), date.today()):  # the first overdue
        item = ledger.add(
            supervisor,
            NewLedgerItem(
                Source.HIGHER_INSPECTION,
                found_on,
                department_id(demo_ctx.store, "SCJG"),
                "食品经营许可（新办、变更、延续、注销）" * 2,
                12,
                "C001",
                ProblemType.SPECIAL_STEP,
                "暗访发现申请材料先交科室预审，窗口仅补录，群众往返多次。" * 3,
                "暗访记录",
                "青山县市场监督管理局食品经营许可科",
                "",
                10,
            ),
        )
        ledger.advance(supervisor, item.id, LedgerStatus.IN_PROGRESS, "收回科室预审，材料一律窗口受理，专人督办。" * 3)
        ledger.advance(supervisor, item.id, LedgerStatus.RECTIFIED, "已整改到位")
    ledger.advance(manager, item.id, LedgerStatus.CLOSED, "复查合格")
    window = window_for("J001")
    window.nav.setCurrentRow(next(r for r in range(window.nav.count()) if window.nav.item(r).text() == "电子监察"))
    page = window.supervision_page
    tab = page.ledger_tab
    qtbot.waitUntil(lambda: not tab.controller.loading, timeout=10000)
    tab.controller.client = bind(ledger, supervisor, Ledger)  # the service itself: this workstation has no center
    page.tabs.setCurrentWidget(tab)
    tab.refresh()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2 and not tab.controller.loading, timeout=10000)
    assert {str(r.status) for r in tab.model.rows} == {"已整改", "已销号"}
    window.resize(AT_100)
    settle(qtbot)
    problems = columns_cut(tab.table)
    if tab.table.horizontalScrollBar().isVisible():
        problems.append("the table scrolls sideways")
    window.resize(AT_125)  # at 125 % 销号日期 may scroll into view, but not 期限 and 状态
    settle(qtbot)
    header = tab.table.horizontalHeader()
    for column in (tab.model.headers.index("期限"), tab.model.headers.index("状态")):
        if header.sectionViewportPosition(column) + header.sectionSize(column) > tab.table.viewport().width():
            problems.append(f"at 125 % {tab.model.headers[column]} ends off the view")
    assert not problems, "\n".join(problems)


def test_the_too_fast_limits_dialog_fits_the_screen_with_its_buttons(qtbot, themed, screen_1366):
    from app.supervision.dto import TooFastLimitRow
    from ui.supervision.too_fast_dialog import TooFastDialog

    name, department = "食品经营许可（新办）" * 3, "青山县市场监督管理局"
    rows = [TooFastLimitRow(f"m{i}", f"SCJG-{i:03d}", name, department, "一审两核", 60, 90) for i in range(80)]
    dialog = TooFastDialog(rows)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.error.setText("时限须在 5 至 480 分钟之间。")
    dialog.error.show()
    settle(qtbot)
    assert not on_screen(dialog)
    for widget in (dialog.save_button, dialog.default_button, dialog.minutes, dialog.error):
        assert fully_visible(widget)
    need = dialog.minimumSizeHint()
    assert need.width() <= AT_125.width() and need.height() + 34 <= 614 - 32


def test_the_appointment_tables_fit_1366x768_with_long_names(qtbot, window_for):
    """A long service, agent and applicant's name: the long texts give way (elided, the whole in
    the tooltip); the period, the places and the state stay in view, every heading whole."""
    from datetime import date, datetime

    from app.appointments.dto import AppointmentInfo, AppointmentStatus, SlotInfo

    today, name = date.today(), "青山县绿源生态农业专业合作社联合社" * 2
    service = "企业开办一件事·税务登记与发票申领" * 2
    slot = SlotInfo("s1", "QYKB", service, "A001", "吴敏" * 6, today, "09:00", "09:30", 4, 1, 3, True)
    booked = AppointmentInfo(
        "a1",
        "2026120400",
        slot,
        name,
        "13800000000",
        True,
        AppointmentStatus.BOOKED,
        None,
        "",
        "A001",
        datetime.now(),
        None,
    )
    agent = window_for("A001")
    agent.resize(AT_100)
    agent.nav.setCurrentRow(next(r for r in range(agent.nav.count()) if agent.nav.item(r).text() == "预约服务"))
    page = agent.appointments_page
    page.slots.set_rows([slot])
    page.bookings.set_rows([booked])
    settle(qtbot)
    problems = [f"slots: {p}" for p in columns_cut(page.slot_table)]
    problems += [f"bookings: {p}" for p in columns_cut(page.booking_table)]
    assert not problems, "\n".join(problems)


def test_the_approval_inbox_fits_1366x768_with_a_long_matter_and_applicant(qtbot, window_for):
    """The chief's inbox beside the case pane: the matter and the applicant give way (elided, the
    whole in the tooltip); the dates, the step, the days left and the state stay in view."""
    from datetime import date

    from app.approval.dto import InboxRow

    today, matter, name = (
        date.today(),
        "食品经营许可（新办、变更、延续、注销）" * 2,
        "青山县绿源生态农业专业合作社联合社" * 2,
    )
    chief = window_for("S001")
    chief.resize(AT_100)
    inbox = chief.inbox_page
    inbox.model.set_rows(
        [
            InboxRow(f"c{i}", f"QS2026-821623-{i:05d}", matter, name, today, "核准", today, today, -3, "red", False)
            for i in range(3)
        ]
    )
    settle(qtbot)
    problems = columns_cut(inbox.table)
    assert not problems, "\n".join(problems)
