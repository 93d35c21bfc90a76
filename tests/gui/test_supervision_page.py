"""The 电子监察 page against the service itself (bound to the supervisor, no HTTP): the sweep's
signals in their colours with their evidence, and a false alarm explained stays on record, grey
and out of the counts."""

from datetime import date, datetime

from PySide6.QtCore import Qt

from app.approval.service import ApprovalService
from app.bound import bind
from app.clock import FixedClock
from app.dossier.dto import Dossiers
from app.dossier.service import DossierService
from app.supervision.dto import Signals
from app.supervision.ledger import LedgerService
from app.supervision.ledger_dto import Ledger
from app.supervision.rules import Level
from app.supervision.self_check import SelfCheckService
from app.supervision.self_check_dto import SelfCheck
from app.supervision.service import SignalService
from tests.helpers import accepted_case, person
from ui.supervision.model import COLORS, EXPLAINED, evidence_text
from ui.supervision.page import SupervisionPage


def decided_in_minutes(ctx) -> None:
    """A case of 一审一核 accepted at 9:00 and decided at 9:08 on 2 March: a red 提前办结异常."""
    case_id = accepted_case(ctx, "SCJG-003", date(2026, 3, 2))
    approvals = ApprovalService(ctx.store, ctx.workstation_id, FixedClock(datetime(2026, 3, 2, 9, 8)))
    approvals.review(person(ctx, "R001"), case_id, True, "材料齐全，符合条件")
    approvals.review(person(ctx, "S001"), case_id, True, "准予许可", "准予食品经营许可，经营项目：预包装食品销售")


def test_signals_show_their_evidence_and_a_false_alarm_is_explained(qtbot, demo_ctx):
    decided_in_minutes(demo_ctx)
    supervisor = person(demo_ctx, "J001")
    service = SignalService(demo_ctx.store, FixedClock(datetime(2026, 3, 2, 12)))
    ledger = bind(LedgerService(demo_ctx.store, FixedClock(datetime(2026, 3, 2, 12))), supervisor, Ledger)
    self_check = bind(SelfCheckService(demo_ctx.store, FixedClock(datetime(2026, 3, 2, 12))), supervisor, SelfCheck)
    page = SupervisionPage(bind(service, supervisor, Signals), ledger, self_check, supervisor)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["监察信号", "问题台账", "自查自纠"]
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.sweep_button.isEnabled(), timeout=10000)
    assert "巡查完成：新发现" in page.message.text()
    rows = page.model.rows
    fast = next(i for i, r in enumerate(rows) if r.kind == "提前办结异常")
    assert page.model.color(rows[fast]) == COLORS[rows[fast].level]
    page.table.selectRow(fast)
    assert "仅用 8 分钟" in page.evidence.toPlainText() and "人员 C001" in page.evidence.toPlainText()
    before = page.counts.text()
    assert "红牌" in before and "已排除 0" in before

    qtbot.keyClick(page, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # 排除误报
    qtbot.waitUntil(lambda: page.controller.dialog is not None)  # a button's shortcut clicks it a moment later
    dialog = page.controller.dialog
    assert dialog is not None
    dialog.reason.setText("短")
    dialog.submitted.emit()
    qtbot.waitUntil(lambda: "至少 4 个字" in dialog.errors["reason"].text(), timeout=5000)
    dialog.reason.setText("系统联调测试数据，已核实")
    dialog.submitted.emit()
    qtbot.waitUntil(lambda: page.controller.dialog is None and "已排除 1" in page.counts.text(), timeout=5000)
    explained = next(r for r in page.model.rows if r.kind == "提前办结异常")
    assert explained.explained and page.model.color(explained) == EXPLAINED
    assert "已由 J001 于 2026-03-02 12:00 排除：系统联调测试数据，已核实" in evidence_text(explained)

    page.show_explained.setChecked(False)  # kept on record, shown only when asked
    qtbot.waitUntil(
        lambda: all(not r.explained for r in page.model.rows) and page.sweep_button.isEnabled(), timeout=5000
    )
    assert "提前办结异常" not in {r.kind for r in page.model.rows}

    # The chart's bar of a department shows its signals only; 显示全部部门 brings the rest back.
    everything = len(page.model.rows)
    series = page.chart.chart().series()[0]
    (market,) = [i for i, bar in enumerate(page.chart.bars) if bar[0] == "青山县市场监督管理局"]
    series.clicked.emit(market, series.barSets()[0])
    assert {r.department for r in page.model.rows} == {"青山县市场监督管理局"}
    assert "（青山县市场监督管理局）" in page.counts.text() and page.all_departments.isVisible()
    qtbot.mouseClick(page.all_departments, Qt.MouseButton.LeftButton)
    assert len(page.model.rows) == everything and not page.all_departments.isVisible()


def test_a_signals_case_opens_as_its_dossier(qtbot, demo_ctx):
    accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))  # nobody served at window 1: 现场无取号
    supervisor = person(demo_ctx, "J001")
    clock = FixedClock(datetime(2026, 3, 2, 12))
    page = SupervisionPage(
        bind(SignalService(demo_ctx.store, clock), supervisor, Signals),
        bind(LedgerService(demo_ctx.store, clock), supervisor, Ledger),
        bind(SelfCheckService(demo_ctx.store, clock), supervisor, SelfCheck),
        supervisor,
        dossiers=bind(DossierService(demo_ctx.store, clock), supervisor, Dossiers),
    )
    qtbot.addWidget(page)
    assert page.case_file is not None
    page.case_file.preview_enabled = False
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.sweep_button.isEnabled(), timeout=10000)
    assert not page.dossier_button.isEnabled()  # nothing selected yet
    (lead,) = [i for i, r in enumerate(page.model.rows) if r.kind == "现场无取号"]
    page.table.selectRow(lead)
    assert page.dossier_button.isEnabled()
    with qtbot.waitSignal(page.case_file.shown, timeout=10000) as shown:
        qtbot.mouseClick(page.dossier_button, Qt.MouseButton.LeftButton)
    dossier = shown.args[0]
    assert dossier.case_no == page.model.rows[lead].case_no and dossier.pdf.startswith(b"%PDF")


