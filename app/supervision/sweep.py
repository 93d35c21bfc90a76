"""The center's sweep: reads the record of recent cases from the store and hands each rule of
app.supervision.rules the facts it judges. Every finding comes back with a key naming its kind
and subject, so finding it again in the next sweep is the same finding, not a new alarm."""

import gc
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Date,
    MetaData,
    String,
    Table,
    and_,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from app.approval.deadlines import Limits, limits_on
from app.approval.rules import ON_THE_SPOT_STEP, steps
from app.approval.service import supply_days
from app.authorizations.service import in_force_on
from app.notices.kinds import NoticeKind
from app.supervision import rules
from app.supervision.rules import Evidence, Signal
from app.workdays import WorkCalendar
from db.models import (
    Application,
    Case,
    CaseSpecialStep,
    ChiefAuthorization,
    MaterialRequirement,
    Matter,
    MatterVersion,
    Notice,
    ReviewStep,
    SlipItem,
    SpecialStepDef,
    Staff,
    SupervisionSignal,
    Ticket,
    TooFastLimit,
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


class _Version:
    """What the rules read of a matter version: loaded once per sweep, a few hundred at most."""

    __slots__ = ("last_step", "materials", "promised_days", "review_mode", "separated", "statutory_days")

    def __init__(self, review_mode: str, statutory_days: int, promised_days: int):
        self.review_mode = review_mode
        self.statutory_days = statutory_days
        self.promised_days = promised_days
        taken = steps(review_mode)
        self.separated = len(taken) >= 2  # a mode that needs two or more people
        self.last_step = taken[-1]
        self.materials: set[str] = set()


class _Step(NamedTuple):
    step: str
    staff_no: str
    workstation_id: str
    at: datetime
    authorization_no: str

    def evidence(self, case_no: str) -> Evidence:
        return Evidence(case_no, self.step, self.staff_no, self.workstation_id, self.at)


class _Special(NamedTuple):
    id: str
    kind: str
    started_by: str
    started_on: date
    due_on: date
    ended_on: date | None


class _CaseFacts:
    """A case's row with what the rules read of it; evidence is built only where a rule fires."""

    __slots__ = (
        "accepted_by",
        "accepted_on",
        "application_id",
        "case_no",
        "decided_at",
        "department_id",
        "extension",
        "extension_days",
        "id",
        "matter_id",
        "matter_version_id",
        "paused_days",
        "promised_due_on",
        "served_under",
        "slip_materials",
        "slips",
        "specials",
        "statutory_due_on",
        "steps",
        "version",
        "window_no",
    )

    def __init__(self, row: Any, version: _Version, department_id: str):
        (
            self.id,
            self.case_no,
            self.application_id,
            self.matter_version_id,
            self.accepted_on,
            self.promised_due_on,
            self.statutory_due_on,
            self.decided_at,
            self.paused_days,
            self.extension_days,
            self.matter_id,
        ) = row
        self.department_id = department_id
        self.window_no: int | None = None  # where it was accepted, read only when not served_under
        self.served_under = True  # the application names the ticket or walk-in it was served under
        self.version = version
        self.accepted_by: tuple[str, str, datetime | None] | None = None  # the acceptance notice: who, where, when
        self.steps: list[_Step] = []
        self.specials: list[_Special] = []
        self.slips: list[rules.Slip] = []
        self.slip_materials: list[str] = []  # every material a slip asked for
        self.extension: Evidence | None = None  # the 延期告知书: who granted it, when

    @property
    def decision(self) -> Evidence | None:
        """The act that decided it: its last step, when it was decided."""
        if self.decided_at is None or not self.steps:
            return None
        last = self.steps[-1]
        return Evidence(self.case_no, "办结", last.staff_no, last.workstation_id, self.decided_at)

    @property
    def accepted(self) -> Evidence | None:
        if self.accepted_by is None:
            return None
        staff_no, workstation_id, at = self.accepted_by
        return Evidence(self.case_no, "受理", staff_no, workstation_id, at)


def sweep(s: Session, today: date, calendar: WorkCalendar, days: set[date] | None = None) -> list[Finding]:
    """Every rule over every case accepted in the last quarter or still open, and the hall's
    coverage; or, with `days`, over the cases with an act on those days only (what a push brought,
    with the day's other work by the same people, which a burst needs)."""
    with _no_cycle_collection():
        if days is None:
            facts = _case_facts(s, _in_scope(today))
            return _judge(s, facts, facts, today, calendar, None) + _hall_coverage(s, today)
        facts = _facts_chosen_once(s, _acted_on(days))
        return _judge(s, facts, facts, today, calendar, days)


def sweep_since(s: Session, today: date, calendar: WorkCalendar, since: date) -> list[Finding]:
    """The regular sweep after a first one: the time limits of every case of the quarter or still
    open (time alone breaks them), the acts of the days from `since` through today (the days before
    were judged by earlier sweeps, and pushed acts as they arrived), and the hall's coverage.
    A busy quarter's every act is read once, not at every sweep."""
    since = min(since, today)  # a center's clock set back after the last sweep: today's acts still
    days = {since + timedelta(days=n) for n in range((today - since).days + 1)}
    with _no_cycle_collection():
        timed = _facts_chosen_once(s, _in_scope(today) & _time_may_run_out(today))
        acted = _facts_chosen_once(s, _acted_on(days))
        return _judge(s, timed, acted, today, calendar, days) + _hall_coverage(s, today)


def _in_scope(today: date) -> ColumnElement[bool]:
    return (Case.accepted_on >= today - timedelta(days=LOOK_BACK_DAYS)) | (Case.status != "已办结")


def _acted_on(days: set[date]) -> ColumnElement[bool]:
    """Cases accepted on `days`, or with a step or a notice on one of them."""
    spans = [(datetime.combine(d, time()), datetime.combine(d + timedelta(days=1), time())) for d in sorted(days)]

    def on(at: Any) -> ColumnElement[bool]:
        return or_(*(and_(at >= start, at < end) for start, end in spans))

    return (
        Case.accepted_on.in_(days)
        | Case.id.in_(select(ReviewStep.case_id).where(on(ReviewStep.at)))
        | Case.application_id.in_(select(Notice.application_id).where(on(Notice.issued_at)))
    )


def _time_may_run_out(today: date) -> ColumnElement[bool]:
    """Cases whose time limits a sweep must count: judged on a day (the day decided, or today) past
    a date stored at acceptance (the earliest either limit can be), or with an extension or a
    special step of their own to judge. The rest are within both limits however they are counted."""
    judged_on = func.coalesce(func.date(Case.decided_at, type_=Date), literal(today, Date))
    return or_(
        judged_on > Case.promised_due_on,
        judged_on > Case.statutory_due_on,
        Case.application_id.in_(select(Notice.application_id).where(Notice.kind == NoticeKind.EXTENSION)),
        Case.id.in_(select(CaseSpecialStep.case_id)),
    )


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A sweep builds hundreds of thousands of small objects, hardly any in cycles; the garbage
    collector, triggered by every few hundred of them, would walk them all again and again (some 40%
    of a big sweep). Paused for the sweep only, and back as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _judge(
    s: Session,
    timed: list[_CaseFacts],
    acted: list[_CaseFacts],
    today: date,
    calendar: WorkCalendar,
    days: set[date] | None,
) -> list[Finding]:
    """The time limits of the `timed` cases, and the acts of the `acted` ones (on `days` only, for
    bursts, when given: a burst is a day's)."""
    places = {w.id: w for w in s.scalars(select(Workstation))}
    registered: dict[str, set[str]] = defaultdict(set)
    for version_id, kind in s.execute(select(SpecialStepDef.version_id, SpecialStepDef.kind)):
        registered[version_id].add(kind)
    found: list[Finding] = []
    # Every 容缺 case: a few, where a condition on the sweep's cases would scan them all.
    found += _time_limits(timed, registered, today, calendar, supply_days(s))
    too_fast = {m: minutes for m, minutes in s.execute(select(TooFastLimit.matter_id, TooFastLimit.minutes))}
    found += _who_and_where(s, acted, places, calendar, too_fast)
    found += _bursts(acted, days)
    found += _window_attendance(s, acted, today if days is None else min(days))
    found += _notification(acted)
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


# The cases a sweep reads, chosen once: each kind of fact is one query joined to them, and a choice
# that scans steps and notices (the days acted on) would be made again by every one of them. A
# list of ids would outgrow any database's bound parameters; a temporary table lives in the
# connection's own space and goes with the sweep.
_CHOSEN = Table("sweep_cases", MetaData(), Column("id", String(36), primary_key=True), prefixes=["TEMPORARY"])


@contextmanager
def _chosen(conn: Connection, which: ColumnElement[bool]) -> Iterator[ColumnElement[bool]]:
    _CHOSEN.create(conn, checkfirst=True)
    conn.execute(delete(_CHOSEN))  # what a sweep that failed in a transaction still open left
    conn.execute(insert(_CHOSEN).from_select(["id"], select(Case.id).where(which)))
    yield Case.id.in_(select(_CHOSEN.c.id))
    # Not after an error: the transaction's rollback takes the table (an aborted one runs nothing).
    _CHOSEN.drop(conn)


def _facts_chosen_once(s: Session, which: ColumnElement[bool]) -> list[_CaseFacts]:
    """_case_facts of a choice that reads other tables (steps, notices), made once for all its
    queries. A plain condition on the cases' own columns is cheaper read as it is."""
    s.flush()  # the push's own rows count
    with _chosen(s.connection(), which) as chosen:
        return _case_facts(s, chosen)


def _case_facts(s: Session, which: ColumnElement[bool]) -> list[_CaseFacts]:
    """The cases `which` selects with what the rules read of each, in one query per kind of fact
    (joined to the same selection, never a list of ids: a busy quarter has tens of thousands).
    Plain column rows, not entities: a quarter is hundreds of thousands of rows."""
    departments: dict[str, str] = {m: d for m, d in s.execute(select(Matter.id, Matter.department_id))}  # flushes
    conn = s.connection()  # plain Core rows from here: no ORM loading machinery per row
    versions = {
        version_id: _Version(mode, statutory, promised)
        for version_id, mode, statutory, promised in conn.execute(
            select(
                MatterVersion.id,
                MatterVersion.review_mode,
                MatterVersion.statutory_limit_days,
                MatterVersion.promised_limit_days,
            ).where(MatterVersion.id.in_(select(Case.matter_version_id).where(which).distinct()))
        )
    }
    rows = conn.execute(
        select(
            Case.id,
            Case.case_no,
            Case.application_id,
            Case.matter_version_id,
            Case.accepted_on,
            Case.promised_due_on,
            Case.statutory_due_on,
            Case.decided_at,
            Case.paused_days,
            Case.extension_days,
            Case.matter_id,
        ).where(which)
    ).all()
    facts = {row[0]: _CaseFacts(row, versions[row[3]], departments[row[10]]) for row in rows}
    # Where it was accepted matters only for an application that names no ticket or walk-in.
    unserved = (
        select(Case.id, Application.window_no)
        .join(Application, Case.application_id == Application.id)
        .where(which, Application.ticket_id.is_(None), Application.walk_in_id.is_(None))
    )
    for case_id, window_no in conn.execute(unserved):
        facts[case_id].window_no, facts[case_id].served_under = window_no, False
    by_no = {f.case_no: f for f in facts.values()}
    by_application: dict[str, list[_CaseFacts]] = defaultdict(list)
    for f in facts.values():
        by_application[f.application_id].append(f)
    for row in conn.execute(
        select(
            ReviewStep.case_id,
            ReviewStep.step,
            ReviewStep.staff_no,
            ReviewStep.workstation_id,
            ReviewStep.at,
            ReviewStep.authorization_no,
        )
        .join(Case, ReviewStep.case_id == Case.id)
        .where(which)
        .order_by(ReviewStep.seq)
    ):
        facts[row[0]].steps.append(_Step._make(row[1:]))
    for special in conn.execute(
        select(
            CaseSpecialStep.case_id,
            CaseSpecialStep.id,
            CaseSpecialStep.kind,
            CaseSpecialStep.started_by,
            CaseSpecialStep.started_on,
            CaseSpecialStep.due_on,
            CaseSpecialStep.ended_on,
        )
        .join(Case, CaseSpecialStep.case_id == Case.id)
        .where(which)
    ):
        facts[special[0]].specials.append(_Special._make(special[1:]))
    notices = conn.execute(  # the columns only: a notice's row also holds its PDF
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
    items = (
        select(SlipItem.id, SlipItem.application_id, SlipItem.notice_id, SlipItem.name, SlipItem.late_reason)
        .join(Case, SlipItem.application_id == Case.application_id)
        .where(which)
        .distinct()
    )
    for _item_id, application_id, notice_id, name, late_reason in conn.execute(items):
        asked[application_id].add(name)
        if late_reason:
            new_problems[notice_id].append(f"{name}（{late_reason}）")
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
                by_no[case_no].accepted_by = (n.staff_no, n.workstation_id, n.issued_at)
    for application_id, names in asked.items():
        for f in by_application[application_id]:
            f.slip_materials = sorted(names)
    if any(f.slip_materials for f in facts.values()):  # the guides' materials, only when a slip asked for any
        for version_id, name in conn.execute(
            select(MaterialRequirement.version_id, MaterialRequirement.name).where(
                MaterialRequirement.version_id.in_(select(Case.matter_version_id).where(which).distinct())
            )
        ):
            versions[version_id].materials.add(name)
    return list(facts.values())


def _finding(
    key: str, signal: Signal | None, facts: _CaseFacts | None = None, department_id: str | None = None
) -> list[Finding]:
    if signal is None:
        return []
    case_no = facts.case_no if facts else signal.evidence[0].case_no
    department = facts.department_id if facts else department_id
    who = signal.answering
    return [Finding(f"{signal.kind}|{key}", signal, department, case_no, who.staff_no, who.at)]


def _time_limits(
    facts: list[_CaseFacts],
    registered: dict[str, set[str]],
    today: date,
    calendar: WorkCalendar,
    supply_by: dict[str, date],
) -> list[Finding]:
    found: list[Finding] = []
    due: dict[tuple, Limits] = {}  # many cases share their terms: counted on the calendar once

    def limits_with(*terms) -> Limits:
        if terms not in due:
            due[terms] = limits_on(calendar, *terms)
        return due[terms]

    for f in facts:
        decided_on = f.decided_at.date() if f.decided_at else None
        on = decided_on or today
        v = f.version
        overdue = late = None
        granted = f.extension.at if f.extension is not None else None
        # The dates stored at acceptance are the earliest the limits can be: an extension, a
        # special step or a 容缺 agreement only ever moves them later. Past either one (or with an
        # extension to judge), the limits are counted as the inbox counts them, on the day judged.
        if on > f.promised_due_on or on > f.statutory_due_on or granted is not None:
            running = None if decided_on else next((st.started_on for st in f.specials if st.ended_on is None), None)
            terms = (on, f.accepted_on, v.statutory_days, v.promised_days)
            after = (f.paused_days, running, supply_by.get(f.id))
            unextended = limits_with(*terms, 0, *after)
            if granted is not None:
                # The statutory limit it extended: the same count without the extension.
                assert f.extension is not None
                late = rules.late_extension(f.case_no, granted, f.extension.staff_no, unextended.statutory.day)
                found += _finding(f.case_no, late, f)
            # An extension granted after the deadline it extends gives the case no more time.
            limit = unextended if late or not f.extension_days else limits_with(*terms, f.extension_days, *after)
            clock = rules.CaseClock(f.case_no, limit.promised.day, limit.statutory.day, decided_on)
            overdue = rules.overdue(clock, today, f.decision)
            found += _finding(f.case_no, overdue, f)  # one finding per case: a yellow turns red
        for step in f.specials:
            timed = rules.TimedStep(f.case_no, step.kind, step.started_by, step.due_on, step.ended_on)
            found += _finding(f"{f.case_no}|{step.id}", rules.step_overdue(timed, overdue is None, today), f)
            started = Evidence(f.case_no, step.kind, step.started_by, at=datetime.combine(step.started_on, time()))
            found += _finding(
                f"{f.case_no}|{step.id}", rules.unregistered_step(started, registered[f.matter_version_id]), f
            )
    return found


def _who_and_where(
    s: Session,
    facts: list[_CaseFacts],
    places: dict[str, Workstation],
    calendar: WorkCalendar,
    too_fast: dict[str, int],
) -> list[Finding]:
    """`too_fast`: the minutes a manager set for 提前办结异常, by matter id (the rest have their
    mode's default)."""
    active = set(s.scalars(select(Staff.staff_no).where(Staff.active.is_(True))))
    away = {w.id: w for w in places.values() if not w.in_hall}  # a step taken in the hall is quiet
    working: dict[date, bool] = {}
    # No limit in force is longer: a case decided later than this is never too fast.
    fast_enough = timedelta(minutes=max(30, *rules.TOO_FAST_MINUTES.values(), *too_fast.values()))

    def odd_hours(at: datetime | None) -> bool:
        """Whether off_hours may fire: quiet for a working day's time within the hall's hours."""
        if at is None:
            return False
        day = at.date()
        works = working.get(day)
        if works is None:
            works = working[day] = calendar.is_working_day(day)
        return not works or not HALL_HOURS.opens <= at.time() <= HALL_HOURS.closes

    found: list[Finding] = []
    for f in facts:
        case_no, version = f.case_no, f.version
        acts: Sequence[tuple[str, str, str, datetime | None, str]] = f.steps
        if f.accepted_by is not None:
            acts = [("受理", *f.accepted_by, ""), *f.steps]
        for what, staff_no, workstation_id, at, _ in acts:
            odd, place = odd_hours(at), away.get(workstation_id)
            if not odd and place is None:
                continue
            act = Evidence(case_no, what, staff_no, workstation_id, at)
            key = f"{case_no}|{what}|{staff_no}"
            if odd:
                found += _finding(key, rules.off_hours(act, HALL_HOURS, calendar.is_working_day), f)
            if place is not None:
                found += _finding(key, rules.outside_hall(act, place.in_hall, place.place or place.name), f)
        if version.separated and len({st.staff_no for st in f.steps}) < len(f.steps):
            taken = [st.evidence(case_no) for st in f.steps]
            found += _finding(case_no, rules.same_person(version.review_mode, taken), f)
        last = version.last_step
        for st in f.steps:
            posted, authorized = st.staff_no in active, bool(st.authorization_no)
            decides = st.step in (last, ON_THE_SPOT_STEP)
            if posted and (authorized or not decides):
                continue
            signal = rules.not_posted(st.evidence(case_no), posted, authorized, decides)
            found += _finding(f"{case_no}|{st.step}|{st.staff_no}", signal, f)
        accepted_at = f.accepted_by[2] if f.accepted_by else None
        if (
            version.separated
            and accepted_at is not None
            and f.decided_at is not None
            and len(f.steps) >= 2
            and f.decided_at - accepted_at < fast_enough
        ):
            accepted = f.accepted
            assert accepted is not None
            decided = f.decision
            assert decided is not None
            minutes = too_fast.get(f.matter_id)
            signal = rules.decided_too_fast(case_no, version.review_mode, accepted, decided, minutes)
            found += _finding(case_no, signal, f)
    return found


def _bursts(facts: list[_CaseFacts], days: set[date] | None) -> list[Finding]:
    """Acceptances and decisions entered in bursts, on `days` when given (a case acted on today
    also holds its acts of earlier days, judged then: a part of an old burst is no new one). Only
    the acts that have `BURST_COUNT` of one person's acts within `BURST_MINUTES` of each other can
    belong to a burst; the rule judges those."""

    def judged(at: datetime | None) -> bool:
        return at is not None and (days is None or at.date() in days)

    # Numbered in the order the rule has always been given them (every acceptance, then every
    # decision), so that acts at the same minute come to it in the same order as before.
    by_person: dict[str, list[tuple[datetime, int, _CaseFacts, _Step | None]]] = defaultdict(list)
    for n, f in enumerate(facts):
        if f.accepted_by is not None and f.accepted_by[2] is not None and judged(f.accepted_by[2]):
            by_person[f.accepted_by[0]].append((f.accepted_by[2], n, f, None))
    for n, f in enumerate(facts, len(facts)):
        for st in f.steps:
            if st.step == f.version.last_step and judged(st.at):
                by_person[st.staff_no].append((st.at, n, f, st))
    window = timedelta(minutes=rules.BURST_MINUTES)
    near: list[tuple[int, _CaseFacts, _Step | None]] = []
    for own in by_person.values():
        if len(own) < rules.BURST_COUNT:
            continue
        own.sort(key=lambda act: act[0])  # stable: ties stay in the order above
        kept = [False] * len(own)
        last = 0
        for first in range(len(own)):
            last = max(last, first)
            while last + 1 < len(own) and own[last + 1][0] - own[first][0] <= window:
                last += 1
            if last - first + 1 >= rules.BURST_COUNT:
                kept[first : last + 1] = [True] * (last - first + 1)
        near += [(n, f, st) for (_, n, f, st), keep_it in zip(own, kept, strict=True) if keep_it]
    near.sort(key=lambda act: act[0])  # the rule's own order, a decision after its case's acceptance
    acts: list[Evidence] = []
    for _, f, decided in near:
        act = f.accepted if decided is None else decided.evidence(f.case_no)
        assert act is not None  # an acceptance is listed only with its notice
        acts.append(act)
    department = {f.case_no: f.department_id for f in facts}
    found: list[Finding] = []
    for signal in rules.bursts(acts):
        first_act = signal.evidence[0]
        key = f"{first_act.staff_no}|{first_act.at:%Y-%m-%dT%H:%M}"
        found += _finding(key, signal, department_id=department.get(first_act.case_no))
    return found


def _window_attendance(s: Session, facts: list[_CaseFacts], since: date) -> list[Finding]:
    """Acceptances at a window where nobody was called or recorded as a walk-in that day: neither
    the application names the ticket or walk-in it was served under, nor was anyone served there."""
    unserved = [f for f in facts if f.accepted_by is not None and f.window_no is not None and not f.served_under]
    if not unserved:
        return []
    first = min((f.accepted_on for f in facts), default=since)
    start = datetime.combine(first, time())
    served: dict[int | None, list[datetime]] = defaultdict(list)
    for window_no, called in s.execute(select(Ticket.window_no, Ticket.called_at).where(Ticket.called_at >= start)):
        if called is not None:  # it is: the query asks for it; the column may be empty
            served[window_no].append(called)
    for window_no, started in s.execute(select(WalkIn.window_no, WalkIn.started_at).where(WalkIn.started_at >= start)):
        served[window_no].append(started)
    found: list[Finding] = []
    for f in unserved:
        found += _finding(f.case_no, rules.no_ticket(f.accepted, f.window_no, served[f.window_no]), f)  # type: ignore[arg-type]
    return found


def _notification(facts: list[_CaseFacts]) -> list[Finding]:
    """Slips per application, and slip problems the published guide does not list."""
    found: list[Finding] = []
    for f in facts:
        if len(f.slips) >= 2:  # one slip is one-time notification kept
            found += _finding(f.application_id, rules.notification_broken(f.case_no, f.slips), f)
        accepted = f.accepted if f.slip_materials else None
        if accepted:
            found += _finding(f.case_no, rules.unlisted_materials(accepted, f.slip_materials, f.version.materials), f)
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
    letters = select(ChiefAuthorization.department_id, func.count()).where(in_force_on(today))
    return {department: n for department, n in s.execute(letters.group_by(ChiefAuthorization.department_id))}
