"""The center's sweep: reads the record of recent cases from the store and hands each rule of
app.supervision.rules the facts it judges. Every finding comes back with a key naming its kind
and subject, so finding it again in the next sweep is the same finding, not a new alarm."""

import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.acceptance.model import NoticeKind
from app.approval.rules import ON_THE_SPOT_STEP, steps
from app.supervision import rules
from app.supervision.rules import Evidence, Signal
from app.workdays import WorkCalendar
from db.models import (
    Application,
    Case,
    CaseSpecialStep,
    ChiefAuthorization,
    Matter,
    MatterVersion,
    Notice,
    ReviewStep,
    SlipItem,
    SpecialStepDef,
    Staff,
    Ticket,
    WalkIn,
    Workstation,
)

# The hall's opening hours as the rules read them; wide on purpose (staff arrive before the doors
# open), so that only work well outside the day is flagged.
HALL_HOURS = rules.HallHours(time(7, 30), time(19, 0))
LOOK_BACK_DAYS = 92  # a quarter: what the sweep reads besides every case still open


@dataclass(frozen=True)
class Finding:
    key: str  # kind and subject: the same finding in every sweep
    signal: Signal
    department_id: str | None
    case_no: str
    staff_no: str
    occurred_at: datetime | None


def evidence_json(signal: Signal) -> str:
    return json.dumps(
        [{**asdict(e), "at": e.at.isoformat(timespec="seconds") if e.at else None} for e in signal.evidence],
        ensure_ascii=False,
    )


@dataclass
class _CaseFacts:
    case: Case
    version: MatterVersion
    department_id: str
    accepted: Evidence | None  # the acceptance notice: who, where, when
    steps: list[ReviewStep]


def sweep(s: Session, today: date, calendar: WorkCalendar) -> list[Finding]:
    since = today - timedelta(days=LOOK_BACK_DAYS)
    cases = list(s.scalars(select(Case).where((Case.accepted_on >= since) | (Case.status != "已办结"))))
    facts = _case_facts(s, cases)
    places = {w.id: w for w in s.scalars(select(Workstation))}
    found: list[Finding] = []
    found += _time_limits(s, facts, today)
    found += _who_and_where(s, facts, places, calendar)
    found += _bursts(facts)
    found += _window_attendance(s, facts)
    found += _notification(s, facts)
    found += _hall_coverage(s, today)
    return found


def _case_facts(s: Session, cases: list[Case]) -> list[_CaseFacts]:
    versions = {
        v.id: v
        for v in s.scalars(select(MatterVersion).where(MatterVersion.id.in_({c.matter_version_id for c in cases})))
    }
    departments = {m: d for m, d in s.execute(select(Matter.id, Matter.department_id))}
    acceptance_notices: dict[str, Evidence] = {}
    kinds = (NoticeKind.ACCEPTANCE, NoticeKind.TOLERANCE, NoticeKind.COMMITMENT)
    for n in s.scalars(select(Notice).where(Notice.kind.in_(kinds))):
        for case_no in (n.case_no or "").split(","):
            acceptance_notices[case_no] = Evidence(case_no, "受理", n.staff_no, n.workstation_id, n.issued_at)
    by_case: dict[str, list[ReviewStep]] = defaultdict(list)
    for step in s.scalars(
        select(ReviewStep).where(ReviewStep.case_id.in_([c.id for c in cases])).order_by(ReviewStep.seq)
    ):
        by_case[step.case_id].append(step)
    return [
        _CaseFacts(
            c, versions[c.matter_version_id], departments[c.matter_id], acceptance_notices.get(c.case_no), by_case[c.id]
        )
        for c in cases
    ]


def _finding(
    key: str, signal: Signal | None, facts: _CaseFacts | None = None, department_id: str | None = None
) -> list[Finding]:
    if signal is None:
        return []
    first = signal.evidence[0]
    case_no = facts.case.case_no if facts else first.case_no
    department = facts.department_id if facts else department_id
    return [Finding(f"{signal.kind}|{key}", signal, department, case_no, first.staff_no, first.at)]


def _step_evidence(c: Case, step: ReviewStep) -> Evidence:
    return Evidence(c.case_no, step.step, step.staff_no, step.workstation_id, step.at)


def _time_limits(s: Session, facts: list[_CaseFacts], today: date) -> list[Finding]:
    found: list[Finding] = []
    by_id = {f.case.id: f for f in facts}
    for f in facts:
        c = f.case
        decided_on = c.decided_at.date() if c.decided_at else None
        overdue = rules.overdue(rules.CaseClock(c.case_no, c.promised_due_on, c.statutory_due_on, decided_on), today)
        found += _finding(c.case_no, overdue, f)  # one finding per case: a yellow turns red
        specials = s.scalars(select(CaseSpecialStep).where(CaseSpecialStep.case_id == c.id))
        registered = {
            d.kind for d in s.scalars(select(SpecialStepDef).where(SpecialStepDef.version_id == c.matter_version_id))
        }
        for step in specials:
            timed = rules.TimedStep(c.case_no, step.kind, step.started_by, step.due_on, step.ended_on)
            found += _finding(f"{c.case_no}|{step.id}", rules.step_overdue(timed, overdue is None, today), by_id[c.id])
            started = Evidence(c.case_no, step.kind, step.started_by, at=datetime.combine(step.started_on, time()))
            found += _finding(f"{c.case_no}|{step.id}", rules.unregistered_step(started, registered), f)
    return found