NOON = FixedClock(datetime(2026, 3, 2, 12))


def noon_page(qtbot, ctx, signals: SignalService, dossiers: Dossiers | None = None) -> SupervisionPage:
    """J001's page on 2 March at noon, over the services themselves."""
    supervisor = person(ctx, "J001")
    page = SupervisionPage(
        bind(signals, supervisor, Signals),
        bind(LedgerService(ctx.store, NOON), supervisor, Ledger),
        bind(SelfCheckService(ctx.store, NOON), supervisor, SelfCheck),
        supervisor,
        dossiers=dossiers,
    )
    qtbot.addWidget(page)
    return page


def test_a_red_signal_taken_up_names_its_cases_matter_and_window_in_the_draft(qtbot, demo_ctx):
    decided_in_minutes(demo_ctx)
    supervisor = person(demo_ctx, "J001")
    dossiers = DossierService(demo_ctx.store, NOON)
    page = noon_page(qtbot, demo_ctx, SignalService(demo_ctx.store, NOON), bind(dossiers, supervisor, Dossiers))
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.sweep_button.isEnabled(), timeout=10000)
    qtbot.waitUntil(lambda: not page.ledger_tab.controller.loading, timeout=10000)
    (red,) = [i for i, r in enumerate(page.model.rows) if r.kind == "提前办结异常"]
    signal = page.model.rows[red]
    page.table.selectRow(red)
    page.take_up_button.click()
    qtbot.waitUntil(lambda: page.ledger_tab.controller.dialog is not None, timeout=10000)
    dialog = page.ledger_tab.controller.dialog
    matter = dossiers.find(supervisor, signal.case_no).matter
    assert matter and dialog.new_item().matter == matter
    window_no = dossiers.find(supervisor, signal.case_no).window_no  # the window that accepted it
    assert window_no is not None and dialog.new_item().window_no == window_no
    assert dialog.window_no.text() == str(window_no)
    dialog.reject()


