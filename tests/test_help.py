"""Help and agent service: requests and their plans, the pool's suggestion by skill and load, the
assignment rule (no skill only with a reason), the log and reminders, closing, the applicant's
rating and the agents' workload."""

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationFailed
from app.help.base import HelpRefused
from app.help.report import workload
from app.help.requests import HelpService, NewRequest, PlanStep
from db.models import Case, HelpRequest, Matter
from tests.helpers import accepted_case, department_id, green_source_request, person, prepared

TODAY = date(2026, 3, 2)


def service(ctx, on: date = TODAY) -> HelpService:
    return HelpService(ctx.store, ctx.workstation_id, FixedClock(datetime.combine(on, datetime.min.time())))


def matter(ctx, code: str) -> str:
    with ctx.store.sessions() as s:
        return s.scalar(select(Matter.id).where(Matter.code == code))


def project(ctx, *codes: str, lead: str | None = "SCJG") -> NewRequest:
    lead_id = department_id(ctx.store, lead) if lead else None
    plan = tuple(PlanStep(matter(ctx, c), (1,) if n > 1 else ()) for n, c in enumerate(codes, 1))
    return green_source_request(
        "全程帮办", "项目", date(2026, 3, 20), plan, project_name="绿源食品新厂开办", lead_department_id=lead_id
    )


def test_a_request_is_checked_field_by_field(demo_ctx):
    help, manager = service(demo_ctx), person(demo_ctx, "M001")
    good = project(demo_ctx, "SCJG-001", "SCJG-003", "SWJ-004")
    bad = replace(good, kind="随便", contact_phone="123", target_on=date(2026, 3, 1), lead_department_id=None)
    with pytest.raises(ValidationFailed) as refused:
        help.create(manager, bad)
    assert {e.field for e in refused.value.errors} == {"kind", "contact_phone", "target_on", "lead_department"}
    backwards = replace(good, plan=(PlanStep(good.plan[0].matter_id, (2,)), *good.plan[1:]))
    with pytest.raises(ValidationFailed, match="只能依赖排在它前面的事项"):
        help.create(manager, backwards)
    with pytest.raises(ValidationFailed, match="至少选择一个"):
        help.create(manager, replace(good, plan=()))
    with pytest.raises(ValidationFailed, match="校验"):
        help.create(manager, replace(good, applicant_doc="91411323MA9F8G2X3A"))
    with pytest.raises(PermissionDenied):
        help.create(person(demo_ctx, "R001"), good)
    assert help.requests(manager) == []  # nothing recorded


def test_the_pool_suggests_by_skill_then_load_and_assignment_needs_a_reason_without_skill(demo_ctx):
    help, manager = service(demo_ctx), person(demo_ctx, "M001")
    three = help.create(manager, project(demo_ctx, "SCJG-001", "SCJG-003", "SWJ-004"))
    ranked = help.suggest(manager, three)
    assert [(s.staff_no, s.covered) for s in ranked] == [("A001", 3), ("A003", 2), ("A002", 0)]
    assert ranked[0].fits and ranked[1].missing == ("增值税一般纳税人登记",)
    with pytest.raises(HelpRefused, match="郑华（A002）不熟悉"):
        help.assign(manager, three, "A002")
    with pytest.raises(HelpRefused, match="不在帮办代办专家人才库"):
        help.assign(manager, three, "C001")
    with demo_ctx.store.sessions() as s:
        assert s.get(HelpRequest, three).agent_id is None  # nothing recorded
    help.assign(manager, three, "A002", "A001、A003 本周外出培训，由 A002 先行对接")
    view = help.request(manager, three)
    assert view.agent == "郑华（A002）" and view.status == "办理中" and "外出培训" in view.assign_reason
    assert view.lead_department == "青山县市场监督管理局" and view.progress == [0, 3]

    # One matter both A001 and A003 know: equal coverage, so the less loaded agent comes first.
    def one() -> str:
        return help.create(manager, replace(project(demo_ctx, "SCJG-001", lead=None), subject="个人", applicant_doc=""))

    first = one()
    assert [s.staff_no for s in help.suggest(manager, first)][:2] == ["A001", "A003"]  # same load: deeper skill
    help.assign(manager, first, "A001")
    assert [s.staff_no for s in help.suggest(manager, one())][:2] == ["A003", "A001"]  # A001 now has 1 of 6


