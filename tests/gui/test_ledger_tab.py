"""The 问题台账 tab of the 电子监察 page against the services themselves (bound to the person, no
HTTP): a problem entered by hand, refused field by field then recorded; a red signal taken up from
a drafted dialog and marked in the ledger; a row moved on to 已销号 by someone other than the person
responsible; overdue rows red and closed ones grey; the rows shown exported to Excel."""

from datetime import date, datetime, time

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.approval.service import ApprovalService
from app.bound import bind
from app.clock import FixedClock
from app.supervision.dto import Signals
from app.supervision.ledger import LedgerService
from app.supervision.ledger_dto import Ledger, NewLedgerItem
from app.supervision.ledger_rules import LedgerStatus, ProblemType, Source
from app.supervision.rules import Level, SignalKind
from app.supervision.self_check import SelfCheckService
from app.supervision.self_check_dto import SelfCheck
from app.supervision.service import SignalService
from tests.helpers import accepted_case, department_id, person
from ui.supervision.controller import can_take_up
from ui.supervision.ledger_dialogs import AdvanceDialog, NewItemDialog
from ui.supervision.ledger_model import CLOSED, OVERDUE, problem_type_for
from ui.supervision.model import IN_LEDGER
from ui.supervision.page import SupervisionPage

SIGNALS_ON = FixedClock(datetime(2026, 3, 2, 12))


def ledger_today(ctx) -> LedgerService:
    """The ledger as of today: the dialogs offer today as the day a problem was found."""
    return LedgerService(ctx.store, FixedClock(datetime.combine(date.today(), time(12))))


def open_page(qtbot, ctx, staff_no: str, ledger: LedgerService) -> SupervisionPage:
    actor = person(ctx, staff_no)
    signals = bind(SignalService(ctx.store, SIGNALS_ON), actor, Signals)
    self_check = bind(SelfCheckService(ctx.store, SIGNALS_ON), actor, SelfCheck)
    page = SupervisionPage(signals, bind(ledger, actor, Ledger), self_check, actor)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    page.refresh()
    tab = page.ledger_tab
    qtbot.waitUntil(lambda: page.sweep_button.isEnabled() and not tab.controller.loading, timeout=10000)
    return page


def new_dialog(page: SupervisionPage) -> NewItemDialog:
    shown = page.ledger_tab.controller.dialog
    assert isinstance(shown, NewItemDialog)
    return shown


def advance_dialog(page: SupervisionPage) -> AdvanceDialog:
    shown = page.ledger_tab.controller.dialog
    assert isinstance(shown, AdvanceDialog)
    return shown


def problem(department: str | None, responsible_no: str, found_on: date, deadline_days: int = 10) -> NewLedgerItem:
    return NewLedgerItem(
        source=Source.UNANNOUNCED_VISIT,
        found_on=found_on,
        department_id=department,
        matter="食品经营许可",
        window_no=3,
        responsible_no=responsible_no,
        problem_type=ProblemType.OUTSIDE_REVIEW,
        facts="暗访发现申请材料先交科室预审，窗口仅补录。",
        evidence="暗访记录",
        responsible_unit="市场监督管理局",
        measure="",
        deadline_days=deadline_days,
    )


