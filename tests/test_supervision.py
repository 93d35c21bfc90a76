"""电子监察 over a store: the sweep finds what the rules say in real records, keeps each finding
once, turns a yellow red, and a false alarm explained stays on record out of the counts."""

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from app.approval.service import ApprovalService
from app.center.service import Refused
from app.clock import FixedClock
from app.devices.scope import DeviceKind
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.supervision import push_policy as supervision_push
from app.supervision.client import SignalClient
from app.supervision.dto import SignalRow, TooFastLimitRow
from app.supervision.rules import Level, SignalKind
from app.supervision.service import FULL_SWEEP_EVERY, SignalService
from app.supervision.sweep import sweep, sweep_since
from app.workdays import WorkCalendar
from db.models import Case, Matter, MatterVersion, SupervisionSignal, SupervisionSweep, TooFastLimit
from tests.helpers import accept, accepted_case, person
from tests.sync_harness import as_person, center_count, workstation

MONDAY = date(2026, 3, 2)


def decided_at(ctx, case_id: str, minute: int) -> None:
    """R001 reviews and S001 decides `minute` minutes past nine, the morning it was accepted."""
    service = ApprovalService(ctx.store, ctx.workstation_id, FixedClock(datetime(2026, 3, 2, 9, minute)))
    service.review(person(ctx, "R001"), case_id, True, "材料齐全，符合条件")
    service.review(person(ctx, "S001"), case_id, True, "准予许可", "准予食品经营许可，经营项目：预包装食品销售")


def noon(day: date) -> FixedClock:
    return FixedClock(datetime.combine(day, time(12)))


def kinds(found, case_no: str) -> set[SignalKind]:
    return {f.signal.kind for f in found if f.case_no == case_no}