def test_the_greyed_out_buttons_say_why(qtbot, demo_ctx):
    decided_in_minutes(demo_ctx)
    supervisor = person(demo_ctx, "J001")
    signals = SignalService(demo_ctx.store, NOON)
    page = noon_page(qtbot, demo_ctx, signals)
    assert not page.take_up_button.isEnabled() and "选中一条信号" in page.take_up_button.toolTip()
    assert "选中一条信号" in page.explain_button.toolTip()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.sweep_button.isEnabled(), timeout=10000)
    (red,) = [r for r in page.model.rows if r.kind == "提前办结异常"]
    page.table.selectRow(page.model.rows.index(red))
    assert page.take_up_button.isEnabled() and page.take_up_button.toolTip() == ""
    assert page.explain_button.isEnabled() and page.explain_button.toolTip() == ""
    signals.explain(supervisor, red.id, "系统联调测试数据，已核实")
    page.controller.refresh(sweep=False)
    qtbot.waitUntil(
        lambda: page.sweep_button.isEnabled() and any(r.id == red.id and r.explained for r in page.model.rows),
        timeout=5000,
    )
    page.table.selectRow(next(i for i, r in enumerate(page.model.rows) if r.id == red.id))
    assert not page.explain_button.isEnabled() and page.explain_button.toolTip() == "该信号已排除误报。"
    assert not page.take_up_button.isEnabled() and "已排除误报" in page.take_up_button.toolTip()
    yellow = next((i for i, r in enumerate(page.model.rows) if r.level != Level.RED), None)
    if yellow is not None:
        page.table.selectRow(yellow)
        assert "只有红牌" in page.take_up_button.toolTip()


def test_a_manager_sets_a_matters_too_fast_minutes_and_a_supervisor_has_no_button(qtbot, demo_ctx):
    supervisor_page = noon_page(qtbot, demo_ctx, SignalService(demo_ctx.store, NOON))
    assert supervisor_page.too_fast_button.isHidden()

    manager = person(demo_ctx, "M001")
    signals = SignalService(demo_ctx.store, NOON)
    page = SupervisionPage(
        bind(signals, manager, Signals),
        bind(LedgerService(demo_ctx.store, NOON), manager, Ledger),
        bind(SelfCheckService(demo_ctx.store, NOON), manager, SelfCheck),
        manager,
    )
    qtbot.addWidget(page)
    assert not page.too_fast_button.isHidden() and "Ctrl+M" in page.too_fast_button.text()
    page.too_fast_button.click()
    qtbot.waitUntil(lambda: page.controller.limits_dialog is not None, timeout=10000)
    dialog = page.controller.limits_dialog
    assert dialog is not None
    assert dialog.width() <= 1366 and dialog.height() <= 768
    headers = [dialog.model.headerData(i, Qt.Orientation.Horizontal) for i in range(dialog.model.columnCount())]
    assert headers == ["事项编码", "事项名称", "部门", "审批方式", "默认(分钟)", "本事项(分钟)"]
    codes = [r.code for r in dialog.model.rows]
    assert "SCJG-003" in codes
    dialog.select(dialog.model.rows[codes.index("SCJG-003")].matter_id)
    assert dialog.minutes.value() == 30 and not dialog.default_button.isEnabled()
    dialog.minutes.setValue(60)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and "60 分钟" in dialog.status.text(), timeout=10000)
    (row,) = [r for r in signals.too_fast_limits(manager) if r.code == "SCJG-003"]
    assert row.minutes == 60
    assert dialog.current() is not None and dialog.current().minutes == 60  # the row shows it, still selected
    assert dialog.model.cells(dialog.current())[5] == "60"

    dialog.default_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and "恢复默认" in dialog.status.text(), timeout=10000)
    assert next(r for r in signals.too_fast_limits(manager) if r.code == "SCJG-003").minutes is None
    assert dialog.minutes.value() == 30
