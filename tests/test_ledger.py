"""The 问题台账 at the center: a problem entered field by field (refused in Chinese when wrong),
numbered 台账〔year〕NNNN and due in working days; a red signal taken up once; followed 待整改 →
整改中 → 已整改 → 已销号 with the verifier someone else than the person responsible; overdue rows
red, in the list and in the workbook; kept by supervisors and managers only, in the service and
over HTTP."""

import io
import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.bound import bind
from app.clock import FixedClock
from app.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from app.supervision.ledger import LedgerService
from app.supervision.ledger_dto import Ledger
from app.supervision.ledger_excel import HEADINGS
from app.supervision.ledger_rules import LedgerStatus, ProblemType, Source
from db.models import AuditEntry, LedgerItem, SupervisionSignal
from tests.helpers import ON_BOTH_BACKENDS, count, department_id, ledger_item, person

OPEN, DOING, DONE, CLOSED = LedgerStatus.OPEN, LedgerStatus.IN_PROGRESS, LedgerStatus.RECTIFIED, LedgerStatus.CLOSED
MONDAY = date(2026, 3, 2)


def ledger(ctx, on: date) -> LedgerService:
    return LedgerService(ctx.store, FixedClock(datetime.combine(on, datetime.min.time())))


def signal(store, level: str) -> str:
    with store.sessions() as s:
        found = SupervisionSignal(
            key=f"厅外办理:QS2026-ZX-0000{level}",
            kind="厅外办理",
            level=level,
            case_no="QS2026-ZX-00001",
            staff_no="R001",
            why="核准在未登记于大厅的计算机上完成。",
            evidence="[]",
        )
        s.add(found)
        s.commit()
        return found.id


def test_a_problem_is_checked_field_by_field_and_nothing_is_recorded_when_wrong(demo_ctx):
    service, supervisor = ledger(demo_ctx, MONDAY), person(demo_ctx, "J001")
    bad = ledger_item(
        "no-such-department",
        source="举报",
        found_on=date(2026, 3, 3),
        window_no=0,
        problem_type="乱收费",
        facts=" ",
        responsible_unit="",
        deadline_days=61,
    )
    with pytest.raises(ValidationFailed) as refused:
        service.add(supervisor, bad)
    messages = {e.field: e.message for e in refused.value.errors}
    assert set(messages) == {
        "source",
        "found_on",
        "department",
        "window_no",
        "problem_type",
        "facts",
        "responsible_unit",
        "deadline_days",
    }
    assert "晚于今天" in messages["found_on"] and "1 至 60 个工作日" in messages["deadline_days"]
    assert "问题描述" in messages["facts"] and "责任单位" in messages["responsible_unit"]
    with pytest.raises(ValidationFailed, match="1 至 60"):
        service.add(supervisor, ledger_item(None, deadline_days=0))
    assert count(demo_ctx, LedgerItem) == 0
    # Nothing recorded reserves no number: the first row is still 0001.
    assert service.add(supervisor, ledger_item(None)).item_no == "台账〔2026〕0001"


def test_rows_are_numbered_due_in_working_days_and_recorded_in_the_audit_log(demo_ctx):
    service, supervisor, manager = ledger(demo_ctx, MONDAY), person(demo_ctx, "J001"), person(demo_ctx, "M001")
    scjg = department_id(demo_ctx.store, "SCJG")
    first = service.add(supervisor, ledger_item(scjg))
    second = service.add(manager, ledger_item(None, found_on=date(2026, 2, 27), deadline_days=2))
    assert (first.item_no, second.item_no) == ("台账〔2026〕0001", "台账〔2026〕0002")
    assert first.due_on == date(2026, 3, 16)  # ten working days after Monday 2 March
    assert second.due_on == MONDAY  # after Friday 27 February: Saturday 28th (调休, worked), then Monday
    assert first.status == OPEN and first.department == "青山县市场监督管理局" and first.created_by == "J001"
    assert second.department == "" and second.department_id is None and first.signal_id is None
    assert not first.overdue and not second.overdue
    assert [r.item_no for r in service.ledger(manager)] == ["台账〔2026〕0001", "台账〔2026〕0002"]
    assert [r.id for r in service.ledger(manager, department_id=scjg)] == [first.id]
    with demo_ctx.store.sessions() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.entity_id == first.id))
        assert (entry.action, entry.entity, entry.staff_no) == ("ledger.added", "ledger_item", "J001")
        assert json.loads(entry.detail)["item_no"] == "台账〔2026〕0001"


