"""The 自查评分表 and 自查自纠报告 over a store: the items the record can judge follow what it holds
(a matter moved out of the hall, a step taken from a back office, a signal left unexplained), a
department's own answer fills items 1, 2, 5; the report prints the work done, the nine items, the
problems and measures with the closure rate, a signature line and the seal's space, on A4 with
every font embedded; supervisors and managers only, in the service and over HTTP."""

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from app.approval.service import ApprovalService
from app.bound import bind
from app.clock import FixedClock
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.supervision.ledger import LedgerService
from app.supervision.ledger_dto import NewLedgerItem
from app.supervision.ledger_rules import LedgerStatus, ProblemType, Source
from app.supervision.scorecard import Verdict
from app.supervision.self_check import SelfCheckService
from app.supervision.self_check_dto import SelfCheck
from app.supervision.service import SignalService
from db.models import AuditEntry, SelfCheckAnswer, Workstation
from tests import pdf_reading
from tests.helpers import ON_BOTH_BACKENDS, accepted_case, department_id, ledger_item, out_of_hall, person

MONDAY = date(2026, 3, 2)
FIRST, LAST = date(2026, 3, 1), date(2026, 3, 31)
YES, NO, OPEN = Verdict.YES, Verdict.NO, Verdict.OPEN


def at(day: date, hour: int = 12) -> FixedClock:
    return FixedClock(datetime.combine(day, time(hour)))


def flat_text(pdf: bytes) -> str:
    """The PDF's text with its line breaks taken out: a cell's sentence wraps anywhere."""
    return pdf_reading.text(pdf).replace("\r", "").replace("\n", "")


def verdicts(card) -> dict[int, Verdict]:
    return {a.item_no: a.verdict for a in card.answers}


def reviewed_from_a_back_office(ctx) -> str:
    """A 食品经营许可 case accepted Monday at nine, reviewed and decided ten minutes later from the
    workstation, recorded as standing in the department's office upstairs."""
    case_id = accepted_case(ctx, "SCJG-003", MONDAY)
    with ctx.store.sessions.begin() as s:
        ws = s.get(Workstation, ctx.workstation_id)
        ws.in_hall, ws.place = False, "市场监管局三楼科室"
    service = ApprovalService(ctx.store, ctx.workstation_id, FixedClock(datetime(2026, 3, 2, 9, 10)))
    service.review(person(ctx, "R001"), case_id, True, "材料齐全，符合条件")
    service.review(person(ctx, "S001"), case_id, True, "准予许可", "准予食品经营许可，经营项目：预包装食品销售")
    return case_id


def test_the_record_answers_what_it_can_and_says_so(demo_ctx):
    service, supervisor = SelfCheckService(demo_ctx.store, at(MONDAY)), person(demo_ctx, "J001")
    scjg = department_id(demo_ctx.store, "SCJG")
    card = service.scorecard(supervisor, scjg, FIRST, LAST)
    assert card.unit == "青山县市场监督管理局" and (card.first, card.last) == (FIRST, LAST)
    assert [a.item_no for a in card.answers] == list(range(1, 10))
    before = verdicts(card)
    assert before[1] == before[2] == before[5] == OPEN and before[3] == YES and before[8] == YES

    name = out_of_hall(demo_ctx.store, "SCJG-001")
    reviewed_from_a_back_office(demo_ctx)
    SignalService(demo_ctx.store, at(MONDAY, 18)).sweep(supervisor)
    after = {a.item_no: a for a in service.scorecard(supervisor, scjg, FIRST, LAST).answers}
    assert after[3].verdict == NO and name in after[3].evidence
    assert after[6].verdict == NO and "市场监管局三楼科室" in after[6].evidence
    assert after[8].verdict == NO and "“厅外办理” 3 条" in after[8].evidence and "提前办结异常" in after[8].evidence
    # outside the period, nothing of it counts
    earlier = verdicts(service.scorecard(supervisor, scjg, date(2026, 2, 1), date(2026, 2, 28)))
    assert earlier[6] == OPEN and earlier[8] == YES


def test_a_yellow_lead_is_not_a_finding(demo_ctx):
    service, supervisor = SelfCheckService(demo_ctx.store, at(MONDAY, 18)), person(demo_ctx, "J001")
    scjg = department_id(demo_ctx.store, "SCJG")
    accepted_case(demo_ctx, "SCJG-003", MONDAY)  # at window 1, where nobody was served: 现场无取号, yellow
    signals = SignalService(demo_ctx.store, at(MONDAY, 18))
    signals.sweep(supervisor)
    (lead,) = [r for r in signals.signals(supervisor) if r.kind == "现场无取号"]
    item8 = {a.item_no: a for a in service.scorecard(supervisor, scjg, FIRST, LAST).answers}[8]
    assert lead.level == "黄牌" and item8.verdict == YES and "黄牌为待核查线索" in item8.evidence


