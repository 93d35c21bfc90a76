"""Deciding accepted cases on site (at the center, where every workstation's cases arrive): the
inbox of a chief or reviewer, review steps under the matter's mode and the people's
authorizations, the one extension, and special steps that stop the clock.

Every rule is checked here, where the change is made (app.approval.rules); a refused action
changes nothing and says why."""

from datetime import date

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from app.acceptance.applicant import applicant_from_json
from app.actor import Actor, Role
from app.approval import rules
from app.approval.case_notices import CaseNotices
from app.approval.case_status import CaseStatus
from app.approval.deadlines import MAX_EXTENSION, DueWarning, days_left, limits_on, warning
from app.approval.dto import (
    CaseEvent,
    CaseMaterial,
    CaseNotice,
    CaseView,
    Extension,
    ExtensionGranted,
    InboxRow,
    RegisteredStep,
    SpecialStep,
    SpecialStepRow,
    StepResult,
    StrandedCase,
    TakenStep,
)
from app.approval.people import people_of, person_of
from app.auth import on_duty
from app.catalog.guide import SpecialStepKind, review_mode_label
from app.clock import Clock
from app.delivery.dto import DeliveryStatus
from app.dossier.gather import case_materials, case_notices, history
from app.errors import DomainError
from app.identity import mask_id
from app.notices.kinds import NoticeKind
from app.uow import UnitOfWork, found
from app.workdays import WorkCalendar
from db.models import (
    Application,
    Case,
    CaseSpecialStep,
    Commitment,
    Delivery,
    Department,
    Matter,
    MatterVersion,
    ReviewStep,
    SpecialStepDef,
)
from db.store import Store

DELIVERY_DAYS = 10  # ALL art. 44: the permit is issued and delivered within 10 days of the decision
AWAITING_DELIVERY = DeliveryStatus.AWAITING


class ApprovalRefused(DomainError):
    pass


def with_matter(query: Select) -> Select:
    """query over cases joined to each one's matter, the version of it accepted, and its application."""
    return (
        query.join(Matter, Case.matter_id == Matter.id)
        .join(MatterVersion, Case.matter_version_id == MatterVersion.id)
        .join(Application, Case.application_id == Application.id)
    )


def running_since(db, case_ids) -> dict[str, date]:
    """case id -> the day its running special step started (the clock stands still since), for the
    given cases (ids, or a select of them); cases with none running are absent."""
    query = select(CaseSpecialStep.case_id, CaseSpecialStep.started_on).where(
        CaseSpecialStep.case_id.in_(case_ids), CaseSpecialStep.ended_on.is_(None)
    )
    return dict(db.execute(query).all())


def supply_days(db, case_ids=None) -> dict[str, date]:
    """case id -> the last day agreed for its 容缺 materials (app.approval.deadlines.limits), for the
    given cases (ids, or a select of them) or for every case; cases accepted without 容缺 are absent."""
    query = select(Commitment.case_id, func.max(Commitment.due_on)).group_by(Commitment.case_id)
    if case_ids is not None:
        query = query.where(Commitment.case_id.in_(case_ids))
    return dict(db.execute(query).all())


def _special_step(step: CaseSpecialStep, today: date, notice_id: str | None) -> SpecialStep:
    end = step.ended_on or today
    overrun = end > step.due_on
    return SpecialStep(
        SpecialStepKind(step.kind), step.started_on, step.due_on, step.ended_on, step.paused_days, overrun, notice_id
    )


def _decides(facts: rules.CaseFacts) -> bool:
    """Whether the case's next step is its last, the one that decides."""
    return len(facts.done) == len(rules.steps(facts.review_mode)) - 1


