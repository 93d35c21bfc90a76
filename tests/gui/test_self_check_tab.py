"""The 自查自纠 tab of the 电子监察 page against the services themselves (bound to the supervisor, no
HTTP): a department's scorecard with a matter moved out of the hall without a 负面清单 shows item 3
red and its unanswered items yellow; item 1 answered 否 without a note is refused under the field,
then accepted and the scorecard reloaded; 填报 is not offered for the whole center nor for an item
the record judges; the report fetched and previewed names the unit."""

from datetime import date, datetime

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.bound import bind
from app.clock import FixedClock
from app.supervision.dto import Signals
from app.supervision.ledger import LedgerService
from app.supervision.ledger_dto import Ledger
from app.supervision.scorecard import Verdict
from app.supervision.self_check import SelfCheckService
from app.supervision.self_check_dto import ReportPdf, SelfCheck
from app.supervision.service import SignalService
from db.models import Department
from tests import pdf_reading
from tests.helpers import out_of_hall, person
from ui.palette import RED, YELLOW
from ui.supervision.page import SupervisionPage
from ui.supervision.self_check_dialogs import AnswerDialog
from ui.supervision.self_check_model import WHOLE_CENTER, month_so_far
from ui.widgets import qdate

NOON = FixedClock(datetime(2026, 3, 2, 12))
FIRST, LAST = date(2026, 3, 1), date(2026, 3, 31)


def department_name(store, code: str) -> str:
    with store.sessions() as s:
        found = s.scalar(select(Department.name).where(Department.code == code))
        assert found is not None
        return found


def open_tab(qtbot, ctx) -> SupervisionPage:
    actor = person(ctx, "J001")
    page = SupervisionPage(
        bind(SignalService(ctx.store, NOON), actor, Signals),
        bind(LedgerService(ctx.store, NOON), actor, Ledger),
        bind(SelfCheckService(ctx.store, NOON), actor, SelfCheck),
        actor,
    )
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    tab = page.self_check_tab
    assert tab.period() == month_so_far(date.today())  # the current month so far
    tab.first.setDate(qdate(FIRST))
    tab.last.setDate(qdate(LAST))
    page.tabs.setCurrentWidget(tab)  # shown the first time, the scorecard loads
    qtbot.waitUntil(lambda: tab.controller.card is not None and not tab.controller.loading, timeout=10000)
    assert tab.unit.currentText() == WHOLE_CENTER and tab.unit.count() > 1
    return page


def choose(qtbot, page: SupervisionPage, name: str) -> None:
    tab = page.self_check_tab
    tab.unit.setCurrentIndex(tab.unit.findText(name))  # a unit chosen loads its scorecard
    qtbot.waitUntil(
        lambda: tab.controller.card is not None and tab.controller.card.unit == name and not tab.controller.loading,
        timeout=10000,
    )


def row_of(page: SupervisionPage, item_no: int) -> int:
    return next(i for i, a in enumerate(page.self_check_tab.model.rows) if a.item_no == item_no)