def test_a_department_records_items_one_two_and_five_and_the_latest_counts(demo_ctx):
    service, manager = SelfCheckService(demo_ctx.store, at(MONDAY, 9)), person(demo_ctx, "M001")
    scjg = department_id(demo_ctx.store, "SCJG")
    with pytest.raises(ValidationFailed) as refused:
        service.record(manager, scjg, 3, YES)
    assert {e.field for e in refused.value.errors} == {"item_no"}
    with pytest.raises(ValidationFailed) as refused:
        service.record(manager, scjg, 5, NO, "无")
    assert {e.field for e in refused.value.errors} == {"note"}
    with pytest.raises(ValidationFailed):
        service.record(manager, scjg, 1, OPEN)
    with pytest.raises(NotFound):
        service.record(manager, "no-such-department", 1, YES)
    first = service.record(manager, scjg, 5, NO, "审批系统尚未对接省一体化平台")
    assert first.verdict == NO and first.recorded and "M001" in first.evidence
    service.clock = at(MONDAY, 10)
    service.record(manager, scjg, 5, YES, "已完成对接")
    service.record(manager, scjg, 1, YES)
    card = {a.item_no: a for a in service.scorecard(manager, scjg, FIRST, LAST).answers}
    assert (card[1].verdict, card[2].verdict, card[5].verdict) == (YES, OPEN, YES)
    assert card[5].evidence.endswith("已完成对接")
    with demo_ctx.store.sessions() as s:
        assert len(s.scalars(select(SelfCheckAnswer)).all()) == 3  # the earlier answer stays on record
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "self_check.answered")).all()


def test_only_supervisors_and_managers_and_a_period_in_order(demo_ctx):
    service = SelfCheckService(demo_ctx.store, at(MONDAY))
    scjg = department_id(demo_ctx.store, "SCJG")
    for staff_no in ("C001", "S001", "R001"):
        with pytest.raises(PermissionDenied):
            service.scorecard(person(demo_ctx, staff_no), scjg, FIRST, LAST)
        with pytest.raises(PermissionDenied):
            service.report(person(demo_ctx, staff_no), None, FIRST, LAST)
        with pytest.raises(PermissionDenied):
            service.record(person(demo_ctx, staff_no), scjg, 1, YES)
    with pytest.raises(ValidationFailed) as refused:
        service.scorecard(person(demo_ctx, "J001"), scjg, LAST, FIRST)
    assert refused.value.errors[0].field == "last"
    with pytest.raises(NotFound):
        service.scorecard(person(demo_ctx, "J001"), "no-such-department", FIRST, LAST)


def test_the_whole_center_combines_its_departments(demo_ctx):
    service, supervisor = SelfCheckService(demo_ctx.store, at(MONDAY)), person(demo_ctx, "J001")
    out_of_hall(demo_ctx.store, "SCJG-001")
    card = service.scorecard(supervisor, None, FIRST, LAST)
    assert card.department_id is None and card.unit  # the center's name, from the hall's settings
    item3 = card.answers[2]
    assert item3.verdict == NO and item3.evidence == "存在问题的单位：青山县市场监督管理局。"


def problem(department: str, **changes) -> NewLedgerItem:
    """The back office's review, found by 电子监察, with its measure."""
    found = dict(
        source=Source.MONITORING,
        window_no=6,
        responsible_no="R001",
        facts="审核在市场监管局三楼科室完成，窗口仅录入。",
        evidence="电子监察 厅外办理",
        responsible_unit="青山县市场监督管理局",
        measure="审核一律在大厅工作站完成，撤除科室终端",
    )
    return ledger_item(department, **{**found, **changes})


def report_with_problems(ctx) -> tuple[bytes, int, str]:
    supervisor, manager = person(ctx, "J001"), person(ctx, "M001")
    scjg = department_id(ctx.store, "SCJG")
    out_of_hall(ctx.store, "SCJG-001")
    reviewed_from_a_back_office(ctx)
    signals = SignalService(ctx.store, at(MONDAY, 18))
    signals.sweep(supervisor)
    (burst,) = [r for r in signals.signals(supervisor) if r.kind == "现场无取号"][:1]
    signals.explain(supervisor, burst.id, "该窗口当天使用纸质登记，已核实")
    ledger = LedgerService(ctx.store, at(date(2026, 3, 20)))
    closed = ledger.add(supervisor, problem(scjg))
    for status in (LedgerStatus.IN_PROGRESS, LedgerStatus.RECTIFIED, LedgerStatus.CLOSED):
        ledger.advance(manager if status == LedgerStatus.CLOSED else supervisor, closed.id, status)
    ledger.add(supervisor, problem(scjg, problem_type=ProblemType.NOT_IN_HALL, facts="食品生产许可未进驻大厅。"))
    ledger.add(supervisor, problem(scjg, problem_type=ProblemType.NOT_IN_HALL, facts="另一事项未进驻。"))
    ledger.add(supervisor, problem(scjg, found_on=date(2026, 2, 27), facts="上期的问题，不在本期。"))
    service = SelfCheckService(ctx.store, at(date(2026, 4, 1)))
    service.record(manager, scjg, 1, YES, "审批职能已集中到行政审批科")
    made = service.report(supervisor, scjg, FIRST, LAST)
    assert made.unit == "青山县市场监督管理局"
    assert made.file_name == "自查自纠报告-青山县市场监督管理局-20260301至20260331.pdf"
    return made.pdf, made.pages, scjg


