"""On-site approval: separation of duties, authorization scope and validity, deadlines with
special-step pauses and one extension across the Spring Festival holiday."""

from datetime import date

import pytest
from sqlalchemy import select

from app.actor import Actor, Role
from app.approval.deadlines import days_left, limits, warning
from app.approval.service import ApprovalRefused
from app.errors import PermissionDenied
from app.workdays import WorkCalendar
from db.models import Case, Department, SpecialStepDef, Staff, StaffRole
from tests.helpers import accepted_case, approvals, person, taken_before_rule_12


def test_two_distinct_people_and_the_last_one_authorized(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))  # 食品经营许可, 一审一核
    service = approvals(demo_ctx, date(2026, 3, 3))
    reviewer, chief = person(demo_ctx, "R001"), person(demo_ctx, "S001")
    (row,) = [r for r in service.inbox(reviewer) if r.case_id == case_id]
    assert row.step == "审核" and row.matter == "食品经营许可（新办）"
    with pytest.raises(PermissionDenied):
        service.inbox(person(demo_ctx, "C001"))
    with pytest.raises(ApprovalRefused, match="所属部门"):
        service.review(person(demo_ctx, "S002"), case_id, True, "同意")  # another department's chief
    with pytest.raises(ApprovalRefused, match="审批意见"):
        service.review(reviewer, case_id, True, "  ")
    assert service.review(reviewer, case_id, True, "材料齐全，符合条件").decided is None
    with pytest.raises(ApprovalRefused, match="同一人不能承担"):
        service.review(reviewer, case_id, True, "再审一次")
    with pytest.raises(ApprovalRefused, match="首席代表"):
        service.review(person(demo_ctx, "R002"), case_id, True, "同意")
    assert case_id not in [r.case_id for r in service.inbox(reviewer)]  # nothing left for R001 here
    assert [r.step for r in service.inbox(chief) if r.case_id == case_id] == ["核准"]
    result = service.review(chief, case_id, True, "准予许可", "准予食品经营许可，经营项目：预包装食品销售")
    assert (result.step, result.decided) == ("核准", "准予")
    with pytest.raises(ApprovalRefused, match="已作出决定"):
        service.review(chief, case_id, True, "准予许可", "准予食品经营许可，经营项目：预包装食品销售")


def test_authority_out_of_scope_or_out_of_date_decides_nothing(demo_ctx):
    with demo_ctx.store.sessions.begin() as s:  # a back-office reviewer of 人社局
        rsj = s.scalar(select(Department).where(Department.code == "RSJ"))
        staff = Staff(staff_no="R003", name="钱进", department_id=rsj.id)
        staff.roles = [StaffRole(role="reviewer")]
        s.add(staff)
    early = accepted_case(demo_ctx, "RSJ-001", date(2026, 2, 12))  # 审核合一; S003's letter runs from 3-01
    chief = person(demo_ctx, "S003")
    with pytest.raises(ApprovalRefused, match="不在有效期内"):
        approvals(demo_ctx, date(2026, 2, 13)).review(chief, early, True, "同意")
    assert approvals(demo_ctx, date(2026, 3, 2)).review(chief, early, True, "同意", "准予登记").decided == "准予"

    outside = accepted_case(demo_ctx, "RSJ-005", date(2026, 3, 2))  # 一审一核, not in S003's letter
    service = approvals(demo_ctx, date(2026, 3, 3))
    reviewer = Actor(None, "R003", "钱进", frozenset({Role.REVIEWER}), demo_ctx.workstation_id)
    with pytest.raises(ApprovalRefused, match="“核准”无人可办"):  # nobody could then decide (rule 12)
        service.review(reviewer, outside, True, "同意")
    taken_before_rule_12(demo_ctx, outside, "R003", "钱进")  # old data
    with pytest.raises(ApprovalRefused, match="不在您的授权书范围内"):
        service.review(chief, outside, True, "同意")
    with demo_ctx.store.sessions() as s:
        assert s.get(Case, outside).decision is None  # nothing changed


def test_the_accepting_clerk_cannot_be_the_sole_reviewer(demo_ctx):
    with demo_ctx.store.sessions.begin() as s:  # S003 also works the comprehensive window
        s.add(StaffRole(staff_id=s.scalar(select(Staff.id).where(Staff.staff_no == "S003")), role="clerk"))
    case_id = accepted_case(demo_ctx, "RSJ-002", date(2026, 3, 2), clerk_no="S003")  # 审核合一
    with pytest.raises(ApprovalRefused, match="不能同时作为唯一审批人"):
        approvals(demo_ctx, date(2026, 3, 2)).review(person(demo_ctx, "S003"), case_id, True, "同意")