def test_only_supervisors_and_managers_keep_the_ledger(demo_ctx):
    service = ledger(demo_ctx, MONDAY)
    row = service.add(person(demo_ctx, "M001"), ledger_item(None))
    for staff_no in ("C001", "S001", "R001"):
        actor = person(demo_ctx, staff_no)
        with pytest.raises(PermissionDenied, match="监察人员、大厅管理员"):
            service.ledger(actor)
        with pytest.raises(PermissionDenied):
            service.add(actor, ledger_item(None))
        with pytest.raises(PermissionDenied):
            service.advance(actor, row.id, DOING, "整改")
        with pytest.raises(PermissionDenied):
            service.export_excel(actor, [row])
    assert count(demo_ctx, LedgerItem) == 1


def test_a_row_moves_to_its_close_and_is_verified_by_someone_else(demo_ctx):
    service, supervisor, manager = ledger(demo_ctx, MONDAY), person(demo_ctx, "J001"), person(demo_ctx, "M001")
    row = service.add(supervisor, ledger_item(None, responsible_no="J001"))  # the supervisor's own conduct, say
    with pytest.raises(DomainError, match="整改措施"):
        service.advance(supervisor, row.id, DOING)
    with pytest.raises(DomainError, match="只有已整改的问题才能销号"):
        service.advance(supervisor, row.id, CLOSED)
    doing = service.advance(supervisor, row.id, DOING, "收回科室预审，材料一律窗口受理")
    assert doing.status == DOING and doing.measure == "收回科室预审，材料一律窗口受理"
    assert service.advance(supervisor, row.id, DONE).status == DONE
    with pytest.raises(DomainError, match="退回原因"):
        service.advance(supervisor, row.id, DOING)
    back = service.advance(supervisor, row.id, DOING, "复查仍有科室预审")
    assert back.status == DOING and back.measure == doing.measure  # the measure stays; the reason is logged
    service.advance(supervisor, row.id, DONE)
    with pytest.raises(DomainError, match="责任人以外"):
        service.advance(supervisor, row.id, CLOSED)
    closed = ledger(demo_ctx, date(2026, 3, 20)).advance(manager, row.id, CLOSED, "复查合格")
    assert (closed.status, closed.verifier, closed.closed_on) == (CLOSED, "M001", date(2026, 3, 20))
    assert not closed.overdue  # closed after its deadline, but closed
    with pytest.raises(DomainError, match="已销号"):
        service.advance(manager, row.id, DOING, "再查")
    with pytest.raises(NotFound):
        service.advance(manager, "no-such-row", DOING, "x")
    with demo_ctx.store.sessions() as s:
        moves = s.execute(
            select(AuditEntry.action, AuditEntry.reason).where(AuditEntry.entity_id == row.id).order_by(AuditEntry.seq)
        ).all()
    assert [reason for action, reason in moves if action == "ledger.advanced"] == [
        "收回科室预审，材料一律窗口受理",
        "",
        "复查仍有科室预审",
        "",
        "复查合格",
    ]


def test_a_row_past_its_deadline_is_overdue_until_closed(demo_ctx):
    manager = person(demo_ctx, "M001")
    row = ledger(demo_ctx, MONDAY).add(manager, ledger_item(None, measure="限期整改"))
    on_the_day, the_day_after = ledger(demo_ctx, row.due_on), ledger(demo_ctx, date(2026, 3, 17))
    assert not on_the_day.ledger(manager)[0].overdue
    assert the_day_after.ledger(manager)[0].overdue
    assert [r.id for r in the_day_after.ledger(manager, status=OPEN)] == [row.id]
    assert the_day_after.ledger(manager, status=CLOSED) == []
    for status in (DOING, DONE):
        assert the_day_after.advance(manager, row.id, status).overdue
    assert not the_day_after.advance(person(demo_ctx, "J001"), row.id, CLOSED).overdue