def test_a_problem_entered_by_hand_is_refused_field_by_field_then_recorded(qtbot, demo_ctx):
    page = open_page(qtbot, demo_ctx, "J001", ledger_today(demo_ctx))
    tab = page.ledger_tab
    page.tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() == 0 and not tab.export_button.isEnabled()
    qtbot.keyClick(tab, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 新增问题
    qtbot.waitUntil(lambda: tab.controller.dialog is not None)
    dialog = new_dialog(page)
    scjg = department_id(demo_ctx.store, "SCJG")
    assert dialog.department.findData(scjg) > 0  # the departments offered, by name
    dialog.department.setCurrentIndex(dialog.department.findData(scjg))
    dialog.source.setCurrentIndex(dialog.source.findData(Source.UNANNOUNCED_VISIT))
    dialog.responsible_unit.setText("市场监督管理局")
    dialog.submitted.emit()  # no facts
    qtbot.waitUntil(lambda: "请填写问题描述" in dialog.errors["facts"].text(), timeout=5000)
    assert dialog.errors["facts"].isVisibleTo(dialog) and tab.model.rowCount() == 0
    dialog.facts.setPlainText("暗访发现申请材料先交科室预审，窗口仅补录。")
    dialog.matter.setText("食品经营许可")
    dialog.window_no.setValue(3)
    dialog.submitted.emit()
    qtbot.waitUntil(lambda: tab.controller.dialog is None and tab.model.rowCount() == 1, timeout=5000)
    row = tab.model.rows[0]
    assert (row.source, row.department, row.matter, row.window_no) == (
        Source.UNANNOUNCED_VISIT,
        "青山县市场监督管理局",
        "食品经营许可",
        3,
    )
    assert row.status == LedgerStatus.OPEN and row.found_on == date.today() and row.signal_id is None
    assert "已登记问题台账" in tab.message.text() and row.item_no in tab.message.text()
    assert tab.model.color(row) is None  # neither overdue nor closed


def test_a_red_signal_is_taken_up_into_the_ledger_from_a_drafted_dialog(qtbot, demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))  # 一审一核, accepted at 9:00
    approvals = ApprovalService(demo_ctx.store, demo_ctx.workstation_id, FixedClock(datetime(2026, 3, 2, 9, 8)))
    approvals.review(person(demo_ctx, "R001"), case_id, True, "材料齐全，符合条件")
    approvals.review(person(demo_ctx, "S001"), case_id, True, "准予许可", "准予食品经营许可，经营项目：预包装食品销售")
    page = open_page(qtbot, demo_ctx, "J001", ledger_today(demo_ctx))
    rows = page.model.rows
    red = next(i for i, r in enumerate(rows) if r.level == Level.RED and r.kind == "提前办结异常")
    signal = rows[red]
    page.table.selectRow(red)
    assert page.take_up_button.isEnabled()
    yellow = next((i for i, r in enumerate(rows) if r.level == Level.YELLOW), None)
    if yellow is not None:  # a yellow card is not taken up
        page.table.selectRow(yellow)
        assert not page.take_up_button.isEnabled()
        page.table.selectRow(red)

    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # 列入台账
    qtbot.waitUntil(lambda: page.ledger_tab.controller.dialog is not None)
    dialog = new_dialog(page)
    draft = dialog.new_item()
    assert draft.source == Source.MONITORING and draft.found_on == date.today()
    assert draft.problem_type == ProblemType.OUTSIDE_REVIEW  # 提前办结异常: reviewed outside the hall
    assert draft.department_id == department_id(demo_ctx.store, "SCJG") and draft.responsible_no == signal.staff_no
    assert signal.why in draft.facts and "仅用 8 分钟" in draft.facts and "人员 C001" in draft.facts
    assert draft.responsible_unit == signal.department
    dialog.submitted.emit()
    qtbot.waitUntil(lambda: page.ledger_tab.controller.dialog is None, timeout=5000)
    qtbot.waitUntil(
        lambda: (
            any(r.id == signal.id and r.ledger_item_id for r in page.model.rows)
            and page.ledger_tab.model.rowCount() == 1
        ),
        timeout=5000,
    )
    item = page.ledger_tab.model.rows[0]
    assert item.signal_id == signal.id and item.source == Source.MONITORING
    assert "已列入问题台账" in page.message.text() and item.item_no in page.message.text()
    taken = next(r for r in page.model.rows if r.id == signal.id)
    assert IN_LEDGER in page.model.cells(taken) and not can_take_up(taken)
    page.table.selectRow(page.model.rows.index(taken))
    assert not page.take_up_button.isEnabled() and IN_LEDGER in page.evidence.toPlainText()
    assert item.item_no in page.evidence.toPlainText()  # which row of the ledger it became