def test_deadlines_with_a_site_inspection_and_an_extension_across_the_spring_festival(demo_ctx):
    # 食品生产许可: statutory 10, promised 7 working days; 一审一核 with a registered 现场勘验.
    case_id = accepted_case(demo_ctx, "SCJG-006", date(2026, 2, 5))
    with demo_ctx.store.sessions() as s:
        case = s.get(Case, case_id)
        cal = WorkCalendar.load(s)
        inspection = s.scalar(select(SpecialStepDef).where(SpecialStepDef.version_id == case.matter_version_id))
        foreign = s.scalar(select(SpecialStepDef).where(SpecialStepDef.version_id != case.matter_version_id))
        assert (case.promised_due_on, case.statutory_due_on) == (date(2026, 2, 14), date(2026, 2, 26))
    chief, reviewer = person(demo_ctx, "S001"), person(demo_ctx, "R001")

    with pytest.raises(ApprovalRefused, match="办事指南登记的特殊环节"):
        approvals(demo_ctx, date(2026, 2, 10)).start_special_step(reviewer, case_id, foreign.id)
    step = approvals(demo_ctx, date(2026, 2, 10)).start_special_step(
        reviewer, case_id, inspection.id, people="孙丽（食品检查员证 SC-0123）、王伟（高级工程师）"
    )
    assert step.kind == "现场勘验" and step.due_on == cal.add_working_days(date(2026, 2, 10), inspection.limit_days).day
    with pytest.raises(ApprovalRefused, match="已有特殊环节"):
        approvals(demo_ctx, date(2026, 2, 10)).start_special_step(reviewer, case_id, inspection.id)
    with pytest.raises(ApprovalRefused, match="特殊环节进行中"):
        approvals(demo_ctx, date(2026, 2, 11)).review(reviewer, case_id, True, "同意")
    # While the inspection runs the clock stands still: one working day paused by Feb 11.
    # (The reviewer's inbox: the chief, the department's only one, is kept for 核准.)
    (row,) = [r for r in approvals(demo_ctx, date(2026, 2, 11)).inbox(reviewer) if r.case_id == case_id]
    assert row.paused and row.promised_due == date(2026, 2, 24)

    ended = approvals(demo_ctx, date(2026, 2, 12)).end_special_step(reviewer, case_id, "现场符合要求")
    assert ended.paused_days == 2  # Feb 11 and 12
    # 7 + 2 working days: the make-up Saturday Feb 14 counts, the holiday Feb 15–23 does not.
    (row,) = [r for r in approvals(demo_ctx, date(2026, 2, 24)).inbox(reviewer) if r.case_id == case_id]
    assert (row.promised_due, row.statutory_due) == (date(2026, 2, 25), date(2026, 2, 28))
    assert (row.days_left, row.warning) == (1, "yellow")

    service = approvals(demo_ctx, date(2026, 2, 24))
    with pytest.raises(ApprovalRefused, match="首席代表"):
        service.extend(reviewer, case_id, 5, "需补充检验报告")
    with pytest.raises(ApprovalRefused, match="1～10"):
        service.extend(chief, case_id, 11, "需补充检验报告")
    assert service.extend(chief, case_id, 5, "需补充检验报告").statutory_due == date(2026, 3, 6)  # 10 + 5 + 2
    with pytest.raises(ApprovalRefused, match="只能延长一次"):
        service.extend(chief, case_id, 1, "再延一天")
    (late,) = [r for r in approvals(demo_ctx, date(2026, 2, 26)).inbox(reviewer) if r.case_id == case_id]
    assert (late.days_left, late.warning) == (-1, "red")  # the promised limit is not extended


def test_limits_are_working_days_plus_pauses_and_extension():
    spring = {date(2026, 2, 14): True, date(2026, 2, 28): True, **{date(2026, 2, d): False for d in range(15, 24)}}
    cal = WorkCalendar(spring, {2026: False})
    due = limits(cal, date(2026, 2, 13), statutory_days=20, promised_days=5, extension=0, paused=0)
    assert (due.statutory.day, due.promised.day) == (date(2026, 3, 19), date(2026, 2, 27))
    assert days_left(cal, date(2026, 2, 13), date(2026, 2, 24)) == 2 and warning(2) == "yellow"
    assert days_left(cal, date(2026, 3, 2), date(2026, 2, 27)) == -2 and warning(-2) == "red"  # Feb 28 worked
    assert warning(4) == ""


def test_a_chief_decides_over_http_at_the_center_and_the_read_is_recorded(tmp_path):
    from app.approval.client import ApprovalClient
    from db.models import AuditEntry
    from tests.sync_harness import as_person, center_with_a_case

    with center_with_a_case(tmp_path) as hall:
        reviewer, chief = (as_person(hall.desk, ApprovalClient, no) for no in ("R001", "S001"))
        (row,) = reviewer.inbox()
        view = reviewer.case_view(row.case_id)
        assert view.next_step == "审核" and view.applicant == "张三" and "*" in view.applicant_document
        assert [n.kind for n in view.notices] == ["受理通知书"]
        reviewer.review(row.case_id, True, "材料齐全")
        with pytest.raises(ApprovalRefused, match="同一人不能承担"):
            reviewer.review(row.case_id, True, "再审")
        assert chief.review(row.case_id, False, "经营场所不符合要求").decided == "不予"
        assert chief.inbox() == []
        with hall.center.store.sessions() as s:
            assert s.get(Case, row.case_id).decision == "不予"
            viewed = s.scalars(select(AuditEntry).where(AuditEntry.action == "case.viewed")).all()
            assert [v.staff_no for v in viewed] == ["R001"]