def test_a_red_signal_is_taken_up_once_and_a_yellow_one_is_not(demo_ctx):
    service, supervisor = ledger(demo_ctx, MONDAY), person(demo_ctx, "J001")
    red, yellow = signal(demo_ctx.store, "红牌"), signal(demo_ctx.store, "黄牌")
    from_signal = ledger_item(None, source=Source.MONITORING, problem_type=ProblemType.NOT_IN_HALL)
    with pytest.raises(ValidationFailed, match="电子监察"):
        service.add(supervisor, ledger_item(None), red)
    with pytest.raises(DomainError, match="只有红牌"):
        service.add(supervisor, from_signal, yellow)
    with pytest.raises(NotFound):
        service.add(supervisor, from_signal, "no-such-signal")
    row = service.add(supervisor, from_signal, red)
    assert row.signal_id == red and service.ledger(supervisor)[0].signal_id == red
    with pytest.raises(DomainError, match="已转入"):
        service.add(supervisor, from_signal, red)
    with demo_ctx.store.sessions() as s:
        assert s.get(SupervisionSignal, red).ledger_item_id == row.id
        assert s.get(SupervisionSignal, yellow).ledger_item_id is None
    assert count(demo_ctx, LedgerItem) == 1


def test_an_explained_signal_is_not_taken_up_and_the_departments_are_offered(demo_ctx):
    service, supervisor = ledger(demo_ctx, MONDAY), person(demo_ctx, "J001")
    red = signal(demo_ctx.store, "红牌")
    with demo_ctx.store.sessions() as s:
        found = s.get(SupervisionSignal, red)
        found.explained_at, found.explained_by, found.explanation = datetime(2026, 3, 2, 10), "J001", "纸质登记已核对"
        s.commit()
    from_signal = ledger_item(None, source=Source.MONITORING, problem_type=ProblemType.NOT_IN_HALL)
    with pytest.raises(DomainError, match="已作为误报排除"):
        service.add(supervisor, from_signal, red)
    assert count(demo_ctx, LedgerItem) == 0
    with demo_ctx.store.sessions() as s:
        assert s.get(SupervisionSignal, red).ledger_item_id is None
    offered = service.departments(supervisor)
    assert department_id(demo_ctx.store, "SCJG") in {d.id for d in offered}
    assert "青山县市场监督管理局" in {d.name for d in offered}
    with pytest.raises(PermissionDenied):
        service.departments(person(demo_ctx, "C001"))


def test_a_page_holds_the_service_bound_to_its_person(demo_ctx):
    page: Ledger = bind(ledger(demo_ctx, MONDAY), person(demo_ctx, "J001"), Ledger)
    row = page.add(ledger_item(None, measure="窗口受理"))
    assert page.advance(row.id, DOING).status == DOING
    assert [r.id for r in page.ledger(status=DOING)] == [row.id]


@ON_BOTH_BACKENDS  # the loopback center on SQLite and on PostgreSQL
def test_the_ledger_over_http_refuses_a_clerk_and_a_wrong_move_and_exports_red_rows(center, tmp_path):
    from app.supervision.ledger_client import LedgerClient
    from tests.sync_harness import People, workstation

    center.app.state.ledger.clock = FixedClock(datetime(2026, 3, 2, 9, 0))
    ws, _sync = workstation(center, tmp_path, "ws")
    desk = People(ws, LedgerClient)
    scjg = department_id(center.store, "SCJG")
    red = signal(center.store, "红牌")
    with pytest.raises(DomainError, match="仅限监察人员、大厅管理员"):
        desk["C001"].add(ledger_item(scjg))
    with pytest.raises(DomainError, match="仅限监察人员"):
        desk["C001"].ledger()
    with pytest.raises(ValidationFailed) as refused:
        desk["J001"].add(ledger_item(scjg, facts="", deadline_days=90))
    assert {e.field for e in refused.value.errors} == {"facts", "deadline_days"}
    late = desk["J001"].add(
        ledger_item(scjg, source=Source.MONITORING, problem_type=ProblemType.NOT_IN_HALL, found_on=date(2026, 2, 2)),
        red,
    )
    fresh = desk["M001"].add(ledger_item(None, measure="材料一律窗口受理"))
    assert late.item_no == "台账〔2026〕0001" and late.signal_id == red and late.overdue
    assert late.source == Source.MONITORING and late.found_on == date(2026, 2, 2)
    assert late.department == "青山县市场监督管理局"
    assert not fresh.overdue and fresh.due_on == date(2026, 3, 16)
    with pytest.raises(DomainError, match="只有已整改的问题才能销号"):
        desk["J001"].advance(fresh.id, CLOSED)
    assert desk["J001"].advance(fresh.id, DOING).status == DOING
    assert [r.id for r in desk["M001"].ledger(status=DOING)] == [fresh.id]
    assert [r.id for r in desk["M001"].ledger(department_id=scjg)] == [late.id]
    assert scjg in {d.id for d in desk["J001"].departments()}
    rows = desk["J001"].ledger()
    assert {r.item_no for r in rows} == {"台账〔2026〕0001", "台账〔2026〕0002"}
    sheet = load_workbook(io.BytesIO(desk["J001"].export_excel(rows))).active
    assert [c.value for c in sheet[1]] == HEADINGS and sheet.max_row == 3
    by_no = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    red_row, plain_row = by_no["台账〔2026〕0001"], by_no["台账〔2026〕0002"]
    assert red_row[HEADINGS.index("是否逾期")].value == "逾期"
    assert red_row[HEADINGS.index("问题来源")].value == "电子监察"
    assert red_row[HEADINGS.index("整改期限")].value.date() == late.due_on
    assert all(c.fill.fgColor.rgb == "FFFFC7CE" for c in red_row)
    assert plain_row[HEADINGS.index("状态")].value == "整改中"
    assert all(c.fill.fill_type is None for c in plain_row)


