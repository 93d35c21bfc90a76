"""电子监察 at the center: the sweep's findings kept as signals (one row per finding, found again
in later sweeps as the same row), read by supervisors and managers, and explained away with a
reason when they are false alarms: an explained signal stays on record and leaves the counts."""

import json
from datetime import timedelta

from sqlalchemy import func, select

from app.actor import SYSTEM_PREFIX, Actor, Role, person_label
from app.catalog.guide import ReviewMode
from app.clock import Clock, hall_time
from app.errors import FieldError, NotFound, ValidationFailed
from app.notices.numbering import CENTER_ID
from app.supervision import rules
from app.supervision.dto import EvidenceRow, SignalRow, SweepResult, TooFastLimitRow
from app.supervision.rules import Level, SignalKind
from app.supervision.sweep import keep, sweep, sweep_since
from app.uow import UnitOfWork
from app.web import wire
from app.workdays import WorkCalendar
from db.models import (
    Department,
    LedgerItem,
    Matter,
    MatterVersion,
    Staff,
    SupervisionSignal,
    SupervisionSweep,
    TooFastLimit,
)
from db.store import Store

READERS = (Role.SUPERVISOR, Role.MANAGER)
FULL_SWEEP_EVERY = timedelta(days=7)
# The sweep writes as the center itself; the audit log names it so.
SWEEPER = Actor(None, f"{SYSTEM_PREFIX}supervision", "电子监察巡查", frozenset(), CENTER_ID)


