"""The demo's past month (cli.demo_past): played through the services into a fresh center, it
leaves cases in every state, a queue with ratings, and for 电子监察 one signal of each scripted
kind with the scripted case as its evidence and nothing else: every other day of the month is a
clean day of the hall. The same seed plays the same month."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.supervision.rules import Level, SignalKind
from app.supervision.sweep import Finding, sweep
from app.workdays import WorkCalendar
from cli.demo_past import (
    BURST,
    EXTENDED,
    LATE_EXTENSION,
    REFUSED,
    SECOND_SLIP,
    SPECIAL_STEP,
    SUNDAY_NIGHT,
    TOLERANCE,
    TOO_FAST,
    play_month,
)
from db.models import (
    Application,
    Case,
    CaseSpecialStep,
    Commitment,
    Evaluation,
    Notice,
    ReviewStep,
    SupervisionSignal,
    Ticket,
)
from tests.sync_harness import Center

TODAY = date(2026, 3, 31)  # a Tuesday: the month runs over 2 March to 30 March


def named(found: list[Finding]) -> list[tuple[SignalKind, tuple[str, ...]]]:
    """Each finding as its kind and the cases it names (its own and its evidence's)."""
    return sorted((f.signal.kind, tuple(sorted({f.case_no} | {e.case_no for e in f.signal.evidence}))) for f in found)


def scripted_only(scripted: dict[str, list[str]]) -> list[tuple[SignalKind, tuple[str, ...]]]:
    """What the sweep finds in a played month: one signal per scripted finding, and the late
    extension's case overdue too (the extension came after its statutory limit had passed, so
    the case was past that limit whatever came after)."""
    (late,) = scripted[LATE_EXTENSION]
    return sorted(
        [
            (SignalKind.BURST, tuple(sorted(scripted[BURST]))),
            (SignalKind.DECIDED_TOO_FAST, tuple(scripted[TOO_FAST])),
            (SignalKind.OFF_HOURS, tuple(scripted[SUNDAY_NIGHT])),
            (SignalKind.LATE_EXTENSION, (late,)),
            (SignalKind.OVERDUE, (late,)),
            (SignalKind.NOTIFICATION_BROKEN, tuple(scripted[SECOND_SLIP])),
        ]
    )


def played(folder):
    center = Center(f"sqlite:///{folder / 'center.sqlite3'}")
    try:
        return center, play_month(center, TODAY)
    finally:
        center.store.engine.dispose()


@pytest.fixture
def undrawn(monkeypatch) -> list[str]:
    """From here on the notices' pages are not drawn (reportlab's layout, about half a month's
    time), everything before it is: numbers reserved, QR signed, facts gathered and the notice's
    text built, the stand-in issued and pushed like a drawn one. Returns the numbers of the notices
    that went by the stand-in. None of the month's checks reads a page; the first play of the
    month below draws every one."""
    went_by: list[str] = []

    def stand_in(doc) -> bytes:
        went_by.append(doc.notice_no)
        return b"%PDF-1.4 not drawn: " + doc.notice_no.encode()

    monkeypatch.setattr("app.documents.notice_pdf.render_notice", stand_in)
    return went_by


@pytest.mark.slow
def test_a_month_played_twice_leaves_every_state_and_each_scripted_signal(tmp_path, request):
    center, month = played(tmp_path / "one")
    assert month.first_day >= date(2026, 3, 1) and month.last_day == date(2026, 3, 30)
    with center.store.sessions() as s:
        states = dict(s.execute(select(Case.status, func.count()).group_by(Case.status)).all())
        applications = set(s.scalars(select(Application.status)))
        notices = dict(s.execute(select(Notice.kind, func.count()).group_by(Notice.kind)).all())
        tickets = dict(s.execute(select(Ticket.status, func.count()).group_by(Ticket.status)).all())
        levels = set(s.scalars(select(Evaluation.level)))
        assert s.scalar(select(func.count()).select_from(Commitment)) == 1
        assert s.scalar(select(func.count()).select_from(CaseSpecialStep)) == 1
        steps = dict(s.execute(select(ReviewStep.case_id, func.count()).group_by(ReviewStep.case_id)).all())
        still_open = list(s.scalars(select(Case.id).where(Case.status == "办理中")))
        found = sweep(s, TODAY, WorkCalendar.load(s))
        kept = set(s.scalars(select(SupervisionSignal.kind)))  # the supervisor swept the morning it was set up
    print(states, applications, notices, tickets, levels, f"{month.seconds:.1f} s")
    assert set(states) == {"办理中", "已办结"} and sum(states.values()) == month.cases
    assert {steps.get(case_id, 0) for case_id in still_open} == {0, 1}  # at the window's hand, under review
    assert applications == {"待补正", "已受理"}  # an applicant yet to come back with the slip's materials
    kinds = ("受理通知书", "一次性告知单", "容缺受理通知书", "准予许可决定书", "不予许可决定书", "延期告知书")
    for kind in (*kinds, "特殊环节告知书", "送达回证"):
        assert any(kind in str(k) for k in notices), (kind, notices)
    assert sum(tickets.values()) == month.tickets and month.ratings > 0
    assert {1, 2} & levels and 5 in levels

    def signals(kind: SignalKind, case_no: str):
        return [
            f.signal
            for f in found
            if f.signal.kind is kind and (f.case_no == case_no or case_no in {e.case_no for e in f.signal.evidence})
        ]

    scripted_kinds = {SignalKind.BURST, SignalKind.DECIDED_TOO_FAST, SignalKind.OFF_HOURS, SignalKind.LATE_EXTENSION}
    assert scripted_kinds | {SignalKind.NOTIFICATION_BROKEN} <= kept

    (burst,) = [f.signal for f in found if f.signal.kind is SignalKind.BURST]
    assert {e.case_no for e in burst.evidence} == set(month.scripted[BURST]) and len(burst.evidence) == 6
    assert {e.staff_no for e in burst.evidence} == {"S001"}
    (fast,) = signals(SignalKind.DECIDED_TOO_FAST, month.scripted[TOO_FAST][0])
    assert "仅用 3 分钟" in fast.why
    (night,) = signals(SignalKind.OFF_HOURS, month.scripted[SUNDAY_NIGHT][0])
    assert night.evidence[0].at.weekday() == 6 and night.evidence[0].at.hour == 22
    assert night.evidence[0].staff_no == "R001"
    (late,) = signals(SignalKind.LATE_EXTENSION, month.scripted[LATE_EXTENSION][0])
    assert late.level is Level.RED and late.evidence[0].staff_no == "S001"
    assert not signals(SignalKind.LATE_EXTENSION, month.scripted[EXTENDED][0])
    (slips,) = signals(SignalKind.NOTIFICATION_BROKEN, month.scripted[SECOND_SLIP][0])
    assert slips.level is Level.RED and "补正后方发现" in slips.why and len(slips.evidence) == 2
    for quiet in (TOLERANCE, SPECIAL_STEP, REFUSED):
        assert not signals(SignalKind.DECIDED_TOO_FAST, month.scripted[quiet][0])
    (overdue,) = signals(SignalKind.OVERDUE, month.scripted[LATE_EXTENSION][0])
    assert overdue.level is Level.RED  # decided after the statutory limit the late extension could not lengthen
    assert named(found) == scripted_only(month.scripted)
    assert kept == {kind for kind, _cases in scripted_only(month.scripted)}

    # The same seed again, the notices' pages not drawn: their numbers are reserved, signed and
    # issued before and apart from the drawing, so the comparison below sees the same month or not.
    drawn_again = request.getfixturevalue("undrawn")
    again, month_again = played(tmp_path / "two")
    assert month_again.scripted == month.scripted
    assert (month_again.cases, month_again.tickets, month_again.ratings) == (month.cases, month.tickets, month.ratings)
    with again.store.sessions() as s, center.store.sessions() as first:
        assert sorted(s.scalars(select(Case.case_no))) == sorted(first.scalars(select(Case.case_no)))
        numbers = sorted(s.scalars(select(Notice.notice_no)))
        assert numbers == sorted(first.scalars(select(Notice.notice_no)))
    assert len(drawn_again) == len(numbers)  # each notice of the second play went by the stand-in, once


@pytest.mark.slow
def test_a_month_over_the_spring_festival_still_holds_every_scripted_finding(tmp_path, undrawn):
    """Set up the day after the 2026 Spring Festival holiday (15–23 February): about 14 working
    days in the 30 before, the scripted findings all the same (the notices' pages not drawn: the
    month over March draws them)."""
    center = Center(f"sqlite:///{tmp_path / 'center.sqlite3'}")
    try:
        month = play_month(center, date(2026, 2, 24))
        with center.store.sessions() as s:
            kept = set(s.scalars(select(SupervisionSignal.kind)))
            found = sweep(s, date(2026, 2, 24), WorkCalendar.load(s))
    finally:
        center.store.engine.dispose()
    assert month.last_day == date(2026, 2, 14)  # the 调休 Saturday before the holiday
    five = {SignalKind.BURST, SignalKind.DECIDED_TOO_FAST, SignalKind.OFF_HOURS, SignalKind.LATE_EXTENSION}
    assert five | {SignalKind.NOTIFICATION_BROKEN} <= kept
    assert named(found) == scripted_only(month.scripted)
    assert kept == {kind for kind, _cases in scripted_only(month.scripted)}
    assert undrawn and len(undrawn) == len(set(undrawn))  # its notices went by the stand-in, each once