def test_the_notes_of_rectification_and_verification_come_with_the_row(demo_ctx):
    """The note typed at 已整改 and the 验收意见 at 销号 live in the moves' audit rows; the row
    carries the last of each, the rectification note only while the row stands rectified."""
    service, supervisor, manager = ledger(demo_ctx, MONDAY), person(demo_ctx, "J001"), person(demo_ctx, "M001")
    row = service.add(supervisor, ledger_item(None))
    other = service.add(supervisor, ledger_item(None, measure="材料一律窗口受理"))
    service.advance(supervisor, row.id, DOING, "收回科室预审")
    done = service.advance(supervisor, row.id, DONE, "预审权限已收回窗口")
    assert (done.rectified_note, done.verification_note) == ("预审权限已收回窗口", "")
    back = service.advance(supervisor, row.id, DOING, "复查仍有科室预审")
    assert back.rectified_note == ""  # sent back: that note no longer describes the row
    service.advance(supervisor, row.id, DONE, "科室预审全部取消，窗口受理")
    closed = service.advance(manager, row.id, CLOSED, "复查合格")
    assert (closed.rectified_note, closed.verification_note) == ("科室预审全部取消，窗口受理", "复查合格")
    listed = {r.id: r for r in service.ledger(supervisor)}
    assert listed[row.id] == closed
    assert (listed[other.id].rectified_note, listed[other.id].verification_note) == ("", "")
    sheet = load_workbook(io.BytesIO(service.export_excel(supervisor, [closed]))).active
    cells = [c.value for c in sheet[2]]
    assert cells[HEADINGS.index("整改情况")] == "科室预审全部取消，窗口受理"
    assert cells[HEADINGS.index("验收意见")] == "复查合格"
    assert cells[HEADINGS.index("责任人工号")] == "C001"


def test_the_notes_come_over_http_too(center, tmp_path):
    from app.supervision.ledger_client import LedgerClient
    from tests.sync_harness import People, workstation

    center.app.state.ledger.clock = FixedClock(datetime(2026, 3, 2, 9, 0))
    ws, _sync = workstation(center, tmp_path, "ws")
    desk = People(ws, LedgerClient)
    row = desk["J001"].add(ledger_item(None, measure="材料一律窗口受理"))
    desk["J001"].advance(row.id, DOING)
    desk["J001"].advance(row.id, DONE, "预审权限已收回窗口")
    closed = desk["M001"].advance(row.id, CLOSED, "复查合格")
    assert (closed.rectified_note, closed.verification_note) == ("预审权限已收回窗口", "复查合格")
    listed = desk["J001"].ledger()
    assert [(r.rectified_note, r.verification_note) for r in listed] == [("预审权限已收回窗口", "复查合格")]