class SignalService:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()

    def sweep(self, actor: Actor) -> SweepResult:
        """Reads the record and keeps what the rules find: new findings added, known ones brought
        up to date (a yellow turned red) unless a supervisor explained them."""
        actor.require(*READERS)
        with UnitOfWork(self.store, SWEEPER, self.clock) as uow:
            s = uow.session
            today, calendar = self.clock.today(), WorkCalendar.load(s)
            last = s.scalar(select(SupervisionSweep).order_by(SupervisionSweep.at.desc()).limit(1))
            last_full = s.scalar(select(func.max(SupervisionSweep.swept_on)).where(SupervisionSweep.full.is_(True)))
            # Every act of the quarter judged again at least weekly: a push whose judging failed
            # (kept apart so that it never costs a workstation its sync) is caught up by then.
            if last is None or last_full is None or today - last_full >= FULL_SWEEP_EVERY:
                full, found = True, sweep(s, today, calendar)
            else:
                full, found = False, sweep_since(s, today, calendar, last.swept_on)
            new, changed = keep(s, found, self.clock.utc_now())
            s.add(SupervisionSweep(at=self.clock.utc_now(), swept_on=today, full=full, found=len(found)))
            if new or changed:
                uow.record(
                    "supervision.swept",
                    "supervision_signal",
                    "",
                    detail={"found": len(found), "raised": new, "updated": changed},
                )
            uow.commit()
        return SweepResult(len(found), new, changed)

    def signals(self, actor: Actor, include_explained: bool = True) -> list[SignalRow]:
        actor.require(*READERS)
        with self.store.sessions() as s:
            names = {d: n for d, n in s.execute(select(Department.id, Department.name))}
            query = select(SupervisionSignal).order_by(SupervisionSignal.found_at.desc(), SupervisionSignal.key)
            if not include_explained:
                query = query.where(SupervisionSignal.explained_at.is_(None))
            people = {no: name for no, name in s.execute(select(Staff.staff_no, Staff.name))}
            ledger = {id_: no for id_, no in s.execute(select(LedgerItem.id, LedgerItem.item_no))}
            return [
                _signal_row(r, names.get(r.department_id or "", ""), people, ledger.get(r.ledger_item_id or "", ""))
                for r in s.scalars(query)
            ]

    def explain(self, actor: Actor, signal_id: str, reason: str) -> None:
        """A false alarm explained: it keeps its place on record, with who explained it and why."""
        actor.require(*READERS)
        reason = reason.strip()
        if len(reason) < 4:
            raise ValidationFailed([FieldError("reason", "请写明排除的理由（至少 4 个字）。")])
        with UnitOfWork(self.store, actor, self.clock) as uow:
            row = uow.session.get(SupervisionSignal, signal_id, with_for_update=True)
            if row is None:
                raise NotFound("没有这条监察信号。")
            if row.explained_at is not None:
                raise ValidationFailed([FieldError("reason", "这条信号已经排除过了。")])
            row.explained_at, row.explained_by, row.explanation = self.clock.utc_now(), actor.staff_no, reason
            uow.record("supervision.explained", "supervision_signal", signal_id, reason=reason)
            uow.commit()

    def too_fast_limits(self, actor: Actor) -> list[TooFastLimitRow]:
        """Every matter whose mode needs two or more people, with its mode's default limit for
        提前办结异常 and the one a manager set for it (None: the default holds)."""
        actor.require(*READERS)
        with self.store.sessions() as s:
            names = {d: n for d, n in s.execute(select(Department.id, Department.name))}
            limits = {m: minutes for m, minutes in s.execute(select(TooFastLimit.matter_id, TooFastLimit.minutes))}
            current = select(Matter.id, Matter.code, Matter.name, Matter.department_id, MatterVersion.review_mode).join(
                MatterVersion, Matter.current_version_id == MatterVersion.id
            )
            rows = [
                TooFastLimitRow(
                    id_,
                    code,
                    name,
                    names.get(department_id, ""),
                    ReviewMode(mode),
                    rules.too_fast_default(mode),
                    limits.get(id_),
                )
                for id_, code, name, department_id, mode in s.execute(current)
                if rules.watched_too_fast(mode)
            ]
        return sorted(rows, key=lambda r: (r.department, r.code))

    def set_too_fast_limit(self, actor: Actor, matter_id: str, minutes: int | None) -> None:
        """A manager sets the minutes under which a decision of this matter is 提前办结异常, or
        (None) sends it back to its mode's default. The next sweep judges by it."""
        actor.require(Role.MANAGER)
        low, high = rules.TOO_FAST_SETTABLE[0], rules.TOO_FAST_SETTABLE[-1]
        if minutes is not None and minutes not in rules.TOO_FAST_SETTABLE:
            raise ValidationFailed([FieldError("minutes", f"时限须在 {low} 至 {high} 分钟之间。")])
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            matter = s.get(Matter, matter_id)
            version = s.get(MatterVersion, matter.current_version_id) if matter and matter.current_version_id else None
            if matter is None or version is None:
                raise NotFound("没有这个事项。")
            if not rules.watched_too_fast(version.review_mode):
                raise ValidationFailed(
                    [FieldError("minutes", f"“{matter.name}”为{version.review_mode}，不适用提前办结异常。")]
                )
            row = s.get(TooFastLimit, matter_id, with_for_update=True)
            was = row.minutes if row is not None else None
            if minutes is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(
                    TooFastLimit(
                        matter_id=matter_id, minutes=minutes, set_by=actor.staff_no, set_at=self.clock.utc_now()
                    )
                )
            else:
                row.minutes, row.set_by, row.set_at = minutes, actor.staff_no, self.clock.utc_now()
            default = rules.too_fast_default(version.review_mode)

            def said(limit: int | None) -> str:
                return f"{limit} 分钟" if limit is not None else f"默认 {default} 分钟"

            detail = {"code": matter.code, "limit": said(minutes), "limit_was": said(was)}
            uow.record("supervision.too_fast_set", "matter", matter_id, detail=detail)
            uow.commit()


def _signal_row(r: SupervisionSignal, department: str, people: dict[str, str], ledger_item_no: str) -> SignalRow:
    evidence = wire.decode(list[EvidenceRow], json.loads(r.evidence))  # stored as JSON, times as ISO text
    return SignalRow(
        r.id,
        SignalKind(r.kind),
        Level(r.level),
        department,
        r.case_no,
        r.staff_no,
        r.occurred_at,
        hall_time(r.found_at),
        r.why,
        evidence,
        r.explained_at is not None,
        r.explained_by,
        r.explanation,
        r.ledger_item_id,
        hall_time(r.explained_at) if r.explained_at else None,
        person_label(r.staff_no, people.get(r.staff_no, "")) if r.staff_no else "",
        ledger_item_no,
    )
