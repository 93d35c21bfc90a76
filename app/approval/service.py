"""Deciding accepted cases on site (at the center, where every workstation's cases arrive): the
inbox of a chief or reviewer, review steps under the matter's mode and the people's
authorizations, the one extension, and special steps that stop the clock.

Every rule is checked here, where the change is made (app.approval.rules); a refused action
changes nothing and says why."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.acceptance.applicant import applicant_from_json
from app.actor import Actor, Role
from app.approval import rules
from app.approval.deadlines import MAX_EXTENSION, days_left, limits_on, warning
from app.auth import on_duty
from app.clock import Clock
from app.errors import DomainError, NotFound, PermissionDenied
from app.identity import mask_id
from app.uow import UnitOfWork
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
    SpecialStepDef,
    Staff,
)
from db.store import Store

OPEN = "办理中"


class ApprovalRefused(DomainError):
    pass


@dataclass(frozen=True)
class InboxRow:
    case_id: str
    case_no: str
    matter: str
    applicant: str
    accepted_on: date
    step: str
    promised_due: date
    statutory_due: date
    days_left: int  # to the promised limit, in working days; negative when overdue
    warning: str  # "", "yellow", "red"
    paused: bool  # a special step is running: the clock stands still


@dataclass(frozen=True)
class StepResult:
    step: str
    decided: str | None  # 准予 / 不予 once the last step is taken


class ApprovalService:
    def __init__(self, store: Store, workstation_id: str, clock: Clock | None = None):
        self.store = store
        self.workstation_id = workstation_id
        self.clock = clock or Clock()

    # -- facts ------------------------------------------------------------------------------------

    def _person(self, s: Session, actor: Actor) -> rules.Person:
        staff = s.scalar(select(Staff).where(Staff.staff_no == actor.staff_no, Staff.active.is_(True)))
        if staff is None:
            raise PermissionDenied(f"“{actor.staff_no}”不是在岗工作人员。")
        auths = s.scalars(select(ChiefAuthorization).where(ChiefAuthorization.chief_id == staff.id))
        return rules.Person(
            staff.staff_no,
            frozenset(r.role for r in staff.roles),
            staff.department_id,
            tuple(
                rules.Authorization(
                    a.document_no, a.department_id, frozenset(m.id for m in a.matters), a.valid_from, a.valid_to
                )
                for a in auths
            ),
        )

    def _case(self, s: Session, case_id: str, lock: bool = False) -> Case:
        case = s.get(Case, case_id, with_for_update=lock)
        if case is None:
            raise NotFound("没有这个办件。")
        return case

    def _facts(self, s: Session, case: Case) -> rules.CaseFacts:
        version = s.get(MatterVersion, case.matter_version_id)
        matter = s.get(Matter, case.matter_id)
        application = s.get(Application, case.application_id)
        done = s.scalars(select(ReviewStep.staff_no).where(ReviewStep.case_id == case.id).order_by(ReviewStep.seq))
        return rules.CaseFacts(
            version.review_mode,
            case.matter_id,
            matter.department_id,
            application.clerk_no,
            tuple(done),
            case.decision is not None,
        )

    def _running(self, s: Session, case_id: str) -> CaseSpecialStep | None:
        return s.scalar(
            select(CaseSpecialStep).where(CaseSpecialStep.case_id == case_id, CaseSpecialStep.ended_on.is_(None))
        )

    def limits_of(self, s: Session, case: Case, cal: WorkCalendar, today: date):
        version = s.get(MatterVersion, case.matter_version_id)
        running = self._running(s, case.id)
        return limits_on(
            cal,
            today,
            case.accepted_on,
            version.statutory_limit_days,
            version.promised_limit_days,
            case.extension_days,
            case.paused_days,
            running.started_on if running else None,
        )

    def actor_for(self, staff_no: str, workstation_id: str) -> Actor:
        """The acting person as this store knows them (at the center: the center's staff list)."""
        with self.store.sessions() as s:
            return on_duty(s, staff_no, workstation_id)

    def case_view(self, actor: Actor, case_id: str) -> dict:
        """Everything a chief or reviewer needs to decide; the read is recorded (who saw which case)."""
        actor.require(Role.CHIEF, Role.REVIEWER)
        today = self.clock.today()
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            case = self._case(s, case_id)
            application = s.get(Application, case.application_id)
            version = s.get(MatterVersion, case.matter_version_id)
            facts = self._facts(s, case)
            cal = WorkCalendar.load(s)
            due = self.limits_of(s, case, cal, today)
            applicant = applicant_from_json(application.applicant)
            view = {
                "case_id": case.id,
                "case_no": case.case_no,
                "matter": version.name,
                "review_mode": version.review_mode,
                "applicant": applicant.display_name,
                "applicant_document": applicant.credit_code or mask_id(applicant.person.doc_no),
                "accepted_on": case.accepted_on.isoformat(),
                "accepted_by": application.clerk_no,
                "next_step": rules.next_step(facts),
                "decision": case.decision,
                "promised_due": due.promised.day.isoformat(),
                "statutory_due": due.statutory.day.isoformat(),
                "days_left": days_left(cal, today, due.promised.day),
                "extension": {"days": case.extension_days, "reason": case.extension_reason, "by": case.extension_by},
                "checklist": [{"name": i.name, "status": i.status, "defect": i.defect} for i in application.checklist],
                "notices": [
                    {"notice_no": n.notice_no, "kind": n.kind, "issued_at": n.issued_at.isoformat(timespec="minutes")}
                    for n in s.scalars(select(Notice).where(Notice.application_id == application.id))
                ],
                "steps": [
                    {
                        "step": r.step,
                        "staff": f"{r.staff_name}（{r.staff_no}）",
                        "agreed": r.agreed,
                        "opinion": r.opinion,
                        "authorization_no": r.authorization_no,
                        "at": r.at.isoformat(timespec="minutes"),
                    }
                    for r in s.scalars(select(ReviewStep).where(ReviewStep.case_id == case.id).order_by(ReviewStep.seq))
                ],
                "special_steps": [
                    {
                        "kind": c.kind,
                        "started_on": c.started_on.isoformat(),
                        "due_on": c.due_on.isoformat(),
                        "ended_on": c.ended_on.isoformat() if c.ended_on else None,
                        "overrun": (c.ended_on or today) > c.due_on,
                        "people": c.people,
                    }
                    for c in s.scalars(select(CaseSpecialStep).where(CaseSpecialStep.case_id == case.id))
                ],
                "registered_steps": [
                    {"id": d.id, "kind": d.kind, "limit_days": d.limit_days, "legal_basis": d.legal_basis}
                    for d in s.scalars(
                        select(SpecialStepDef)
                        .where(SpecialStepDef.version_id == version.id)
                        .order_by(SpecialStepDef.seq)
                    )
                ],
            }
            uow.record("case.viewed", "case", case.id, detail={"case": case.case_no})
            uow.commit()
        return view

    # -- the inbox --------------------------------------------------------------------------------

    def inbox(self, actor: Actor) -> list[InboxRow]:
        """The open cases whose next step this person may take now, the most urgent first.
        Read in three set-based queries (cases, their steps, running special steps), however many
        cases the hall holds."""
        actor.require(Role.CHIEF, Role.REVIEWER)
        today = self.clock.today()
        with self.store.sessions() as s:
            person = self._person(s, actor)
            departments = {a.department_id for a in person.authorizations} | {person.department_id}
            cal = WorkCalendar.load(s)
            open_here = and_(Case.status == OPEN, Case.decision.is_(None), Matter.department_id.in_(departments))
            candidates = s.execute(
                select(
                    Case.id,
                    Case.case_no,
                    Case.matter_id,
                    Case.accepted_on,
                    Case.extension_days,
                    Case.paused_days,
                    Matter.name,
                    Matter.department_id,
                    Application.applicant_name,
                    Application.clerk_no,
                    MatterVersion.review_mode,
                    MatterVersion.statutory_limit_days,
                    MatterVersion.promised_limit_days,
                )
                .join(Matter, Case.matter_id == Matter.id)
                .join(Application, Case.application_id == Application.id)
                .join(MatterVersion, Case.matter_version_id == MatterVersion.id)
                .where(open_here)
            ).all()
            ids = [c[0] for c in candidates]
            done: dict[str, list[str]] = {}
            for case_id, staff_no in s.execute(
                select(ReviewStep.case_id, ReviewStep.staff_no)
                .where(ReviewStep.case_id.in_(ids))
                .order_by(ReviewStep.seq)
            ):
                done.setdefault(case_id, []).append(staff_no)
            running = dict(
                s.execute(
                    select(CaseSpecialStep.case_id, CaseSpecialStep.started_on).where(
                        CaseSpecialStep.case_id.in_(ids), CaseSpecialStep.ended_on.is_(None)
                    )
                ).all()
            )
        rows = []
        for c in candidates:
            facts = rules.CaseFacts(
                c.review_mode, c.matter_id, c.department_id, c.clerk_no, tuple(done.get(c.id, ())), False
            )
            if rules.refusal(person, facts, today) is not None:
                continue
            started = running.get(c.id)
            due = limits_on(
                cal,
                today,
                c.accepted_on,
                c.statutory_limit_days,
                c.promised_limit_days,
                c.extension_days,
                c.paused_days,
                started,
            )
            left = days_left(cal, today, due.promised.day)
            rows.append(
                InboxRow(
                    c.id,
                    c.case_no,
                    c.name,
                    c.applicant_name,
                    c.accepted_on,
                    rules.next_step(facts),
                    due.promised.day,
                    due.statutory.day,
                    left,
                    warning(left),
                    started is not None,
                )
            )
        return sorted(rows, key=lambda r: (r.days_left, r.case_no))

    # -- review -----------------------------------------------------------------------------------

    def review(self, actor: Actor, case_id: str, agreed: bool, opinion: str) -> StepResult:
        """Takes the case's next step. The last step decides: 准予 when agreed, otherwise 不予."""
        opinion = opinion.strip()
        if not opinion:
            raise ApprovalRefused("请填写审批意见。")
        today = self.clock.today()
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            case = self._case(s, case_id, lock=True)
            person = self._person(s, actor)
            facts = self._facts(s, case)
            why = rules.refusal(person, facts, today)
            if why:
                raise ApprovalRefused(why)
            if self._running(s, case.id) is not None:
                raise ApprovalRefused("特殊环节进行中，结束后才能继续审批。")
            step = rules.next_step(facts)
            final = len(facts.done) == len(rules.steps(facts.review_mode)) - 1
            authorization = rules.covering(person, facts, today)
            s.add(
                ReviewStep(
                    case_id=case.id,
                    seq=len(facts.done) + 1,
                    step=step,
                    staff_no=actor.staff_no,
                    staff_name=actor.name,
                    workstation_id=actor.workstation_id,
                    authorization_no=authorization.document_no if authorization else "",
                    agreed=agreed,
                    opinion=opinion,
                    at=self.clock.now(),
                )
            )
            decided = None
            if final:
                decided = "准予" if agreed else "不予"
                case.decision, case.decided_at = decided, self.clock.now()
            uow.record(
                "case.review",
                "case",
                case.id,
                reason=opinion,
                detail={"case": case.case_no, "step": step, "agreed": agreed, "decision": decided},
            )
            uow.commit()
        return StepResult(step, decided)

    # -- extension --------------------------------------------------------------------------------

    def extend(self, actor: Actor, case_id: str, days: int, reason: str) -> date:
        """Once, by up to 10 working days, approved by an authorized chief, with the reason the
        applicant is told. Returns the new statutory deadline."""
        reason = reason.strip()
        if not 1 <= days <= MAX_EXTENSION:
            raise ApprovalRefused(f"延期天数应为 1～{MAX_EXTENSION} 个工作日。")
        if not reason:
            raise ApprovalRefused("延期须写明理由（将告知申请人）。")
        today = self.clock.today()
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            case = self._case(s, case_id, lock=True)
            if case.decision is not None:
                raise ApprovalRefused("该办件已作出决定，不能延期。")
            if case.extension_days:
                raise ApprovalRefused("法定期限只能延长一次，该办件已延期。")
            person = self._person(s, actor)
            facts = self._facts(s, case)
            if "chief" not in person.roles or rules.covering(person, facts, today) is None:
                raise ApprovalRefused("延期须由授权范围内的首席代表批准。")
            case.extension_days, case.extension_reason, case.extension_by = days, reason, actor.staff_no
            new_due = self.limits_of(s, case, WorkCalendar.load(s), today).statutory.day
            uow.record(
                "case.extended", "case", case.id, reason=reason, detail={"days": days, "due": new_due.isoformat()}
            )
            uow.commit()
        return new_due

    # -- special steps ------------------------------------------------------------------------------

    def start_special_step(self, actor: Actor, case_id: str, step_def_id: str, people: str = "") -> CaseSpecialStep:
        """Only a step registered for the matter (in the guide version the case was accepted
        under); the case's clock stops until it ends, and the step runs against its own limit."""
        today = self.clock.today()
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            case = self._case(s, case_id, lock=True)
            person = self._person(s, actor)
            facts = self._facts(s, case)
            if not ({"chief", "reviewer"} & person.roles) or (
                person.department_id != facts.department_id and rules.covering(person, facts, today) is None
            ):
                raise ApprovalRefused("特殊环节须由本事项所属部门的审批人员或首席代表启动。")
            if case.decision is not None:
                raise ApprovalRefused("该办件已作出决定，不能再启动特殊环节。")
            definition = s.get(SpecialStepDef, step_def_id)
            if definition is None or definition.version_id != case.matter_version_id:
                raise ApprovalRefused("只能启动本事项办事指南登记的特殊环节。")
            if self._running(s, case.id) is not None:
                raise ApprovalRefused("已有特殊环节正在进行。")
            cal = WorkCalendar.load(s)
            step = CaseSpecialStep(
                case_id=case.id,
                step_def_id=definition.id,
                kind=definition.kind,
                started_on=today,
                due_on=cal.add_working_days(today, definition.limit_days).day,
                paused_days=0,
                started_by=actor.staff_no,
                ended_by="",
                people=people,
                outcome="",
            )
            s.add(step)
            s.flush()
            uow.record(
                "case.special_step_started",
                "case",
                case.id,
                detail={"kind": definition.kind, "due": step.due_on.isoformat(), "people": people},
            )
            uow.commit()
        return step

    def end_special_step(self, actor: Actor, case_id: str, outcome: str) -> CaseSpecialStep:
        outcome = outcome.strip()
        if not outcome:
            raise ApprovalRefused("请填写特殊环节的结果。")
        today = self.clock.today()
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            case = self._case(s, case_id, lock=True)
            step = self._running(s, case.id)
            if step is None:
                raise ApprovalRefused("该办件没有进行中的特殊环节。")
            person = self._person(s, actor)
            if not ({"chief", "reviewer"} & person.roles):
                raise ApprovalRefused("特殊环节须由审批人员或首席代表结束。")
            cal = WorkCalendar.load(s)
            step.ended_on, step.ended_by, step.outcome = today, actor.staff_no, outcome
            step.paused_days = cal.working_days_between(step.started_on, today)
            case.paused_days += step.paused_days
            uow.record(
                "case.special_step_ended",
                "case",
                case.id,
                reason=outcome,
                detail={"kind": step.kind, "paused_days": step.paused_days, "overrun": today > step.due_on},
            )
            uow.commit()
        return step
