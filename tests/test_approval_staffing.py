"""No case is stranded (DESIGN §4 rule 12): a step is not offered to, and is refused for, a person
whose taking it leaves a later step with nobody eligible; a case whose steps cannot all be taken
any more is flagged at once (无人可办) with why, to its department and to the manager.

The rules first, from tables and without a database; then the service on the demo county, where
市场监管 (SCJG) has one chief (S001) and one reviewer (R001)."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.actor import Actor, Role
from app.approval import rules
from app.approval.client import ApprovalClient
from app.approval.service import ApprovalRefused
from app.authorizations.service import AuthorizationService
from app.dossier.gather import gather
from app.errors import PermissionDenied
from db.models import ChiefAuthorization, Department, Staff, StaffRole
from tests.helpers import accepted_case, approvals, person, taken_before_rule_12
from tests.sync_harness import People, center_with_a_case, revoke_over_http

TODAY = date(2026, 3, 3)
IN_FORCE = rules.Authorization("青市监授1号", "SCJG", frozenset({"M"}), date(2026, 1, 1), date(2026, 12, 31))
EXPIRED = rules.Authorization("青市监授0号", "SCJG", frozenset({"M"}), date(2025, 1, 1), date(2025, 12, 31))
REVOKED = rules.Authorization(
    "青市监授1号", "SCJG", frozenset({"M"}), date(2026, 1, 1), date(2026, 12, 31), revoked_on=date(2026, 3, 1)
)
OTHER_MATTER = rules.Authorization("青市监授2号", "SCJG", frozenset({"X"}), date(2026, 1, 1), date(2026, 12, 31))


def chief(no: str, *letters: rules.Authorization, name: str = "") -> rules.Person:
    return rules.Person(no, frozenset({"chief"}), "SCJG", letters, name)


def reviewer(no: str, department: str = "SCJG") -> rules.Person:
    return rules.Person(no, frozenset({"reviewer"}), department)


S001 = chief("S001", IN_FORCE, name="陈静")
S004 = chief("S004", IN_FORCE)
R001, R003 = reviewer("R001"), reviewer("R003")


def case(mode: str, done: tuple[str, ...] = (), accepted_by: str = "C001") -> rules.CaseFacts:
    return rules.CaseFacts(mode, "M", "SCJG", accepted_by, done, False)


# (case, the people who might take its steps, who asks for the next step, offered?)
OFFERED = [
    (case("一审一核"), [S001, R001], R001, True),
    (case("一审一核"), [S001, R001], S001, False),  # the department's only chief is needed for 核准
    (case("一审一核"), [S001, S004, R001], S001, True),  # another chief can decide
    (case("一审一核", ("R001",)), [S001, R001], S001, True),
    (case("一审两核"), [S001, R001, R003], R001, True),
    (case("一审两核"), [S001, R001, R003], S001, False),
    (case("一审两核"), [S001, R001], R001, False),  # then 复核 and 核准 would both need S001
    (case("一审两核", ("R001",)), [S001, R001, R003], R003, True),
    (case("一审两核", ("R001",)), [S001, R001, R003], S001, False),
    (case("一审两核", ("R001", "R003")), [S001, R001, R003], S001, True),
    (case("审核合一"), [S001], S001, True),
    (case("审核合一", accepted_by="S001"), [S001, S004], S001, False),  # accepted it: not the sole reviewer
    (case("审核合一", accepted_by="S001"), [S001, S004], S004, True),
]


@pytest.mark.parametrize(("facts", "people", "asking", "offered"), OFFERED)
def test_a_step_is_offered_only_when_the_later_steps_keep_a_person_each(facts, people, asking, offered):
    why = rules.refusal(asking, facts, TODAY, people)
    assert (why is None) == offered, why


def test_the_refusal_says_which_later_step_would_be_left_with_nobody():
    why = rules.refusal(S001, case("一审一核"), TODAY, [S001, R001])
    assert why == (
        "您若办理“审核”，“核准”无人可办：可以办理的只有陈静（S001），同一人不能承担两个审批环节。"
        "请由其他人员办理“审核”。"
    )


# (case, the people who might take its steps, why it is stranded, or None)
STRANDED = [
    (case("一审一核"), [S001, R001], None),
    (
        case("一审一核", ("S001",)),
        [S001, R001],
        "“核准”无人可办：可以办理的只有陈静（S001），同一人不能承担两个审批环节",
    ),
    (
        case("一审一核"),
        [chief("S001", EXPIRED, name="陈静"), R001],
        "“核准”无人可办：首席代表陈静（S001）的授权书不在有效期内或已终止",
    ),
    (
        case("一审一核"),
        [chief("S001", REVOKED, name="陈静"), R001],
        "“核准”无人可办：首席代表陈静（S001）的授权书不在有效期内或已终止",
    ),
    (case("一审一核"), [chief("S001", OTHER_MATTER), R001], "“核准”无人可办：没有首席代表持有覆盖该事项的授权书"),
    (case("一审一核"), [S001], "“审核”、“核准”须由 2 名不同人员办理，可以办理的只有陈静（S001）"),
    (case("一审一核"), [], "“审核”无人可办：本事项所属部门没有在岗的审批人员或首席代表"),
    (
        case("一审一核"),
        [S001, reviewer("R002", "ZRZY")],
        "“审核”、“核准”须由 2 名不同人员办理，可以办理的只有陈静（S001）",
    ),
    (case("一审两核"), [S001, R001], "“审核”、“复核”、“核准”须由 3 名不同人员办理，可以办理的只有陈静（S001）、R001"),
    (case("一审两核"), [S001, R001, R003], None),
    (
        case("审核合一", accepted_by="S001"),
        [S001],
        "“审核决定”无人可办：唯一持有效授权书的首席代表受理了该办件，不能同时作为唯一审批人",
    ),
    (rules.CaseFacts("一审一核", "M", "SCJG", "C001", ("R001", "S001"), True), [], None),  # decided
]


@pytest.mark.parametrize(("facts", "people", "why"), STRANDED)
def test_a_case_whose_steps_cannot_all_be_taken_says_why(facts, people, why):
    assert rules.stranded(facts, people, TODAY) == why


def test_stranded_exactly_when_nobody_is_offered_the_next_step():
    """Both rules answer the same assignment problem: a case is stranded if and only if nobody
    among its people may take the next step."""
    for facts, people, why in STRANDED[:-1]:
        offered = [p for p in people if rules.refusal(p, facts, TODAY, people) is None]
        assert bool(offered) == (why is None), (facts, why)


# -- the service, on the demo county ----------------------------------------------------------------


def revoke_s001_letter(ctx, on: date) -> None:
    with ctx.store.sessions() as s:
        letter_id = s.scalar(
            select(ChiefAuthorization.id).where(ChiefAuthorization.document_no == "青市监授〔2026〕1号")
        )
    letters = AuthorizationService(ctx.store)
    letters.revoke(person(ctx, "M001"), letter_id, "首席代表岗位调整", on=on)


def test_the_chief_is_not_offered_a_review_that_would_leave_nobody_to_decide(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))  # 食品经营许可, 一审一核
    service = approvals(demo_ctx, TODAY)
    chief_s001, reviewer_r001 = person(demo_ctx, "S001"), person(demo_ctx, "R001")
    assert case_id not in [r.case_id for r in service.inbox(chief_s001)]
    (row,) = [r for r in service.inbox(reviewer_r001) if r.case_id == case_id]
    assert (row.step, row.stranded) == ("审核", "")
    with pytest.raises(ApprovalRefused, match="您若办理“审核”，“核准”无人可办"):
        service.review(chief_s001, case_id, True, "同意")
    assert service.stranded_cases(person(demo_ctx, "M001")) == []  # R001 can, so nothing is stranded

    service.review(reviewer_r001, case_id, True, "材料齐全")
    assert [r.step for r in service.inbox(chief_s001) if r.case_id == case_id] == ["核准"]
    assert service.review(chief_s001, case_id, True, "准予许可", "准予食品经营许可").decided == "准予"


def test_a_case_whose_chief_lost_the_letter_is_red_for_the_department_and_listed_for_the_manager(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))
    revoke_s001_letter(demo_ctx, date(2026, 3, 3))
    service = approvals(demo_ctx, TODAY)
    why = "“核准”无人可办：首席代表陈静（S001）的授权书不在有效期内或已终止"

    for staff_no in ("R001", "S001"):  # the department's reviewer and chief both see it, in red
        (row,) = [r for r in service.inbox(person(demo_ctx, staff_no)) if r.case_id == case_id]
        assert (row.step, row.stranded) == ("审核", why)
    with pytest.raises(ApprovalRefused, match="无人可办"):
        service.review(person(demo_ctx, "R001"), case_id, True, "同意")  # not actionable
    assert service.case_view(person(demo_ctx, "R001"), case_id).stranded == why

    (listed,) = [c for c in service.stranded_cases(person(demo_ctx, "M001")) if c.case_id == case_id]
    assert (listed.matter, listed.department, listed.step, listed.reason) == (
        "食品经营许可（新办）",
        "青山县市场监督管理局",
        "审核",
        why,
    )
    with pytest.raises(PermissionDenied):
        service.stranded_cases(person(demo_ctx, "R001"))  # the manager's list


def test_old_data_where_the_only_chief_took_the_review_is_flagged(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))
    taken_before_rule_12(demo_ctx, case_id, "S001", "陈静")
    service = approvals(demo_ctx, TODAY)
    (row,) = [r for r in service.inbox(person(demo_ctx, "S001")) if r.case_id == case_id]
    assert row.step == "核准" and "可以办理的只有陈静（S001）" in row.stranded
    assert [c.case_id for c in service.stranded_cases(person(demo_ctx, "M001"))] == [case_id]


def test_three_person_review_with_a_site_inspection_needs_three_people_and_the_step(demo_ctx):
    """一审两核 + 现场勘验 end to end: the registered step runs, and review, re-review and the decision
    are taken by three distinct people, the last a chief under a letter in force."""
    catalog = demo_ctx.catalog
    hit = next(h for h in catalog.search("食品生产许可") if h.kind == "matter")
    current = catalog.guide(hit.id).guide
    catalog.save_guide(person(demo_ctx, "M001"), replace(current, review_mode="一审两核"), "复杂事项增加复核")
    case_id = accepted_case(demo_ctx, "SCJG-006", date(2026, 3, 2))
    service = approvals(demo_ctx, TODAY)
    manager = person(demo_ctx, "M001")
    (stuck,) = service.stranded_cases(manager)  # SCJG has two people: one short
    assert stuck.reason.startswith("“审核”、“复核”、“核准”须由 3 名不同人员办理")

    with demo_ctx.store.sessions.begin() as s:  # a second reviewer joins 市场监管
        scjg = s.scalar(select(Department.id).where(Department.code == "SCJG"))
        staff = Staff(staff_no="R003", name="钱进", department_id=scjg)
        staff.roles = [StaffRole(role="reviewer")]
        s.add(staff)
    r003 = Actor(None, "R003", "钱进", frozenset({Role.REVIEWER}), demo_ctx.workstation_id)
    s001, r001 = person(demo_ctx, "S001"), person(demo_ctx, "R001")
    assert service.stranded_cases(manager) == []
    view = service.case_view(r001, case_id)
    assert view.review_mode == "一审两核（特别程序：现场勘验）"
    (inspection,) = view.registered_steps

    with pytest.raises(ApprovalRefused, match="您若办理“审核”，“核准”无人可办"):
        service.review(s001, case_id, True, "同意")
    service.start_special_step(r001, case_id, inspection.id, people="孙丽（食品检查员证 SC-0123）")
    with pytest.raises(ApprovalRefused, match="特殊环节进行中"):
        service.review(r001, case_id, True, "同意")
    service.end_special_step(r001, case_id, "现场符合要求")
    assert service.review(r001, case_id, True, "材料齐全，现场符合要求").step == "审核"
    with pytest.raises(ApprovalRefused, match="同一人不能承担"):
        service.review(r001, case_id, True, "再审")
    with pytest.raises(ApprovalRefused, match="您若办理“复核”，“核准”无人可办"):
        service.review(s001, case_id, True, "同意")
    assert service.review(r003, case_id, True, "同意").step == "复核"
    result = service.review(s001, case_id, True, "准予许可", "准予医疗机构执业登记")
    assert (result.step, result.decided) == ("核准", "准予")

    steps = service.case_view(r001, case_id).steps
    assert [(r.step, r.staff) for r in steps] == [
        ("审核", "孙丽（R001）"),
        ("复核", "钱进（R003）"),
        ("核准", "陈静（S001）"),
    ]
    assert steps[2].authorization_no == "青市监授〔2026〕1号"
    assert [c.kind for c in service.case_view(r001, case_id).special_steps] == ["现场勘验"]
    with demo_ctx.store.sessions() as s:  # the dossier shows the mode as the case view does
        assert gather(s, case_id, "测试", datetime(2026, 3, 4, 9)).review_mode == "一审两核（特别程序：现场勘验）"


def test_the_center_refuses_the_step_and_lists_the_stranded_case_over_http(tmp_path):
    with center_with_a_case(tmp_path) as hall:
        client = People(hall.desk, ApprovalClient)
        assert client["S001"].inbox() == []
        (row,) = client["R001"].inbox()
        with pytest.raises(ApprovalRefused, match="您若办理“审核”，“核准”无人可办"):
            client["S001"].review(row.case_id, True, "同意")
        assert client["M001"].stranded_cases() == []
        with pytest.raises(ApprovalRefused, match="无权"):
            client["R001"].stranded_cases()

        revoke_over_http(hall.desk, "S001")
        (listed,) = client["M001"].stranded_cases()
        assert listed.case_no == row.case_no and "授权书不在有效期内或已终止" in listed.reason
        (red,) = client["R001"].inbox()
        assert red.stranded == listed.reason