def test_log_reminders_close_and_the_applicants_rating(demo_ctx):
    help, manager, agent = service(demo_ctx), person(demo_ctx, "M001"), person(demo_ctx, "A001")
    request_id = help.create(manager, project(demo_ctx, "SCJG-001", "SWJ-004"))
    with pytest.raises(HelpRefused, match="尚未分派"):
        help.log(agent, request_id, "联系", "电话联系刘强")
    help.assign(manager, request_id, "A001")
    with pytest.raises(HelpRefused, match="请填写记录内容"):
        help.log(agent, request_id, "联系", " ")
    help.log(agent, request_id, "联系", "电话联系刘强，约定 3 月 4 日上午到厂勘查", due_on=date(2026, 3, 4))
    due = service(demo_ctx, date(2026, 3, 3)).reminders(agent)
    assert [(r.due_on, r.overdue) for r in due if r.log_id] == [(date(2026, 3, 4), False)]
    late = service(demo_ctx, date(2026, 3, 5)).reminders(agent)
    assert [r.overdue for r in late if r.log_id] == [True]
    help.done(agent, due[0].log_id)
    assert [r for r in help.reminders(agent) if r.log_id] == []
    with pytest.raises(HelpRefused, match="已分派给其他帮办员"):
        help.log(person(demo_ctx, "A002"), request_id, "联系", "越权记录")
    with pytest.raises(HelpRefused, match="办结后才能评价"):
        help.rate(agent, request_id, 5)
    help.close(agent, request_id, "两个事项均已受理，帮办结束")
    with pytest.raises(HelpRefused, match="须填写原因"):
        help.rate(agent, request_id, 2)
    help.rate(agent, request_id, 5)
    with pytest.raises(HelpRefused, match="不能重复评价"):
        help.rate(agent, request_id, 4)
    view = help.request(agent, request_id)
    assert view.rating == 5 and [e.kind for e in view.log] == ["登记", "分派", "联系", "办结", "评价"]
    (a001,) = [f for f in workload(demo_ctx.store, manager, date(2026, 1, 1), date(2026, 12, 31)) if "A001" in f.agent]
    assert (a001.received, a001.closed, a001.contacts, a001.average_rating, a001.bad_ratings) == (1, 1, 1, 5.0, 0)


def test_a_case_is_linked_to_its_matter_in_the_plan(demo_ctx):
    help, manager, agent = service(demo_ctx), person(demo_ctx, "M001"), person(demo_ctx, "A001")
    request_id = help.create(manager, project(demo_ctx, "SCJG-003", "SWJ-004"))
    help.assign(manager, request_id, "A001")
    case_id = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))
    with demo_ctx.store.sessions() as s:
        case_no = s.get(Case, case_id).case_no
    with pytest.raises(HelpRefused, match="办理的不是计划中的这个事项"):
        help.link_case(agent, request_id, 2, case_no)
    help.link_case(agent, request_id, 1, case_no)
    with pytest.raises(HelpRefused, match="已关联办件"):
        help.link_case(agent, request_id, 1, case_no)
    view = help.request(agent, request_id)
    assert [(p.state, p.ready) for p in view.plan] == [("已受理", True), ("未受理", True)]
    assert view.progress == [1, 2] and help.requests(manager)[0].progress == [1, 2]


def test_over_http_the_manager_assigns_from_the_suggestion_and_the_refusal_says_why(tmp_path):
    from app.help.client import HelpClient
    from tests.sync_harness import Center, People, workstation

    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    try:
        desk, _ = workstation(center, tmp_path, "desk")
        client = People(desk, HelpClient)
        new = replace(project(desk, "SCJG-001", "SCJG-003", "SWJ-004"), target_on=date.today())  # the center's clock
        with pytest.raises(ValidationFailed) as refused:
            client["M001"].create(replace(new, contact_phone="1"))
        assert [e.field for e in refused.value.errors] == ["contact_phone"]
        request_id = client["M001"].create(new)
        (first, *_rest) = client["M001"].suggest(request_id)
        assert (first.staff_no, first.fits, first.covered) == ("A001", True, 3)
        with pytest.raises(HelpRefused, match="不熟悉"):
            client["M001"].assign(request_id, "A002")
        client["M001"].assign(request_id, "A001")
        (row,) = client["A001"].requests()
        assert (row.agent, row.progress, row.status) == ("吴敏（A001）", [0, 3], "办理中")
        assert client["A002"].requests() == []  # another agent's request is not theirs to see
    finally:
        center.stop()
        center.store.engine.dispose()