def test_the_report_prints_the_sections_and_figures_signed_and_sealed(demo_ctx, tmp_path):
    pdf, pages, _ = report_with_problems(demo_ctx)
    (tmp_path / "report.pdf").write_bytes(pdf)  # kept to look at: pytest --basetemp=DIR
    for page in range(pages):
        pdf_reading.render(pdf, page, dpi=110).save(tmp_path / f"report-page{page + 1}.png")
    flat = flat_text(pdf)
    assert "关于“大厅之外有审批”问题的自查自纠报告" in flat
    assert "报告单位：青山县市场监督管理局" in flat and "自查期间：2026年3月1日至2026年3月31日" in flat
    for heading in ("一、自查工作开展情况", "二、“三个无审批”自查评分情况", "三、发现的问题", "四、整改措施及进展"):
        assert heading in flat
    assert "本期受理的 1 件办件" in flat and "排除误报 1 条" in flat and "红牌 " in flat
    assert "纸质登记" in flat  # the reason a false alarm was explained
    assert "本期共发现问题 3 个" in flat and "上期的问题" not in flat
    assert "应进未进" in flat and "大厅外受理审查" in flat
    assert "撤除科室终端" in flat and "已销号" in flat and "2026-03-16" in flat
    assert "已销号 1 个" in flat and "销号率 33.3%" in flat
    assert "主要领导（签字）" in flat and "日期：" in flat and "（单位盖章）" in flat
    assert "政务服务大厅之外有审批" in flat and "审批职能已集中到行政审批科" in flat
    assert f"共 {pages} 页" in flat and "第 1 页" in flat
    # Ledger numbers and deadlines stand each on one line of its cell, never broken over two.
    lines = pdf_reading.text(pdf).replace("\r", "").split("\n")
    assert any("2026-03-16" in line for line in lines) and any("台账〔2026〕0001" in line for line in lines)
    assert pdf_reading.page_size_mm(pdf) == (210.0, 297.0) and pdf_reading.page_count(pdf) == pages
    assert pdf_reading.unembedded_fonts(pdf) == [] and pdf_reading.fonts(pdf)


def test_a_page_holds_the_service_bound_to_its_person(demo_ctx):
    page: SelfCheck = bind(SelfCheckService(demo_ctx.store, at(MONDAY)), person(demo_ctx, "J001"), SelfCheck)
    scjg = department_id(demo_ctx.store, "SCJG")
    assert page.record(scjg, 2, YES).verdict == YES
    assert page.scorecard(scjg, FIRST, LAST).answers[1].verdict == YES
    assert page.report(None, FIRST, LAST).pdf.startswith(b"%PDF")


@ON_BOTH_BACKENDS  # the loopback center on SQLite and on PostgreSQL
def test_the_scorecard_and_report_over_http_refuse_a_clerk(center, tmp_path):
    from app.supervision.self_check_client import SelfCheckClient
    from tests.sync_harness import People, workstation

    center.app.state.self_check.clock = at(MONDAY)
    ws, _sync = workstation(center, tmp_path, "ws")
    desk = People(ws, SelfCheckClient)
    scjg = department_id(center.store, "SCJG")
    with pytest.raises(DomainError, match="仅限监察人员、大厅管理员"):
        desk["C001"].scorecard(scjg, FIRST, LAST)
    with pytest.raises(DomainError, match="仅限监察人员"):
        desk["C001"].report(None, FIRST, LAST)
    with pytest.raises(ValidationFailed) as refused:
        desk["M001"].record(scjg, 4, YES)
    assert refused.value.errors[0].field == "item_no"
    answer = desk["M001"].record(scjg, 5, NO, "审批系统尚未对接省一体化平台")
    assert answer.verdict == NO and answer.recorded
    card = desk["J001"].scorecard(scjg, FIRST, LAST)
    assert card.unit == "青山县市场监督管理局" and card.answers[4].verdict == NO
    assert card.answers[4].verdict is Verdict.NO  # rebuilt as the enum, not a bare string
    made = desk["J001"].report(scjg, FIRST, LAST)
    assert made.pdf.startswith(b"%PDF") and made.pages >= 1
    assert "审批系统尚未对接省一体化平台" in flat_text(made.pdf)
    whole = desk["M001"].report(None, FIRST, FIRST + timedelta(days=6))
    assert pdf_reading.unembedded_fonts(whole.pdf) == []
