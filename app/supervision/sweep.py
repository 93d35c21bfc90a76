"""The center's sweep: reads the record of recent cases from the store and hands each rule of
app.supervision.rules the facts it judges. Every finding comes back with a key naming its kind
and subject, so finding it again in the next sweep is the same finding, not a new alarm."""

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.acceptance.model import NoticeKind
from app.approval.deadlines import limits
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
    SupervisionSignal,
    Ticket,
    WalkIn,
    Workstation,
)

ACCEPTED = (NoticeKind.ACCEPTANCE, NoticeKind.TOLERANCE, NoticeKind.COMMITMENT)  # notices that accept a case
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
    window_no: int | None  # where it was accepted
    served_under: bool  # the application names the ticket or walk-in it was served under
    specials: list[CaseSpecialStep] = field(default_factory=list)
    slips: list[rules.Slip] = field(default_factory=list)
    slip_materials: list[str] = field(default_factory=list)  # every material a slip asked for
    extension: Evidence | None = None  # the 延期告知书: who granted it, when


def sweep(s: Session, today: date, calendar: WorkCalendar, days: set[date] | None = None) -> list[Finding]:
    """Every case accepted in the last quarter or still open, and the hall's coverage; or, with
    `days`, the cases accepted on those days only (what a push brought, with the day's other work
    by the same people, which a burst needs)."""
    which: ColumnElement[bool]
    if days is None:
        since = today - timedelta(days=LOOK_BACK_DAYS)
        which = (Case.accepted_on >= since) | (Case.status != "已办结")
    else:
        which = Case.accepted_on.in_(days)
    facts = _case_facts(s, which)
    places = {w.id: w for w in s.scalars(select(Workstation))}
    registered: dict[str, set[str]] = defaultdict(set)
    for version_id, kind in s.execute(select(SpecialStepDef.version_id, SpecialStepDef.kind)):
        registered[version_id].add(kind)
    found: list[Finding] = []
    found += _time_limits(facts, registered, today, calendar)
    found += _who_and_where(s, facts, places, calendar)
    found += _bursts(facts)
    found += _window_attendance(s, facts, today if days is None else min(days))
    found += _notification(facts)
    if days is None:
        found += _hall_coverage(s, today)
    return found


def keep(s: Session, found: list[Finding], at: datetime) -> tuple[int, int]:
    """Keeps the findings as signals: a new one added, a known one brought up to date (a yellow
    turned red) unless a supervisor explained it. Returns how many were added and updated."""
    keys = sorted({f.key for f in found})
    known: dict[str, SupervisionSignal] = {}
    for start in range(0, len(keys), 500):  # within any database's limit of bound parameters
        chunk = keys[start : start + 500]
        known.update((r.key, r) for r in s.scalars(select(SupervisionSignal).where(SupervisionSignal.key.in_(chunk))))
    new = changed = 0
    for f in found:
        row = known.get(f.key)
        if row is None:
            known[f.key] = added = SupervisionSignal(
                key=f.key,
                kind=f.signal.kind,
                level=f.signal.level,
                department_id=f.department_id,
                case_no=f.case_no,
                staff_no=f.staff_no,
                occurred_at=f.occurred_at,
                found_at=at,
                why=f.signal.why,
                evidence=evidence_json(f.signal),
            )
            s.add(added)
            new += 1
        elif row.explained_at is None and (row.level, row.why) != (f.signal.level, f.signal.why):
            row.level, row.why, row.evidence = f.signal.level, f.signal.why, evidence_json(f.signal)
            changed += 1
    return new, changed