def test_a_case_decided_ten_minutes_after_acceptance_with_nobody_served_at_the_window(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", MONDAY)  # 食品经营许可, 一审一核, at 9:00
    decided_at(demo_ctx, case_id, 10)
    with demo_ctx.store.sessions() as s:
        case_no = s.get(Case, case_id).case_no
        found = sweep(s, MONDAY, WorkCalendar.load(s))
    assert kinds(found, case_no) == {SignalKind.DECIDED_TOO_FAST, SignalKind.NO_TICKET}
    (fast,) = [f for f in found if f.signal.kind is SignalKind.DECIDED_TOO_FAST]
    assert fast.signal.level is Level.RED and "仅用 10 分钟" in fast.signal.why
    assert [(e.what, e.staff_no) for e in fast.signal.evidence] == [("受理", "C001"), ("办结", "S001")]
    # The chief who decided in ten minutes answers for it, not the clerk who accepted the case.
    assert fast.department_id is not None
    assert (fast.staff_no, fast.occurred_at) == ("S001", datetime(2026, 3, 2, 9, 10))


def test_a_case_reviewed_over_the_morning_raises_nothing_of_its_own_but_the_window(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", MONDAY)
    decided_at(demo_ctx, case_id, 45)
    with demo_ctx.store.sessions() as s:
        case_no = s.get(Case, case_id).case_no
        assert kinds(sweep(s, MONDAY, WorkCalendar.load(s)), case_no) == {SignalKind.NO_TICKET}


def test_findings_are_kept_once_a_yellow_turns_red_and_an_explained_one_leaves_the_counts(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", MONDAY)
    with demo_ctx.store.sessions() as s:
        case = s.get(Case, case_id)
        case_no, promised, statutory = case.case_no, case.promised_due_on, case.statutory_due_on
    supervisor = person(demo_ctx, "J001")
    service = SignalService(demo_ctx.store, noon(promised + timedelta(days=1)))
    first = service.sweep(supervisor)
    assert first.new == first.found > 0
    again = service.sweep(supervisor)
    assert (again.new, again.changed) == (0, 0)  # the same findings, not new alarms
    (late,) = [r for r in service.signals(supervisor) if r.kind is SignalKind.OVERDUE and r.case_no == case_no]
    assert late.level is Level.YELLOW and "承诺时限" in late.why

    service.clock = noon(statutory + timedelta(days=1))
    assert service.sweep(supervisor).changed >= 1
    (late_now,) = [r for r in service.signals(supervisor) if r.kind is SignalKind.OVERDUE and r.case_no == case_no]
    assert late_now.id == late.id and late_now.level is Level.RED and "法定时限" in late_now.why

    window = next(r for r in service.signals(supervisor) if r.kind is SignalKind.NO_TICKET)
    with pytest.raises(ValidationFailed):
        service.explain(supervisor, window.id, "无")
    service.explain(supervisor, window.id, "该窗口当天使用纸质登记，已核实")
    kept = next(r for r in service.signals(supervisor) if r.id == window.id)
    assert kept.explained and kept.explained_by == "J001" and not kept.counts
    assert window.id not in {r.id for r in service.signals(supervisor, include_explained=False)}
    assert service.sweep(supervisor).new == 0  # found again, it stays explained
    with pytest.raises(PermissionDenied):
        service.signals(person(demo_ctx, "C001"))


def test_after_a_full_sweep_the_next_judges_the_acts_of_the_days_since_and_every_case_s_time_limits(demo_ctx):
    supervisor = person(demo_ctx, "J001")
    old_id = accepted_case(demo_ctx, "SCJG-003", MONDAY)  # left open at the window: its time runs out
    service = SignalService(demo_ctx.store, noon(MONDAY))
    service.sweep(supervisor)
    # Tuesday, at the center: a 一审一核 case decided ten minutes after acceptance. No push brings it.
    tuesday = MONDAY + timedelta(days=1)
    fast_id = accepted_case(demo_ctx, "SCJG-003", tuesday)
    approvals = ApprovalService(
        demo_ctx.store, demo_ctx.workstation_id, FixedClock(datetime.combine(tuesday, time(9, 10)))
    )
    approvals.review(person(demo_ctx, "R001"), fast_id, True, "材料齐全，符合条件")
    approvals.review(person(demo_ctx, "S001"), fast_id, True, "准予许可", "准予食品经营许可，经营项目：预包装食品销售")
    service.clock = noon(tuesday)
    service.sweep(supervisor)
    with demo_ctx.store.sessions() as s:
        old, fast = s.get_one(Case, old_id), s.get_one(Case, fast_id)
        old_no, promised = old.case_no, old.promised_due_on
        assert [w.full for w in s.scalars(select(SupervisionSweep).order_by(SupervisionSweep.at))] == [True, False]
    (too_fast,) = [r for r in service.signals(supervisor) if r.kind is SignalKind.DECIDED_TOO_FAST]
    assert too_fast.case_no == fast.case_no and too_fast.person == "陈静（S001）"  # by name, as people read it

    # Days later, with nothing done since Tuesday: the open case is judged on its time limits, and
    # Monday's acts are not read again (the window with no ticket was found then, not now).
    later = promised + timedelta(days=1)
    with demo_ctx.store.sessions() as s:
        found = [f for f in sweep_since(s, later, WorkCalendar.load(s), tuesday) if f.case_no == old_no]
    assert {f.signal.kind for f in found} == {SignalKind.OVERDUE}
    with demo_ctx.store.sessions() as s:  # the last sweep dated after today (a clock set back): today is judged
        assert {f.case_no for f in sweep_since(s, tuesday, WorkCalendar.load(s), later)} >= {fast.case_no}

    service.clock = noon(MONDAY + FULL_SWEEP_EVERY)  # a week on: every act of the quarter again
    service.sweep(supervisor)
    with demo_ctx.store.sessions() as s:
        assert [w.full for w in s.scalars(select(SupervisionSweep).order_by(SupervisionSweep.at))] == [
            True,
            False,
            True,
        ]


def test_supervisors_sweep_read_and_explain_over_http_and_a_clerk_is_refused(center, tmp_path):
    desk, _sync = workstation(center, tmp_path, "desk")
    with center.store.sessions.begin() as s:  # a matter moved out of the hall without a negative list
        version = s.scalar(select(MatterVersion).join(Matter, Matter.current_version_id == MatterVersion.id).limit(1))
        version.in_hall, version.negative_list_approval = False, None
    supervisor = as_person(desk, SignalClient, "J001")
    swept = supervisor.sweep()
    assert swept.new == swept.found
    rows = supervisor.signals()
    assert len(rows) == swept.found and all(isinstance(r, SignalRow) for r in rows)
    (out,) = [r for r in rows if r.kind is SignalKind.NOT_IN_HALL and version.name in r.why]
    assert out.level is Level.RED and out.department
    supervisor.explain(out.id, "经核实已报批负面清单，批文待录入")
    assert out.id not in {r.id for r in supervisor.signals(include_explained=False)}
    with pytest.raises(DomainError, match="监察人员"):
        as_person(desk, SignalClient, "C001").signals()


def signal_kinds(center, case_nos) -> set[str]:
    with center.store.sessions() as s:
        return set(s.scalars(select(SupervisionSignal.kind).where(SupervisionSignal.case_no.in_(case_nos))))


def test_a_pushed_acceptance_is_judged_as_it_arrives_and_a_fault_of_supervision_never_stops_a_push(
    center, tmp_path, monkeypatch, caplog
):
    desk, sync = workstation(center, tmp_path, "desk")
    first = accept(desk, "spjyxk")  # at window 1, where nobody took a ticket
    assert sync.sync(retries=0).ok
    assert SignalKind.NO_TICKET in signal_kinds(center, first.case_nos)  # without anyone sweeping

    def broken(*_args, **_kwargs):
        raise RuntimeError("a rule's fault")

    monkeypatch.setattr(supervision_push, "sweep", broken)
    second = accept(desk, "kbcyd")
    assert sync.sync(retries=0).ok  # the case arrives all the same
    assert center_count(center, Case, case_no=second.case_nos[0]) == 1
    assert signal_kinds(center, second.case_nos) == set()
    assert "supervision skipped" in caplog.text


def test_a_workstation_enrolled_outside_the_hall_stands_there_and_its_acceptances_are_red(center, tmp_path):
    with pytest.raises(Refused, match="只有工作站"):
        center.code(DeviceKind.KIOSK, place="局机关 302 室")
    office, sync = workstation(center, tmp_path, "office", place="局机关 302 室")
    (enrolled,) = [m for m in center.app.state.service.status().workstations if m.id == office.workstation_id]
    assert enrolled.place == "局机关 302 室"
    result = accept(office, "spjyxk")
    assert sync.sync(retries=0).ok
    with center.store.sessions() as s:
        (outside,) = s.scalars(
            select(SupervisionSignal).where(
                SupervisionSignal.case_no == result.case_nos[0], SupervisionSignal.kind == SignalKind.OUTSIDE_HALL
            )
        )
    assert outside.level == Level.RED and "局机关 302 室" in outside.why


@pytest.mark.parametrize(("days_after_due", "late"), [(0, False), (1, True)])
def test_an_extension_granted_after_the_statutory_deadline_is_red(demo_ctx, days_after_due, late):
    case_id = accepted_case(demo_ctx, "SCJG-003", MONDAY)
    with demo_ctx.store.sessions() as s:
        case = s.get(Case, case_id)
        case_no, due = case.case_no, case.statutory_due_on
    granted = noon(due + timedelta(days=days_after_due))
    ApprovalService(demo_ctx.store, demo_ctx.workstation_id, granted).extend(
        person(demo_ctx, "S001"), case_id, 5, "需补充现场核查"
    )
    with demo_ctx.store.sessions() as s:
        found = [f for f in sweep(s, granted.today(), WorkCalendar.load(s)) if f.case_no == case_no]
    extensions = [f.signal for f in found if f.signal.kind is SignalKind.LATE_EXTENSION]
    assert len(extensions) == late
    if late:
        assert extensions[0].level is Level.RED and f"晚于法定时限 {due:%Y-%m-%d}" in extensions[0].why
        assert extensions[0].evidence[0].staff_no == "S001"


def test_a_case_extended_in_time_is_judged_on_its_extended_limit_not_the_one_stored_at_acceptance(demo_ctx):
    """The dates stored at acceptance never move; the limits an extension gives are the ones the
    chief's inbox shows, and the sweep judges by them: past the first statutory date, within the
    extended one, the case has broken only its promise (yellow), never the law (red)."""
    case_id = accepted_case(demo_ctx, "SCJG-003", MONDAY)
    with demo_ctx.store.sessions() as s:
        case = s.get(Case, case_id)
        case_no, promised, statutory = case.case_no, case.promised_due_on, case.statutory_due_on
    ApprovalService(demo_ctx.store, demo_ctx.workstation_id, noon(promised)).extend(
        person(demo_ctx, "S001"), case_id, 10, "需补充现场核查"
    )
    calendar = WorkCalendar.of(demo_ctx.store)
    extended = calendar.add_working_days(statutory, 10).day
    within, past = statutory + timedelta(days=1), extended + timedelta(days=1)
    for day, level, limit in ((within, Level.YELLOW, promised), (past, Level.RED, extended)):
        with demo_ctx.store.sessions() as s:
            found = [f.signal for f in sweep(s, day, calendar) if f.case_no == case_no]
        (overdue,) = [signal for signal in found if signal.kind is SignalKind.OVERDUE]
        assert overdue.level is level and f"{limit:%Y-%m-%d}" in overdue.why, (day, overdue)
        assert not [signal for signal in found if signal.kind is SignalKind.LATE_EXTENSION]


def test_an_acceptance_at_a_window_that_called_a_ticket_that_day_raises_no_alarm(center, tmp_path):
    desk, sync = workstation(center, tmp_path, "desk")
    queue = center.app.state.queue
    queue.clock = FixedClock(datetime(2026, 3, 2, 8, 55))  # the day `accept` accepts on, before it
    queue.issue("A")
    queue.call_next("C001", 1)
    result = accept(desk, "spjyxk")  # C001 at window 1, 9:00
    assert sync.sync(retries=0).ok
    assert SignalKind.NO_TICKET not in signal_kinds(center, result.case_nos)


def test_a_batch_of_pushed_acceptances_is_judged_in_one_sweep(center, tmp_path, monkeypatch):
    desk, sync = workstation(center, tmp_path, "desk")
    sweeps: list[set[date]] = []
    real = supervision_push.sweep

    def counted(s, today, calendar, days=None):
        sweeps.append(set(days or ()))
        return real(s, today, calendar, days)

    monkeypatch.setattr(supervision_push, "sweep", counted)
    first, second = accept(desk, "spjyxk"), accept(desk, "kbcyd")  # queued, pushed in one batch
    assert sync.sync(retries=0).ok
    assert sweeps == [{MONDAY}]  # once for the batch, not once a mutation
    assert SignalKind.NO_TICKET in signal_kinds(center, first.case_nos + second.case_nos)


# -- 提前办结异常: the minutes a manager sets for one matter ---------------------------------------------


def too_fast(found, case_no: str) -> list:
    return [f for f in found if f.case_no == case_no and f.signal.kind is SignalKind.DECIDED_TOO_FAST]


def test_a_matter_decided_in_forty_minutes_is_too_fast_once_a_manager_sets_sixty_for_it(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", MONDAY)  # 一审一核: 30 minutes by default
    decided_at(demo_ctx, case_id, 40)
    with demo_ctx.store.sessions() as s:
        case = s.get_one(Case, case_id)
        case_no, matter_id = case.case_no, case.matter_id
        assert not too_fast(sweep(s, MONDAY, WorkCalendar.load(s)), case_no)
    service = SignalService(demo_ctx.store, noon(MONDAY))
    (row,) = [r for r in service.too_fast_limits(person(demo_ctx, "J001")) if r.matter_id == matter_id]
    assert (row.code, row.mode, row.default_minutes, row.minutes) == ("SCJG-003", "一审一核", 30, None)

    service.set_too_fast_limit(person(demo_ctx, "M001"), matter_id, 60)
    with demo_ctx.store.sessions() as s:
        (fast,) = too_fast(sweep(s, MONDAY, WorkCalendar.load(s)), case_no)
        assert fast.signal.level is Level.RED and "不足 60 分钟" in fast.signal.why
        # and the sweep of the days since reads the same limit
        assert too_fast(sweep_since(s, MONDAY, WorkCalendar.load(s), MONDAY), case_no)
    (row,) = [r for r in service.too_fast_limits(person(demo_ctx, "M001")) if r.matter_id == matter_id]
    assert (row.minutes, row.in_force) == (60, 60)

    service.set_too_fast_limit(person(demo_ctx, "M001"), matter_id, None)  # back to the default
    with demo_ctx.store.sessions() as s:
        assert not too_fast(sweep(s, MONDAY, WorkCalendar.load(s)), case_no)


@pytest.mark.parametrize("minutes", [0, 4, 481, -30])
def test_a_too_fast_limit_out_of_range_is_refused_with_its_field(demo_ctx, minutes):
    service = SignalService(demo_ctx.store, noon(MONDAY))
    (row, *_) = service.too_fast_limits(person(demo_ctx, "M001"))
    with pytest.raises(ValidationFailed) as refused:
        service.set_too_fast_limit(person(demo_ctx, "M001"), row.matter_id, minutes)
    (error,) = refused.value.errors
    assert error.field == "minutes" and "5 至 480 分钟" in error.message
    assert all(r.minutes is None for r in service.too_fast_limits(person(demo_ctx, "M001")))


def test_only_modes_of_two_or_more_people_are_listed_and_only_a_manager_sets_a_limit(demo_ctx):
    service = SignalService(demo_ctx.store, noon(MONDAY))
    rows = service.too_fast_limits(person(demo_ctx, "J001"))
    assert rows and {r.mode for r in rows} <= {"一审一核", "一审两核"}
    for staff_no in ("J001", "C001"):
        with pytest.raises(PermissionDenied):
            service.set_too_fast_limit(person(demo_ctx, staff_no), rows[0].matter_id, 60)
    with pytest.raises(PermissionDenied):
        service.too_fast_limits(person(demo_ctx, "C001"))


def test_a_manager_sets_a_too_fast_limit_over_http_and_a_supervisor_or_clerk_is_refused(center, tmp_path):
    desk, _sync = workstation(center, tmp_path, "desk")
    manager = as_person(desk, SignalClient, "M001")
    rows = manager.too_fast_limits()
    assert rows and all(isinstance(r, TooFastLimitRow) for r in rows)
    chosen = rows[0]
    manager.set_too_fast_limit(chosen.matter_id, 90)
    supervisor = as_person(desk, SignalClient, "J001")
    (seen,) = [r for r in supervisor.too_fast_limits() if r.matter_id == chosen.matter_id]
    assert seen.minutes == 90 and seen.default_minutes == chosen.default_minutes
    with pytest.raises(DomainError, match="大厅管理员"):
        supervisor.set_too_fast_limit(chosen.matter_id, 45)
    with pytest.raises(DomainError, match="大厅管理员"):
        as_person(desk, SignalClient, "C001").set_too_fast_limit(chosen.matter_id, 45)
    with pytest.raises(ValidationFailed):
        manager.set_too_fast_limit(chosen.matter_id, 1000)
    manager.set_too_fast_limit(chosen.matter_id, None)
    assert next(r for r in manager.too_fast_limits() if r.matter_id == chosen.matter_id).minutes is None
    with center.store.sessions() as s:
        assert s.get(TooFastLimit, chosen.matter_id) is None