def test_a_row_goes_to_its_close_verified_by_someone_else_and_is_exported(qtbot, demo_ctx, tmp_path):
    ledger = ledger_today(demo_ctx)
    supervisor, manager = person(demo_ctx, "J001"), person(demo_ctx, "M001")
    late = ledger.add(supervisor, problem(None, "C001", date(2026, 3, 2)))  # due in March: overdue
    own = ledger.add(supervisor, problem(department_id(demo_ctx.store, "SCJG"), "J001", date.today()))
    page = open_page(qtbot, demo_ctx, "J001", ledger)
    tab = page.ledger_tab
    page.tabs.setCurrentWidget(tab)
    by_id = {r.id: r for r in tab.model.rows}
    assert tab.model.color(by_id[late.id]) == OVERDUE and "逾期" in tab.model.cells(by_id[late.id])[11]
    assert tab.model.color(by_id[own.id]) is None and "逾期 1 条" in tab.counts.text()

    def advance(page: SupervisionPage, to: LedgerStatus, note: str = "") -> AdvanceDialog:
        tab = page.ledger_tab
        at = next(i for i, r in enumerate(tab.model.rows) if r.id == own.id)
        tab.table.selectRow(at)
        page.activateWindow()  # back from the last dialog
        qtbot.waitUntil(page.isActiveWindow)
        qtbot.keyClick(tab, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 推进状态
        qtbot.waitUntil(lambda: tab.controller.dialog is not None)
        dialog = advance_dialog(page)
        dialog.status.setCurrentIndex(dialog.status.findData(to))
        assert dialog.target() == to
        dialog.note.setText(note)
        dialog.submitted.emit()
        return dialog

    dialog = advance(page, LedgerStatus.IN_PROGRESS)  # no measure yet
    assert dialog.note_label.text() == "整改措施"
    qtbot.waitUntil(lambda: "请先填写整改措施" in dialog.summary.text(), timeout=5000)
    dialog.note.setText("收回科室预审，材料一律窗口受理")
    dialog.submitted.emit()
    qtbot.waitUntil(lambda: tab.controller.dialog is None, timeout=5000)
    qtbot.waitUntil(lambda: any(r.id == own.id and r.status == LedgerStatus.IN_PROGRESS for r in tab.model.rows))
    advance(page, LedgerStatus.RECTIFIED)
    qtbot.waitUntil(lambda: any(r.id == own.id and r.status == LedgerStatus.RECTIFIED for r in tab.model.rows))
    qtbot.waitUntil(lambda: tab.controller.dialog is None, timeout=5000)
    dialog = advance(page, LedgerStatus.CLOSED, "复查合格")  # J001 is the person the row names
    assert [dialog.status.itemData(i) for i in range(dialog.status.count())] == [
        LedgerStatus.CLOSED,
        LedgerStatus.IN_PROGRESS,
    ]
    qtbot.waitUntil(lambda: "销号须由责任人以外的人员验收" in dialog.summary.text(), timeout=5000)
    assert tab.controller.dialog is dialog  # refused, it stays open with what was typed
    dialog.reject()
    qtbot.waitUntil(lambda: tab.controller.dialog is None)

    other = open_page(qtbot, demo_ctx, "M001", ledger)  # the manager verifies and closes it
    other.tabs.setCurrentWidget(other.ledger_tab)
    tab = other.ledger_tab
    advance(other, LedgerStatus.CLOSED, "复查合格")
    qtbot.waitUntil(lambda: any(r.id == own.id and r.status == LedgerStatus.CLOSED for r in tab.model.rows))
    closed = next(r for r in tab.model.rows if r.id == own.id)
    assert closed.verifier == manager.staff_no and closed.closed_on == date.today()
    assert tab.model.color(closed) == CLOSED and tab.model.cells(closed)[12] == "M001"
    at = tab.model.rows.index(closed)
    tab.table.selectRow(at)
    assert not tab.advance_button.isEnabled()  # a closed row is final

    tab.status_filter.setCurrentIndex(tab.status_filter.findData(LedgerStatus.CLOSED))
    qtbot.waitUntil(lambda: [r.id for r in tab.model.rows] == [own.id] and not tab.controller.loading)
    tab.status_filter.setCurrentIndex(0)  # 全部状态
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2 and not tab.controller.loading)

    asked: list[str] = []

    def choose(name: str) -> str:
        asked.append(name)
        return str(tmp_path / name)

    tab.controller.choose_path = choose
    tab.export_button.click()
    qtbot.waitUntil(lambda: "已导出 2 条问题" in tab.message.text(), timeout=5000)
    assert asked and asked[0].startswith("问题台账_") and asked[0].endswith(".xlsx")
    sheet = load_workbook(tmp_path / asked[0]).active
    assert sheet is not None and sheet.max_row == 3
    assert {r[0].value for r in sheet.iter_rows(min_row=2)} == {late.item_no, own.item_no}


def test_a_signal_kind_points_at_its_problem_type():
    expected = {
        "应进未进": "应进未进",
        "清单外特别程序": "特殊环节无依据",
        "提前办结异常": "大厅外受理审查",
        "补录": "大厅外受理审查",
        "现场无取号": "大厅外受理审查",
        "厅外办理": "大厅外受理审查",
        "非工作时间办理": "大厅外受理审查",
        "清单外材料": "增加办事材料",
        "超时": "其他",
        "同一人办理分离环节": "其他",
        "无岗位或授权办理": "其他",
    }
    assert {kind: str(problem_type_for(SignalKind(kind))) for kind in expected} == expected


def test_the_new_item_dialog_gives_the_ledger_its_enums_not_their_text(qtbot):
    """Qt hands a combo box's enum data back as text; the item sent to the center is typed, so
    the wire encodes it without pydantic's warning of an unexpected value."""
    import warnings

    from app.web import wire

    dialog = NewItemDialog([])
    qtbot.addWidget(dialog)
    dialog.facts.setPlainText("窗口要求提交清单外材料")
    dialog.responsible_unit.setText("市场监督管理局")
    item = dialog.new_item()
    assert type(item.source) is Source and type(item.problem_type) is ProblemType
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wire.encode(item)


def test_the_pane_shows_who_is_responsible_and_what_was_said_at_rectification_and_close(qtbot, demo_ctx):
    ledger = ledger_today(demo_ctx)
    supervisor, manager = person(demo_ctx, "J001"), person(demo_ctx, "M001")
    item = ledger.add(supervisor, problem(None, "C001", date.today()))
    ledger.advance(supervisor, item.id, LedgerStatus.IN_PROGRESS, "收回科室预审，材料一律窗口受理")
    ledger.advance(supervisor, item.id, LedgerStatus.RECTIFIED, "预审权限已收回窗口")
    ledger.advance(manager, item.id, LedgerStatus.CLOSED, "复查合格")
    page = open_page(qtbot, demo_ctx, "J001", ledger)
    tab = page.ledger_tab
    page.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    shown = tab.detail.toPlainText()
    assert "责任人：C001" in shown and "责任单位：市场监督管理局" in shown
    assert "整改情况：预审权限已收回窗口" in shown and "验收意见：复查合格" in shown
    assert "核验人：M001" in shown