def test_a_department_s_scorecard_shows_a_problem_red_and_what_is_unanswered_yellow(qtbot, demo_ctx):
    matter = out_of_hall(demo_ctx.store, "SCJG-001")
    page = open_tab(qtbot, demo_ctx)
    tab = page.self_check_tab
    scjg = department_name(demo_ctx.store, "SCJG")
    choose(qtbot, page, scjg)
    rows = tab.model.rows
    assert [a.item_no for a in rows] == list(range(1, 10))
    headers = [tab.model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert headers == ["序号", "自查内容", "是否符合", "依据"]
    third = rows[row_of(page, 3)]
    assert third.verdict == Verdict.NO and tab.model.color(third) == RED
    assert tab.model.color(rows[row_of(page, 1)]) == YELLOW  # 待填: nobody has answered
    assert all(tab.model.color(a) is None for a in rows if a.verdict == Verdict.YES)
    tab.table.selectRow(row_of(page, 3))
    assert matter in tab.detail.toPlainText()
    assert not tab.record_button.isEnabled()  # item 3 is the record's to judge
    problems = sum(1 for a in rows if a.verdict == Verdict.NO)
    assert scjg in tab.counts.text() and f"存在问题 {problems} 项" in tab.counts.text()


def test_item_one_refused_without_a_note_then_recorded_and_the_scorecard_reloads(qtbot, demo_ctx):
    page = open_tab(qtbot, demo_ctx)
    tab = page.self_check_tab
    tab.table.selectRow(row_of(page, 1))
    assert not tab.record_button.isEnabled()  # the whole center: each department answers for itself
    tab.controller.record()  # as a double-click asks
    assert tab.controller.dialog is None and "请先选择一个部门" in tab.message.text()
    scjg = department_name(demo_ctx.store, "SCJG")
    choose(qtbot, page, scjg)
    tab.table.selectRow(row_of(page, 1))
    assert tab.record_button.isEnabled()
    qtbot.keyClick(tab, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # 填报…（Ctrl+Enter）
    qtbot.waitUntil(lambda: tab.controller.dialog is not None)
    dialog = tab.controller.dialog
    assert isinstance(dialog, AnswerDialog)
    dialog.no.setChecked(True)
    dialog.note.setPlainText("无")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.errors["note"].isVisible(), timeout=10000)
    assert "至少 4 个字" in dialog.errors["note"].text()
    assert tab.controller.dialog is dialog and dialog.note.toPlainText() == "无"  # kept what was typed
    dialog.note.setPlainText("审批职能仍分散在三个科室，尚未集中")
    dialog.ok.click()
    qtbot.waitUntil(lambda: tab.controller.dialog is None, timeout=10000)
    qtbot.waitUntil(
        lambda: not tab.controller.loading and tab.model.rows[row_of(page, 1)].verdict == Verdict.NO, timeout=10000
    )
    first = tab.model.rows[row_of(page, 1)]
    assert tab.model.color(first) == RED and "尚未集中" in first.evidence and "J001" in first.evidence
    assert "已填报" in tab.message.text()
    assert tab.table.currentIndex().row() == row_of(page, 1)  # the item answered stays selected


def reporting(qtbot, ctx) -> tuple[SupervisionPage, str, list[ReportPdf]]:
    """The tab with 市场监管 chosen, its preview off (modal, it would wait for a person); the
    reports fetched are appended to the list."""
    page = open_tab(qtbot, ctx)
    scjg = department_name(ctx.store, "SCJG")
    choose(qtbot, page, scjg)
    page.self_check_tab.controller.preview_enabled = False
    reports: list[ReportPdf] = []
    page.self_check_tab.controller.report_ready.connect(reports.append)
    return page, scjg, reports


def test_the_report_is_previewed_with_the_unit_named(qtbot, demo_ctx):
    page, scjg, reports = reporting(qtbot, demo_ctx)
    tab = page.self_check_tab
    qtbot.keyClick(page, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)  # 生成报告…（Ctrl+G）
    qtbot.waitUntil(lambda: bool(reports), timeout=20000)
    assert tab.report_button.isEnabled()
    text = pdf_reading.text(reports[0].pdf).replace("\r", "").replace("\n", "")
    assert "自查自纠报告" in text and scjg in text
    assert reports[0].unit == scjg and reports[0].file_name.endswith(".pdf")
    assert scjg in tab.message.text()


def test_f5_loads_the_period_chosen_and_a_period_out_of_order_is_refused(qtbot, demo_ctx):
    page = open_tab(qtbot, demo_ctx)
    tab = page.self_check_tab
    tab.first.setDate(qdate(date(2026, 2, 1)))
    tab.last.setDate(qdate(date(2026, 2, 28)))
    qtbot.keyClick(page, Qt.Key.Key_F5)  # the 监察信号 tab's F5 (重新巡查) is hidden with its tab
    qtbot.waitUntil(
        lambda: tab.controller.card is not None and tab.controller.card.last == date(2026, 2, 28), timeout=10000
    )
    assert "2026-02-01 至 2026-02-28" in tab.counts.text()
    tab.last.setDate(qdate(date(2026, 1, 31)))
    tab.load_button.click()
    qtbot.waitUntil(lambda: not tab.controller.loading, timeout=10000)
    assert "截止日期不能早于起始日期" in tab.message.text()


def test_the_report_saved_from_its_preview_says_where_it_went(qtbot, demo_ctx, tmp_path):
    from ui.pdf_preview import save_folder

    page, scjg, reports = reporting(qtbot, demo_ctx)
    tab = page.self_check_tab
    said: list[str] = []
    tab.controller.message.connect(said.append)
    tab.report_button.click()
    qtbot.waitUntil(lambda: bool(reports), timeout=20000)
    preview = tab.controller.preview(reports[0])
    qtbot.addWidget(preview)
    offered: list[str] = []

    def chosen(path: str) -> str:
        offered.append(path)
        return str(tmp_path / "报告.pdf")

    preview.choose_path = chosen
    preview.save_as()
    # offered in the user's documents folder (or home), not the program's working directory
    assert offered == [str(save_folder() / reports[0].file_name)]
    assert (tmp_path / "报告.pdf").read_bytes() == reports[0].pdf
    where = str((tmp_path / "报告.pdf").resolve())
    assert preview.saved_to.isVisibleTo(preview) and where in preview.saved_to.text()
    assert where in tab.message.text() and "已保存到" in tab.message.text() and scjg in tab.message.text()
    assert said and where in said[-1]