class ApprovalService:
    def __init__(self, store: Store, workstation_id: str, clock: Clock | None = None):
        self.store = store
        self.workstation_id = workstation_id
        self.clock = clock or Clock()
        self.notices = CaseNotices(store, workstation_id, self.clock)

    # -- facts ------------------------------------------------------------------------------------

    def _person(self, s: Session, actor: Actor) -> rules.Person:
        return person_of(s, actor.staff_no)

    def _case(self, s: Session, case_id: str, lock: bool = False) -> Case:
        return found(s, Case, case_id, "没有这个办件。", lock=lock)

    def _facts(self, s: Session, case: Case) -> rules.CaseFacts:
        version = s.get_one(MatterVersion, case.matter_version_id)
        matter = s.get_one(Matter, case.matter_id)
        application = s.get_one(Application, case.application_id)
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

    def limits_of(self, s: Session, case: Case, cal: WorkCalendar, today: date, extension: int | None = None):
        """extension: the limits as they would be with this extension (before it is granted)."""
        version = s.get_one(MatterVersion, case.matter_version_id)
        running = self._running(s, case.id)
        return limits_on(
            cal,
            today,
            case.accepted_on,
            version.statutory_limit_days,
            version.promised_limit_days,
            case.extension_days if extension is None else extension,
            case.paused_days,
            running.started_on if running else None,
            supply_days(s, [case.id]).get(case.id),
        )

    def actor_for(self, staff_no: str, workstation_id: str) -> Actor:
        """The acting person as this store knows them (at the center: the center's staff list)."""
        with self.store.sessions() as s:
            return on_duty(s, staff_no, workstation_id)

    def case_view(self, actor: Actor, case_id: str) -> CaseView:
        """Everything a chief or reviewer needs to decide; the read is recorded (who saw which case)."""
        actor.require(Role.CHIEF, Role.REVIEWER)
        today = self.clock.today()
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            case = self._case(s, case_id)
            application = s.get_one(Application, case.application_id)
            version = s.get_one(MatterVersion, case.matter_version_id)
            facts = self._facts(s, case)
            cal = WorkCalendar.load(s)
            due = self.limits_of(s, case, cal, today)
            applicant = applicant_from_json(application.applicant)
            materials, problems = case_materials(s, case)
            notices = case_notices(s, case)
            stranded = rules.stranded(facts, people_of(s, [facts.department_id])[facts.department_id], today)
            registered = s.scalars(
                select(SpecialStepDef).where(SpecialStepDef.version_id == version.id).order_by(SpecialStepDef.seq)
            ).all()
            view = CaseView(
                case_id=case.id,
                case_no=case.case_no,
                matter=version.name,
                review_mode=review_mode_label(version.review_mode, [d.kind for d in registered]),
                applicant=applicant.display_name,
                applicant_document=applicant.credit_code or mask_id(applicant.person.doc_no),
                accepted_on=case.accepted_on,
                accepted_by=application.clerk_no,
                next_step=rules.next_step(facts),
                stranded=stranded,
                decides=case.decision is None and _decides(facts),
                decision=case.decision,
                promised_due=due.promised.day,
                statutory_due=due.statutory.day,
                days_left=days_left(cal, today, due.promised.day),
                extension=ExtensionGranted(case.extension_days, case.extension_reason, case.extension_by),
                paused_days=case.paused_days,
                materials=tuple(
                    CaseMaterial(m.name, m.form, m.required, m.status, m.defect, m.supplied_on) for m in materials
                ),
                problems=tuple(problems),
                notices=tuple(CaseNotice(n.id, n.notice_no, NoticeKind(n.kind), n.issued_at) for n in notices),
                history=tuple(
                    CaseEvent(h.at, h.action, h.person, h.workstation, h.detail, h.proof)
                    for h in history(s, case, notices)
                ),
                steps=tuple(
                    TakenStep(r.step, f"{r.staff_name}（{r.staff_no}）", r.agreed, r.opinion, r.authorization_no, r.at)
                    for r in s.scalars(select(ReviewStep).where(ReviewStep.case_id == case.id).order_by(ReviewStep.seq))
                ),
                special_steps=tuple(
                    SpecialStepRow(
                        SpecialStepKind(c.kind),
                        c.started_on,
                        c.due_on,
                        c.ended_on,
                        (c.ended_on or today) > c.due_on,
                        c.people,
                    )
                    for c in s.scalars(select(CaseSpecialStep).where(CaseSpecialStep.case_id == case.id))
                ),
                registered_steps=tuple(
                    RegisteredStep(d.id, SpecialStepKind(d.kind), d.limit_days, d.legal_basis) for d in registered
                ),
            )
            uow.record("case.viewed", "case", case.id, detail={"case": case.case_no})
            uow.commit()
        return view

    # -- the inbox --------------------------------------------------------------------------------

    def _open_cases(self, db, open_here) -> tuple[list, dict[str, list[str]]]:
        """The open cases `open_here` selects, as plain rows, and the staff numbers of each one's
        steps taken, in order. Plain rows through the session's connection: the ORM's result
        handling would cost more than the queries themselves."""
        candidates = db.execute(
            with_matter(
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
            ).where(open_here)
        ).all()
        done: dict[str, list[str]] = {}
        for case_id, staff_no in db.execute(
            select(ReviewStep.case_id, ReviewStep.staff_no)
            .where(ReviewStep.case_id.in_(select(Case.id).where(open_here)))
            .order_by(ReviewStep.seq)
        ):
            done.setdefault(case_id, []).append(staff_no)
        return candidates, done

    def inbox(self, actor: Actor) -> list[InboxRow]:
        """The open cases whose next step this person may take now, the most urgent first, and
        after them the cases of their departments nobody can take any more (无人可办), with why.
        Read in a handful of set-based queries, however many cases the hall holds."""
        actor.require(Role.CHIEF, Role.REVIEWER)
        today = self.clock.today()
        with self.store.sessions() as s:
            person = self._person(s, actor)
            departments = {a.department_id for a in person.authorizations} | {person.department_id}
            colleagues = people_of(s, {d for d in departments if d is not None})
            cal = WorkCalendar.load(s)
            # All three conditions are on cases, so ix_cases_open yields only these departments' open
            # cases rather than every open case of the hall.
            open_here = and_(
                Case.status == CaseStatus.OPEN,
                Case.decision.is_(None),
                Case.matter_id.in_(select(Matter.id).where(Matter.department_id.in_(departments))),
            )
            db = s.connection()
            candidates, done = self._open_cases(db, open_here)
            running = running_since(db, select(Case.id).where(open_here))
            supply = supply_days(db, select(Case.id).where(open_here))
        # Cases with the same facts get the same answers, so each distinct combination is put to the
        # rules and counted on the calendar once, however many cases share it.
        answers: dict[tuple, tuple[str | None, str]] = {}  # facts -> (step shown or None, stranded)
        dues: dict[tuple, tuple[date, date, int, DueWarning]] = {}
        rows = []
        for (
            case_id,
            case_no,
            matter_id,
            accepted_on,
            extension_days,
            paused_days,
            matter,
            department_id,
            applicant,
            clerk_no,
            review_mode,
            statutory_days,
            promised_days,
        ) in candidates:
            facts = (review_mode, matter_id, department_id, clerk_no, tuple(done.get(case_id, ())))
            if facts not in answers:
                answers[facts] = self._answer(person, rules.CaseFacts(*facts, False), colleagues[department_id], today)
            step, stranded = answers[facts]
            if step is None:
                continue
            started, supplied = running.get(case_id), supply.get(case_id)
            # limits_on's terms
            terms = (accepted_on, statutory_days, promised_days, extension_days, paused_days, started, supplied)
            if terms not in dues:
                due = limits_on(cal, today, *terms)
                left = days_left(cal, today, due.promised.day)
                dues[terms] = (due.promised.day, due.statutory.day, left, warning(left))
            promised_due, statutory_due, left, level = dues[terms]
            rows.append(
                InboxRow(
                    case_id,
                    case_no,
                    matter,
                    applicant,
                    accepted_on,
                    step,
                    promised_due,
                    statutory_due,
                    left,
                    level,
                    started is not None,
                    stranded,
                )
            )
        return sorted(rows, key=lambda r: (bool(r.stranded), r.days_left, r.case_no))

    @staticmethod
    def _answer(
        person: rules.Person, case: rules.CaseFacts, colleagues: list[rules.Person], today: date
    ) -> tuple[str | None, str]:
        """What the inbox shows of a case: its next step when this person may take it, or when
        nobody can (with why, not actionable); None when it is someone else's to take."""
        if rules.refusal(person, case, today, colleagues) is None:
            return rules.next_step(case), ""
        stranded = rules.stranded(case, colleagues, today)
        return (rules.next_step(case), stranded) if stranded else (None, "")

    def stranded_cases(self, actor: Actor) -> list[StrandedCase]:
        """Every open case of the hall whose steps can no longer all be taken (无人可办), with why,
        for the manager: the oldest first."""
        actor.require(Role.MANAGER)
        today = self.clock.today()
        with self.store.sessions() as s:
            db = s.connection()
            candidates, done = self._open_cases(db, and_(Case.status == CaseStatus.OPEN, Case.decision.is_(None)))
            names = dict(db.execute(select(Department.id, Department.name)).all())
            people = people_of(s, {c.department_id for c in candidates})
        answers: dict[tuple, tuple[str | None, str | None]] = {}  # facts -> (next step, why stranded)
        found = []
        for c in candidates:
            facts = (c.review_mode, c.matter_id, c.department_id, c.clerk_no, tuple(done.get(c.id, ())))
            if facts not in answers:
                case = rules.CaseFacts(*facts, False)
                answers[facts] = rules.next_step(case), rules.stranded(case, people[c.department_id], today)
            step, reason = answers[facts]
            if reason and step:  # stranded() finds a reason only for a case with a next step
                found.append(StrandedCase(c.id, c.case_no, c.name, names[c.department_id], c.accepted_on, step, reason))
        return sorted(found, key=lambda r: (r.accepted_on, r.case_no))

    # -- review -----------------------------------------------------------------------------------

    def _reviewable(self, s: Session, actor: Actor, case: Case, today: date) -> tuple[rules.CaseFacts, str, bool]:
        """The case's facts, its next step and whether that step decides; refused with the reason."""
        person = self._person(s, actor)
        facts = self._facts(s, case)
        why = rules.refusal(person, facts, today, people_of(s, [facts.department_id])[facts.department_id])
        if why:
            raise ApprovalRefused(why)
        if self._running(s, case.id) is not None:
            raise ApprovalRefused("特殊环节进行中，结束后才能继续审批。")
        step = rules.next_step(facts)
        assert step is not None, "refusal() refuses a case with no next step"
        return facts, step, _decides(facts)

    def review(self, actor: Actor, case_id: str, agreed: bool, opinion: str, permitted_content: str = "") -> StepResult:
        """Takes the case's next step. The last step decides: 准予 when agreed, otherwise 不予; its
        decision (决定书) is issued with it and the result's delivery falls due. A grant needs the
        permitted content (许可内容), which the 准予许可决定书 prints apart from the opinion."""
        opinion, permitted_content = opinion.strip(), permitted_content.strip()
        if not opinion:
            raise ApprovalRefused("请填写审批意见。")
        today = self.clock.today()
        with self.store.sessions() as s:
            _facts, step, final = self._reviewable(s, actor, self._case(s, case_id), today)
        granted = final and agreed
        if granted and not permitted_content:
            raise ApprovalRefused("准予许可须填写许可内容（印在准予许可决定书上，如许可的经营项目、范围和有效期）。")
        draft = None
        if final:
            kind = NoticeKind.GRANT if agreed else NoticeKind.REFUSAL
            details = {"permitted_content": permitted_content} if granted else {"opinion": opinion}
            draft = self.notices.draft(actor, case_id, kind, **details)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            case = self._case(s, case_id, lock=True)
            facts, now_step, now_final = self._reviewable(s, actor, case, today)
            if (now_step, now_final) != (step, final):
                raise ApprovalRefused("该办件刚刚已由他人办理了一个环节，请刷新后重试。")
            authorization = rules.covering(self._person(s, actor), facts, today)
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
            decided = notice_id = None
            if draft is not None:
                decided = "准予" if agreed else "不予"
                case.decision, case.decided_at = decided, self.clock.now()
                case.status, case.closed_at = CaseStatus.CLOSED, self.clock.utc_now()
                notice = self.notices.write(s, actor, case, draft)
                notice_id = notice.id
                s.add(
                    Delivery(
                        case_id=case.id,
                        decision_notice_id=notice.id,
                        due_on=WorkCalendar.load(s).add_working_days(today, DELIVERY_DAYS).day,
                        status=AWAITING_DELIVERY,
                    )
                )
            uow.record(
                "case.review",
                "case",
                case.id,
                reason=opinion,
                detail={
                    "case": case.case_no,
                    "step": step,
                    "agreed": agreed,
                    "decision": decided,
                    "notice": draft.notice_no if draft else None,
                    **({"permitted_content": permitted_content} if granted else {}),
                },
            )
            uow.commit()
        return StepResult(step, decided, notice_id)

    # -- extension --------------------------------------------------------------------------------

    def _extendable(self, s: Session, actor: Actor, case: Case, today: date) -> None:
        if case.decision is not None:
            raise ApprovalRefused("该办件已作出决定，不能延期。")
        if case.extension_days:
            raise ApprovalRefused("法定期限只能延长一次，该办件已延期。")
        person = self._person(s, actor)
        if "chief" not in person.roles or rules.covering(person, self._facts(s, case), today) is None:
            raise ApprovalRefused("延期须由授权范围内的首席代表批准。")

    def extend(self, actor: Actor, case_id: str, days: int, reason: str) -> Extension:
        """Once, by up to 10 working days, approved by an authorized chief, with the reason the
        applicant is told in a 延期告知书."""
        reason = reason.strip()
        if not 1 <= days <= MAX_EXTENSION:
            raise ApprovalRefused(f"延期天数应为 1～{MAX_EXTENSION} 个工作日。")
        if not reason:
            raise ApprovalRefused("延期须写明理由（将告知申请人）。")
        today = self.clock.today()
        with self.store.sessions() as s:
            case = self._case(s, case_id)
            self._extendable(s, actor, case, today)
            new_due = self.limits_of(s, case, WorkCalendar.load(s), today, extension=days).statutory.day
        draft = self.notices.draft(
            actor,
            case_id,
            NoticeKind.EXTENSION,
            extension_days=days,
            extension_reason=reason,
            extension_by=f"{actor.name}（{actor.staff_no}）",
            statutory_due=new_due,
        )
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            case = self._case(s, case_id, lock=True)
            self._extendable(s, actor, case, today)
            case.extension_days, case.extension_reason, case.extension_by = days, reason, actor.staff_no
            notice = self.notices.write(s, actor, case, draft)
            uow.record(
                "case.extended",
                "case",
                case.id,
                reason=reason,
                detail={"days": days, "due": new_due.isoformat(), "notice": draft.notice_no},
            )
            uow.commit()
        return Extension(new_due, notice.id)

    # -- special steps ------------------------------------------------------------------------------

    def _startable(self, s: Session, actor: Actor, case: Case, step_def_id: str, today: date) -> SpecialStepDef:
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
        return definition

    def start_special_step(self, actor: Actor, case_id: str, step_def_id: str, people: str = "") -> SpecialStep:
        """Only a step registered for the matter (in the guide version the case was accepted
        under); the applicant is told in a 特殊环节告知书, the case's clock stops until the step
        ends, and the step runs against its own limit."""
        today = self.clock.today()
        with self.store.sessions() as s:
            definition = self._startable(s, actor, self._case(s, case_id), step_def_id, today)
            due_on = WorkCalendar.load(s).add_working_days(today, definition.limit_days).day
            kind, basis, limit = definition.kind, definition.legal_basis, definition.limit_days
        draft = self.notices.draft(
            actor,
            case_id,
            NoticeKind.SPECIAL_STEP,
            step_kind=kind,
            step_legal_basis=basis,
            step_limit_days=limit,
            step_started_on=today,
            step_due_on=due_on,
            step_people=people,
        )
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            case = self._case(s, case_id, lock=True)
            self._startable(s, actor, case, step_def_id, today)
            step = CaseSpecialStep(
                case_id=case.id,
                step_def_id=step_def_id,
                kind=kind,
                started_on=today,
                due_on=due_on,
                paused_days=0,
                started_by=actor.staff_no,
                ended_by="",
                people=people,
                outcome="",
            )
            s.add(step)
            notice = self.notices.write(s, actor, case, draft)
            uow.record(
                "case.special_step_started",
                "case",
                case.id,
                detail={"kind": kind, "due": due_on.isoformat(), "people": people, "notice": draft.notice_no},
            )
            uow.commit()
            return _special_step(step, today, notice.id)

    def end_special_step(self, actor: Actor, case_id: str, outcome: str) -> SpecialStep:
        outcome = outcome.strip()
        if not outcome:
            raise ApprovalRefused("请填写特殊环节的结果。")
        today = self.clock.today()
        with UnitOfWork(self.store, actor, self.clock) as uow:
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
            return _special_step(step, today, None)
