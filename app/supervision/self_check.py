"""The 自查评分表 and the 自查自纠报告 at the center (石龙区 “三个无审批” 自查; 南阳 “大厅之外有审批”
专项整治: 形成自查自纠报告，由单位主要领导签字盖章后报送). The facts each item can be judged on are
gathered here from the record (the catalog, the 授权书, the steps taken and where, the staff
list, the 电子监察 signals) for app.supervision.scorecard to judge; the items the record cannot
answer are the department's own recorded answers. The report adds the work done, the 问题台账
rows of the period and their closure, and is drawn by app.supervision.report_pdf.
Supervisors and managers only."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.authorizations.service import in_force_on
from app.clock import Clock, hall_time
from app.errors import FieldError, NotFound, ValidationFailed
from app.hall_settings.read import center_fields
from app.supervision import scorecard
from app.supervision.ledger import LedgerService
from app.supervision.ledger_rules import LedgerStatus, ProblemType, is_member
from app.supervision.rules import Level, SignalKind
from app.supervision.scorecard import RECORDED_ITEMS, Answer, DepartmentFacts, Recorded, Verdict
from app.supervision.self_check_dto import MeasureLine, ReportData, ReportPdf, Scorecard
from app.uow import UnitOfWork
from db.models import (
    Case,
    CaseSpecialStep,
    ChiefAuthorization,
    Department,
    Matter,
    MatterVersion,
    ReviewStep,
    SelfCheckAnswer,
    SpecialStepDef,
    Staff,
    SupervisionSignal,
    Workstation,
)
from db.store import Store

KEEPERS = (Role.SUPERVISOR, Role.MANAGER)
OUTSIDE_KINDS = (SignalKind.OUTSIDE_HALL, SignalKind.DECIDED_TOO_FAST, SignalKind.BURST, SignalKind.NO_TICKET)
UNLISTED_KINDS = (SignalKind.UNREGISTERED_STEP, SignalKind.UNLISTED_MATERIAL)
APPROVERS = (str(Role.REVIEWER), str(Role.CHIEF))
MAX_DAYS = 366  # a period is at most a year
EXPLANATIONS_SHOWN = 5
CENTER_WORD = "政务服务中心"  # the generic word until the hall's settings name the center


def _period_errors(first: date, last: date) -> list[FieldError]:
    if last < first:
        return [FieldError("last", "自查期间的截止日期不能早于起始日期。")]
    if (last - first).days >= MAX_DAYS:
        return [FieldError("last", "自查期间不能超过一年。")]
    return []


def _day(occurred_at: datetime | None, found_at: datetime) -> date:
    """The day a signal belongs to: when it happened, or (a hall's coverage) when it was found."""
    return (occurred_at or hall_time(found_at)).date()


class SelfCheckService:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()

    # -- the scorecard ---------------------------------------------------------------------------------

    def scorecard(self, actor: Actor, department_id: str | None, first: date, last: date) -> Scorecard:
        """The nine items for one department over the period, or for the whole center (None): its
        departments' answers combined (app.supervision.scorecard.combined)."""
        actor.require(*KEEPERS)
        errors = _period_errors(first, last)
        if errors:
            raise ValidationFailed(errors)
        with self.store.sessions() as s:
            unit, answers = self._answers(s, department_id, first, last)
            return Scorecard(department_id, unit, first, last, list(answers))

    def record(self, actor: Actor, department_id: str, item_no: int, answer: Verdict, note: str = "") -> Answer:
        """A department's answer to an item the record cannot judge (1, 2, 5): 是 or 否, with a note
        (required for 否: what is not yet in place). A new answer replaces the last one, which stays on record."""
        actor.require(*KEEPERS)
        note = note.strip()
        errors = []
        if item_no not in RECORDED_ITEMS:
            errors.append(FieldError("item_no", "只有第 1、2、5 项由单位自查填报，其余各项由系统据办件记录判断。"))
        if not is_member(Verdict, str(answer)) or answer == Verdict.OPEN:
            errors.append(FieldError("answer", "请选择“是”或“否”。"))
        elif answer == Verdict.NO and len(note) < 4:
            errors.append(FieldError("note", "回答“否”时，请写明存在的问题（至少 4 个字）。"))
        if len(note) > 500:
            errors.append(FieldError("note", "说明不能超过 500 字。"))
        if errors:
            raise ValidationFailed(errors)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            department = s.get(Department, department_id)
            if department is None:
                raise NotFound("没有这个窗口单位。")
            row = SelfCheckAnswer(
                department_id=department_id,
                item_no=item_no,
                answer=str(answer),
                note=note,
                answered_by=actor.staff_no,
                answered_at=self.clock.utc_now(),
            )
            s.add(row)
            s.flush()
            uow.record(
                "self_check.answered",
                "self_check_answer",
                row.id,
                reason=note,
                detail={"department": department.name, "check_item": item_no, "answer": str(answer)},
            )
            uow.commit()
            recorded = Recorded(Verdict(row.answer), row.note, row.answered_by, hall_time(row.answered_at))
            return scorecard.recorded_item(item_no, recorded)

    # -- the report --------------------------------------------------------------------------------------

    def report(self, actor: Actor, department_id: str | None, first: date, last: date) -> ReportPdf:
        """The 自查自纠报告 of a department, or of the whole center (None), over the period, as a PDF
        to print, sign and seal."""
        card = self.scorecard(actor, department_id, first, last)
        rows = [
            r
            for r in LedgerService(self.store, self.clock).ledger(actor, department_id=department_id)
            if first <= r.found_on <= last
        ]
        with self.store.sessions() as s:
            cases, matters = self._examined(s, department_id, first, last)
            kept = select(  # the columns the report reads, not the signals' evidence
                SupervisionSignal.kind,
                SupervisionSignal.level,
                SupervisionSignal.explanation,
                SupervisionSignal.explained_at,
                SupervisionSignal.occurred_at,
                SupervisionSignal.found_at,
            ).order_by(SupervisionSignal.found_at)
            if department_id is not None:
                kept = kept.where(SupervisionSignal.department_id == department_id)
            signals = [sig for sig in s.execute(kept) if first <= _day(sig.occurred_at, sig.found_at) <= last]
        live = [sig for sig in signals if sig.explained_at is None]
        explained = [sig for sig in signals if sig.explained_at is not None]
        by_type = Counter(r.problem_type for r in rows)
        data = ReportData(
            unit=card.unit,
            first=first,
            last=last,
            drafted_on=self.clock.today(),
            cases=cases,
            matters=matters,
            red=sum(1 for sig in live if sig.level == Level.RED),
            yellow=sum(1 for sig in live if sig.level == Level.YELLOW),
            explained=len(explained),
            explanations=tuple(f"{sig.kind}：{sig.explanation}" for sig in explained[:EXPLANATIONS_SHOWN]),
            answers=tuple(card.answers),
            problems=tuple((str(t), by_type[t]) for t in ProblemType if by_type[t]),
            measures=tuple(
                MeasureLine(
                    r.item_no,
                    r.problem_type,
                    r.facts,
                    r.measure,
                    r.responsible_unit,
                    r.due_on,
                    r.status,
                    r.overdue,
                )
                for r in sorted(rows, key=lambda r: r.item_no)
            ),
            closed=sum(1 for r in rows if r.status == LedgerStatus.CLOSED),
        )
        from app.supervision.report_pdf import render_report  # reportlab loads on the first report

        pdf, pages = render_report(data)
        name = f"自查自纠报告-{card.unit}-{first:%Y%m%d}至{last:%Y%m%d}.pdf"
        return ReportPdf(pdf, name, card.unit, pages)

    # -- gathering the facts ---------------------------------------------------------------------------

    def _answers(
        self, s: Session, department_id: str | None, first: date, last: date
    ) -> tuple[str, tuple[Answer, ...]]:
        if department_id is not None:
            department = s.get(Department, department_id)
            if department is None:
                raise NotFound("没有这个窗口单位。")
            return department.name, scorecard.answers(self._facts(s, department, first, last))
        center = center_fields(s)
        with_matters = set(s.scalars(select(Matter.department_id)))
        departments = s.scalars(select(Department).where(Department.id.in_(with_matters)).order_by(Department.code))
        by_department = [(d.name, scorecard.answers(self._facts(s, d, first, last))) for d in departments]
        return (center.center_name if center else "") or CENTER_WORD, scorecard.combined(by_department)

    def _examined(self, s: Session, department_id: str | None, first: date, last: date) -> tuple[int, int]:
        """Cases accepted in the period, and matters in the catalog, of the unit."""
        matters = select(Matter.id)
        if department_id is not None:
            matters = matters.where(Matter.department_id == department_id)
        matter_ids = set(s.scalars(matters))
        cases = select(func.count(Case.id)).where(Case.accepted_on >= first, Case.accepted_on <= last)
        if department_id is not None:  # joined, never a list of ids
            cases = cases.join(Matter, Case.matter_id == Matter.id).where(Matter.department_id == department_id)
        return s.scalar(cases) or 0, len(matter_ids)

    def _facts(self, s: Session, d: Department, first: date, last: date) -> DepartmentFacts:
        catalog = s.execute(
            select(Matter, MatterVersion)
            .join(MatterVersion, Matter.current_version_id == MatterVersion.id)
            .where(Matter.department_id == d.id)
            .order_by(Matter.code)
        ).all()
        in_hall = [m for m, v in catalog if v.in_hall]
        covered = {m.id for a in self._letters(s, d.id, last) for m in a.matters}
        # The department's cases are joined, never listed by id: a year holds hundreds of thousands.
        own = Matter.department_id == d.id
        special = s.execute(
            select(Case.case_no, Case.matter_version_id, CaseSpecialStep.kind)
            .join(Case, CaseSpecialStep.case_id == Case.id)
            .join(Matter, Case.matter_id == Matter.id)
            .where(own, CaseSpecialStep.started_on >= first, CaseSpecialStep.started_on <= last)
        ).all()
        registered: dict[str, set[str]] = defaultdict(set)
        for version_id, kind in s.execute(
            select(SpecialStepDef.version_id, SpecialStepDef.kind).where(
                SpecialStepDef.version_id.in_({st.matter_version_id for st in special})
            )
        ):
            registered[version_id].add(kind)
        in_period = (
            ReviewStep.at >= datetime.combine(first, time()),
            ReviewStep.at < datetime.combine(last + timedelta(days=1), time()),
        )
        reviews = (
            s.scalar(
                select(func.count(ReviewStep.id))
                .join(Case, ReviewStep.case_id == Case.id)
                .join(Matter, Case.matter_id == Matter.id)
                .where(own, *in_period)
            )
            or 0
        )
        places = {w.id: w for w in s.scalars(select(Workstation))}
        away = {w.id: w.place or w.name for w in places.values() if not w.in_hall}
        outside = (
            [
                f"{case_no} {step}（{away[workstation_id]}）"
                for case_no, step, workstation_id in s.execute(
                    select(Case.case_no, ReviewStep.step, ReviewStep.workstation_id)
                    .join(Case, ReviewStep.case_id == Case.id)
                    .join(Matter, Case.matter_id == Matter.id)
                    .where(own, *in_period, ReviewStep.workstation_id.in_(away))
                    .order_by(ReviewStep.at)
                )
            ]
            if away
            else []
        )
        approvers = [
            p
            for p in s.scalars(select(Staff).where(Staff.department_id == d.id, Staff.active.is_(True)))
            if any(r.role in APPROVERS for r in p.roles)
        ]
        # What the record proves is a red card; a yellow one (a burst, an acceptance with no ticket)
        # is a lead to check, not a finding: it is not what the items ask about.
        kinds = Counter(
            kind
            for kind, occurred_at, found_at in s.execute(
                select(SupervisionSignal.kind, SupervisionSignal.occurred_at, SupervisionSignal.found_at).where(
                    SupervisionSignal.department_id == d.id,
                    SupervisionSignal.explained_at.is_(None),
                    SupervisionSignal.level == Level.RED,
                )
            )
            if first <= _day(occurred_at, found_at) <= last
        )
        return DepartmentFacts(
            department=d.name,
            matters=len(catalog),
            negative_listed=sum(1 for _, v in catalog if not v.in_hall and v.negative_list_approval),
            out_unlisted=tuple(m.name for m, v in catalog if not v.in_hall and not v.negative_list_approval),
            in_hall_matters=len(in_hall),
            unauthorized=tuple(m.name for m in in_hall if m.id not in covered),
            letters_in_force=len(self._letters(s, d.id, last)),
            special_steps=len(special),
            unregistered_steps=tuple(
                f"{st.case_no} {st.kind}" for st in special if st.kind not in registered[st.matter_version_id]
            ),
            review_steps=reviews,
            outside_steps=tuple(outside),
            approvers=len(approvers),
            unposted=tuple(f"{p.staff_no} {p.name}" for p in approvers if not p.hall_posted),
            windowed=sum(1 for p in approvers if p.window_id),
            outside_signals=_counted(kinds, OUTSIDE_KINDS),
            unlisted_signals=_counted(kinds, UNLISTED_KINDS),
            recorded=self._recorded(s, d.id),
        )

    @staticmethod
    def _letters(s: Session, department_id: str, on: date) -> list[ChiefAuthorization]:
        """The 授权书 in force on the day: within their validity and not revoked by then."""
        return list(
            s.scalars(
                select(ChiefAuthorization).where(ChiefAuthorization.department_id == department_id, in_force_on(on))
            )
        )

    @staticmethod
    def _recorded(s: Session, department_id: str) -> dict[int, Recorded]:
        latest: dict[int, Recorded] = {}
        for row in s.scalars(
            select(SelfCheckAnswer)
            .where(SelfCheckAnswer.department_id == department_id)
            .order_by(SelfCheckAnswer.answered_at, SelfCheckAnswer.id)
        ):
            latest[row.item_no] = Recorded(Verdict(row.answer), row.note, row.answered_by, hall_time(row.answered_at))
        return latest


def _counted(kinds: Counter, wanted: Iterable[SignalKind]) -> tuple[tuple[str, int], ...]:
    return tuple((str(k), kinds[str(k)]) for k in wanted if kinds[str(k)])