def _case_facts(s: Session, which: ColumnElement[bool]) -> list[_CaseFacts]:
    """The cases `which` selects with what the rules read of each, in one query per kind of fact
    (joined to the same selection, never a list of ids: a busy quarter has tens of thousands)."""
    rows = s.execute(
        select(
            Case,
            MatterVersion,
            Matter.department_id,
            Application.window_no,
            (Application.ticket_id.is_not(None) | Application.walk_in_id.is_not(None)).label("served"),
        )
        .join(MatterVersion, Case.matter_version_id == MatterVersion.id)
        .join(Matter, Case.matter_id == Matter.id)
        .join(Application, Case.application_id == Application.id)
        .where(which)
    ).all()
    facts = {c.id: _CaseFacts(c, v, department, None, [], window, served) for c, v, department, window, served in rows}
    by_no = {f.case.case_no: f for f in facts.values()}
    by_application: dict[str, list[_CaseFacts]] = defaultdict(list)
    for f in facts.values():
        by_application[f.case.application_id].append(f)
    for step in s.scalars(
        select(ReviewStep).join(Case, ReviewStep.case_id == Case.id).where(which).order_by(ReviewStep.seq)
    ):
        facts[step.case_id].steps.append(step)
    for special in s.scalars(select(CaseSpecialStep).join(Case, CaseSpecialStep.case_id == Case.id).where(which)):
        facts[special.case_id].specials.append(special)
    notices = s.execute(  # the columns only: a notice's row also holds its PDF
        select(
            Notice.id,
            Notice.kind,
            Notice.notice_no,
            Notice.case_no,
            Notice.application_id,
            Notice.staff_no,
            Notice.workstation_id,
            Notice.issued_at,
        )
        .join(Case, Notice.application_id == Case.application_id)
        .where(which, Notice.kind.in_((*ACCEPTED, NoticeKind.SLIP, NoticeKind.EXTENSION)))
        .distinct()
    ).all()
    new_problems: dict[str, list[str]] = defaultdict(list)
    asked: dict[str, set[str]] = defaultdict(set)
    items = select(SlipItem).join(Case, SlipItem.application_id == Case.application_id).where(which).distinct()
    for item in s.scalars(items):
        asked[item.application_id].add(item.name)
        if item.late_reason:
            new_problems[item.notice_id].append(f"{item.name}（{item.late_reason}）")
    for n in notices:
        if n.kind == NoticeKind.SLIP:
            slip = rules.Slip(n.notice_no, n.staff_no, n.issued_at, tuple(new_problems[n.id]))
            for f in by_application[n.application_id]:
                f.slips.append(slip)
            continue
        for case_no in (n.case_no or "").split(","):
            if case_no not in by_no:
                continue
            if n.kind == NoticeKind.EXTENSION:
                by_no[case_no].extension = Evidence(case_no, "延期", n.staff_no, n.workstation_id, n.issued_at)
            else:
                by_no[case_no].accepted = Evidence(case_no, "受理", n.staff_no, n.workstation_id, n.issued_at)
    for application_id, names in asked.items():
        for f in by_application[application_id]:
            f.slip_materials = sorted(names)
    return list(facts.values())


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


def _time_limits(
    facts: list[_CaseFacts], registered: dict[str, set[str]], today: date, calendar: WorkCalendar
) -> list[Finding]:
    found: list[Finding] = []
    for f in facts:
        c = f.case
        decided_on = c.decided_at.date() if c.decided_at else None
        overdue = rules.overdue(rules.CaseClock(c.case_no, c.promised_due_on, c.statutory_due_on, decided_on), today)
        found += _finding(c.case_no, overdue, f)  # one finding per case: a yellow turns red
        if f.extension is not None and f.extension.at is not None:
            # The statutory limit it extended: the same count without the extension (with the
            # special steps ended by then; one still running at the time is not known here).
            before = limits(
                calendar, c.accepted_on, f.version.statutory_limit_days, f.version.promised_limit_days, 0, c.paused_days
            ).statutory.day
            late = rules.late_extension(c.case_no, f.extension.at, f.extension.staff_no, before)
            found += _finding(c.case_no, late, f)
        for step in f.specials:
            timed = rules.TimedStep(c.case_no, step.kind, step.started_by, step.due_on, step.ended_on)
            found += _finding(f"{c.case_no}|{step.id}", rules.step_overdue(timed, overdue is None, today), f)
            started = Evidence(c.case_no, step.kind, step.started_by, at=datetime.combine(step.started_on, time()))
            found += _finding(
                f"{c.case_no}|{step.id}", rules.unregistered_step(started, registered[c.matter_version_id]), f
            )
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
        taken = [_step_evidence(c, st) for st in f.steps]
        found += _finding(c.case_no, rules.same_person(f.version.review_mode, taken), f)
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
        key = f"{first.staff_no}|{first.at:%Y-%m-%dT%H:%M}"
        found += _finding(key, signal, department_id=department.get(first.case_no))
    return found


def _window_attendance(s: Session, facts: list[_CaseFacts], since: date) -> list[Finding]:
    """Acceptances at a window where nobody was called or recorded as a walk-in that day: neither
    the application names the ticket or walk-in it was served under, nor was anyone served there."""
    first = min((f.case.accepted_on for f in facts), default=since)
    start = datetime.combine(first, time())
    served: dict[int | None, list[datetime]] = defaultdict(list)
    for window_no, called in s.execute(select(Ticket.window_no, Ticket.called_at).where(Ticket.called_at >= start)):
        if called is not None:  # it is: the query asks for it; the column may be empty
            served[window_no].append(called)
    for window_no, started in s.execute(select(WalkIn.window_no, WalkIn.started_at).where(WalkIn.started_at >= start)):
        served[window_no].append(started)
    found: list[Finding] = []
    for f in facts:
        if f.accepted and f.window_no is not None and not f.served_under:
            found += _finding(f.case.case_no, rules.no_ticket(f.accepted, f.window_no, served[f.window_no]), f)
    return found


def _notification(facts: list[_CaseFacts]) -> list[Finding]:
    """Slips per application, and slip problems the published guide does not list."""
    found: list[Finding] = []
    for f in facts:
        found += _finding(f.case.application_id, rules.notification_broken(f.case.case_no, f.slips), f)
        if f.accepted and f.slip_materials:
            listed = {m.name for m in f.version.materials}
            found += _finding(f.case.case_no, rules.unlisted_materials(f.accepted, f.slip_materials, listed), f)
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