def test_an_enterprise_project_is_helped_through_proxy_submissions_to_two_of_three(tmp_path):
    """Three matters in two departments, a lead department and an agent; the 委托书 drawn for the
    request reaches the window, the agent submits two matters as proxy, the center links them to
    the plan (2 of 3), the help is closed and the applicant rates it."""
    from app.acceptance.model import Applicant, ApplicantKind, Decision, Outcome, Person
    from app.auth import login
    from app.demo import DEMO_PASSWORD
    from app.help.client import HelpClient
    from app.help.proxy_client import ProxyLetterClient
    from app.help.proxy_letters import NewProxyLetter
    from app.identity import DocumentKind
    from tests.sync_harness import Center, People, workstation

    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    center.start()
    try:
        window, window_sync = workstation(center, tmp_path, "window")
        desk, _ = workstation(center, tmp_path, "desk")
        helps, letters = People(desk, HelpClient), People(desk, ProxyLetterClient)
        new = replace(project(desk, "SCJG-001", "SCJG-003", "SWJ-004"), target_on=date.today())
        request_id = helps["M001"].create(new)
        helps["M001"].assign(request_id, helps["M001"].suggest(request_id)[0].staff_no)
        wu = Person("吴敏", DocumentKind.ID_CARD, "411321198506120037", "13800001111")
        drafted = letters["A001"].draft(
            NewProxyLetter(
                principal_kind="企业",
                principal_name=new.applicant_name,
                principal_doc=new.applicant_doc,
                legal_rep="刘强",
                proxy_name=wu.name,
                proxy_doc_kind=wu.doc_kind,
                proxy_doc_no=wu.doc_no,
                proxy_phone=wu.phone,
                matter_ids=tuple(step.matter_id for step in new.plan),
                scope="代为递交申请材料、签收文书",
                valid_from=date.today(),
                valid_to=date(date.today().year + 1, 1, 31),
                proxy_staff_no="A001",
                request_id=request_id,
            ),
        )
        letters["A001"].record_signed(drafted.id, date.today())
        assert window_sync.sync(retries=0).ok  # the letter (naming its request) reaches the window
        firm = Applicant(
            ApplicantKind.ENTERPRISE,
            Person("刘强", DocumentKind.ID_CARD, "11010519491231002X", "13837712345"),
            enterprise_name=new.applicant_name,
            credit_code=new.applicant_doc,
            proxy=wu,
            proxy_letter_no=drafted.letter_no,
        )
        clerk = login(window.store, window.workstation_id, "C001", DEMO_PASSWORD)
        for query in ("gtgsh", "spjyxk"):  # 个体工商户设立登记, 食品经营许可（新办）
            window.acceptance.decide(clerk, prepared(window, window.acceptance, query), firm, Decision(Outcome.ACCEPT))
        assert window_sync.sync(retries=0).ok
        view = helps["A001"].request(request_id)
        assert view.progress == [2, 3] and [p.state for p in view.plan] == ["已受理", "已受理", "未受理"]
        assert [e.kind for e in view.log].count("受理") == 2
        helps["A001"].close(request_id, "两项已受理，第三项待企业取得营业执照后办理")
        helps["A001"].rate(request_id, 5)
        assert helps["M001"].request(request_id).rating == 5
    finally:
        center.stop()
        center.store.engine.dispose()


def test_a_bundle_named_alone_becomes_the_plan_in_its_order_under_its_lead_department(demo_ctx):
    from db.models import Bundle

    help, manager = service(demo_ctx), person(demo_ctx, "M001")
    with demo_ctx.store.sessions() as s:
        bundle = s.scalar(select(Bundle).where(Bundle.code == demo_ctx.catalog.search("kbcyd")[0].code))
        members = [m.matter.name for m in bundle.members]
        lead = bundle.lead_department.name
    request_id = help.create(manager, replace(project(demo_ctx, "SCJG-001", lead=None), plan=(), bundle_id=bundle.id))
    view = help.request(manager, request_id)
    assert [p.matter for p in view.plan] == members and view.lead_department == lead
    assert [p.depends_on for p in view.plan] == [[]] + [[n] for n in range(1, len(members))]