def _who_and_where(
    s: Session, facts: list[_CaseFacts], places: dict[str, Workstation], calendar: WorkCalendar
) -> list[Finding]:
    active = {st.staff_no for st in s.scalars(select(Staff).where(Staff.active.is_(True)))}
    found: list[Finding] = []
    for f in facts:
        c = f.case
        acts = ([f.accepted] if f.accepted else []) + [_step_evidence(c, st) for st in f.steps]
        for act in acts:
            key = f"{c.case_no}|{act.what}|{act.staff_no}"
            found += _finding(key, rules.off_hours(act, HALL_HOURS, calendar.is_working_day), f)
            place = places.get(act.workstation_id)
            if place is not None:
                found += _finding(key, rules.outside_hall(act, place.in_hall, place.place or place.name), f)
        found += _finding(
            c.case_no, rules.same_person(f.version.review_mode, [_step_evidence(c, st) for st in f.steps]), f
        )
        last = steps(f.version.review_mode)[-1]
        for st in f.steps:
            decides = st.step in (last, ON_THE_SPOT_STEP)
            posted = rules.not_posted(_step_evidence(c, st), st.staff_no in active, bool(st.authorization_no), decides)
            found += _finding(f"{c.case_no}|{st.step}|{st.staff_no}", posted, f)
        if f.accepted and c.decided_at and len(f.steps) >= 2:
            decided = Evidence(c.case_no, "办结", f.steps[-1].staff_no, f.steps[-1].workstation_id, c.decided_at)
            found += _finding(
                c.case_no, rules.decided_too_fast(c.case_no, f.version.review_mode, f.accepted, decided), f
            )
    return found


def _bursts(facts: list[_CaseFacts]) -> list[Finding]:
    department = {f.case.case_no: f.department_id for f in facts}
    acts: list[Evidence] = [f.accepted for f in facts if f.accepted]
    acts += [_step_evidence(f.case, st) for f in facts for st in f.steps if st.step == steps(f.version.review_mode)[-1]]
    found: list[Finding] = []
    for signal in rules.bursts(acts):
        first = signal.evidence[0]
        found += _finding(
            f"{first.staff_no}|{first.at:%Y-%m-%dT%H:%M}", signal, department_id=department.get(first.case_no)
        )
    return found


def _window_attendance(s: Session, facts: list[_CaseFacts]) -> list[Finding]:
    """Acceptances at a window where nobody was called or recorded as a walk-in that day."""
    served: dict[int | None, list[datetime]] = defaultdict(list)
    for window_no, called in s.execute(select(Ticket.window_no, Ticket.called_at)):
        if called is not None:
            served[window_no].append(called)
    for window_no, started in s.execute(select(WalkIn.window_no, WalkIn.started_at)):
        served[window_no].append(started)
    windows = {a: w for a, w in s.execute(select(Application.id, Application.window_no))}
    found: list[Finding] = []
    for f in facts:
        window_no = windows.get(f.case.application_id)
        if f.accepted and window_no is not None:
            found += _finding(f.case.case_no, rules.no_ticket(f.accepted, window_no, served[window_no]), f)
    return found


def _notification(s: Session, facts: list[_CaseFacts]) -> list[Finding]:
    """Slips per application, and slip problems the published guide does not list."""
    found: list[Finding] = []
    for f in facts:
        slips = s.scalars(
            select(Notice).where(Notice.application_id == f.case.application_id, Notice.kind == NoticeKind.SLIP)
        ).all()
        items = s.scalars(select(SlipItem).where(SlipItem.application_id == f.case.application_id)).all()
        new = defaultdict(list)
        for item in items:
            if item.late_reason:
                new[item.notice_id].append(f"{item.name}（{item.late_reason}）")
        taken = [rules.Slip(n.notice_no, n.staff_no, n.issued_at, tuple(new[n.id])) for n in slips]
        found += _finding(f.case.application_id, rules.notification_broken(f.case.case_no, taken), f)
        if f.accepted and items:
            listed = {m.name for m in f.version.materials}
            asked = sorted({i.name for i in items})
            found += _finding(f.case.case_no, rules.unlisted_materials(f.accepted, asked, listed), f)
    return found


def _hall_coverage(s: Session, today: date) -> list[Finding]:
    """Matters out of the hall without a negative-list approval; departments whose 即办 matters
    nobody in the hall may decide."""
    found: list[Finding] = []
    on_the_spot: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for matter, version in s.execute(
        select(Matter, MatterVersion).join(MatterVersion, Matter.current_version_id == MatterVersion.id)
    ):
        names[matter.department_id] = matter.department.name
        signal = rules.not_in_hall(matter.name, version.in_hall, bool(version.negative_list_approval))
        found += _finding(matter.code, signal, department_id=matter.department_id)
        if version.on_the_spot and version.in_hall:
            on_the_spot[matter.department_id].append(matter.name)
    in_force = _letters_in_force(s, today)
    for department_id, matters in sorted(on_the_spot.items()):
        signal = rules.no_letter_in_hall(names[department_id], matters, in_force.get(department_id, 0))
        found += _finding(department_id, signal, department_id=department_id)
    return found


def _letters_in_force(s: Session, today: date) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for a in s.scalars(select(ChiefAuthorization)):
        if a.valid_from <= today <= a.valid_to and (a.revoked_on is None or today < a.revoked_on):
            counts[a.department_id] += 1
    return counts
