"""Acceptance use cases: prepare a checklist, decide one outcome with its notice in one
transaction, reopen from a slip, the deferred-slip and 容缺 lists, drafts and QR verification."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.acceptance import checklist, rules
from app.acceptance.applicant import applicant_errors, applicant_from_json, applicant_to_json
from app.acceptance.model import Applicant, ApplicationStatus, CheckItem, Decision, ItemStatus, Outcome
from app.actor import Actor, Role, machine_actor
from app.approval.case_status import CaseKind, CaseStatus
from app.approval.deadlines import limits
from app.approval.people import people_of, person_of
from app.approval.rules import ON_THE_SPOT_STEP, CaseFacts, letter_for, stranded
from app.clock import Clock
from app.errors import DomainError, NotFound, ValidationFailed
from app.hall_settings.fields import SealKind
from app.hall_settings.read import letterhead
from app.help.proxy_rule import allowing_letter, letter_on_file
from app.notices import qr
from app.notices.dto import DrawnNotice, IssuedNotice, Reserved
from app.notices.issuing import NoticeIssuer
from app.notices.kinds import NOTICE_PREFIX, NoticeKind
from app.notices.service import NoticeService
from app.uow import UnitOfWork, found
from app.workdays import WorkCalendar
from db.models import (
    Application,
    ApplicationMatter,
    Bundle,
    Case,
    Commitment,
    Draft,
    Matter,
    MatterVersion,
    Notice,
    ReviewStep,
    SlipItem,
)
from db.store import Store

SLIP_DEFER_DAYS = 2  # center rule: a complex case is notified within 2 working days
AUTO_ACCEPT_DAYS = 5  # ALL art. 32: not notified within 5 working days = accepted on receipt

ACCEPTING = {
    Outcome.ON_THE_SPOT: CaseKind.ON_THE_SPOT,
    Outcome.ACCEPT: CaseKind.ACCEPTED,
    Outcome.TOLERANCE: CaseKind.TOLERANCE,
    Outcome.COMMITMENT: CaseKind.COMMITMENT,
}
NOTICE_OF = {
    Outcome.ON_THE_SPOT: NoticeKind.ACCEPTANCE,
    Outcome.ACCEPT: NoticeKind.ACCEPTANCE,
    Outcome.TOLERANCE: NoticeKind.TOLERANCE,
    Outcome.COMMITMENT: NoticeKind.COMMITMENT,
    Outcome.CORRECTION: NoticeKind.SLIP,
    Outcome.REJECT: NoticeKind.REJECTION,
}
STATUS_OF = {
    Outcome.ON_THE_SPOT: ApplicationStatus.CLOSED,
    Outcome.ACCEPT: ApplicationStatus.ACCEPTED,
    Outcome.TOLERANCE: ApplicationStatus.ACCEPTED,
    Outcome.COMMITMENT: ApplicationStatus.ACCEPTED,
    Outcome.CORRECTION: ApplicationStatus.AWAITING_CORRECTION,
    Outcome.REJECT: ApplicationStatus.REJECTED,
    Outcome.DEFER: ApplicationStatus.AWAITING_SLIP,
}


@dataclass
class Prepared:
    """What the clerk works on: the guides applied, the checklist, and what is already settled."""

    title: str
    version_ids: tuple[str, ...]
    bundle_id: str | None
    items: list[CheckItem]
    matters: list[rules.MatterFlags]
    application_id: str | None = None  # set when reopened
    applicant: Applicant | None = None
    to_check: frozenset[str] | None = None  # reopened from a slip: only these keys are checked again
    received_on: date | None = None


@dataclass(frozen=True)
class DecisionResult:
    application_id: str
    outcome: Outcome
    case_nos: tuple[str, ...]
    notices: tuple[IssuedNotice, ...]
    status: ApplicationStatus
    unstaffed: tuple[str, ...] = ()  # why nobody can decide the cases opened (AcceptanceService.unstaffed)


@dataclass(frozen=True)
class PendingSlip:
    application_id: str
    applicant: str
    title: str
    received_on: date
    slip_due_on: date
    overdue: bool
    auto_accept_on: date


@dataclass(frozen=True)
class CommitmentRow:
    id: str
    case_no: str
    applicant: str
    material: str
    due_on: date
    supplied_on: date | None
    overdue: bool
    due_soon: bool


@dataclass
class _CasePlan:
    version_id: str
    matter_id: str
    name: str
    kind: CaseKind
    accepted_on: date
    statutory_due_on: date
    promised_due_on: date
    provisional: bool
    closed: bool
    case_no: str = ""
    letter_no: str = ""  # 即办: the authorization the clerk decided it under


@dataclass
class _Plan:
    """Everything decided before the write: deadlines, numbers, and the rendered notice."""

    received_on: date
    cases: list[_CasePlan]
    notice: NoticeKind | None
    issued_at: datetime
    version_ids: tuple[str, ...] = ()
    reserved: Reserved | None = None
    drawn: DrawnNotice | None = None


class AcceptanceService:
    def __init__(self, store: Store, workstation_id: str, clock: Clock | None = None):
        self.store = store
        self.workstation_id = workstation_id
        self.clock = clock or Clock()
        self.issuer = NoticeIssuer(store, workstation_id)
        self.notices = NoticeService(store)

    # -- preparing ---------------------------------------------------------------------------

    def prepare(self, *, matter_id: str | None = None, bundle_id: str | None = None) -> Prepared:
        with self.store.sessions() as s:
            if bundle_id is not None:
                bundle = found(s, Bundle, bundle_id, "一件事不存在。")
                versions = [s.get_one(MatterVersion, m.matter.current_version_id) for m in bundle.members]
                title = f"【一件事】{bundle.name}"
            else:
                matter = s.get(Matter, matter_id)
                if matter is None or matter.current_version_id is None:
                    raise NotFound("事项不存在。")
                versions = [s.get_one(MatterVersion, matter.current_version_id)]
                title = versions[0].name
            return Prepared(
                title,
                tuple(v.id for v in versions),
                bundle_id,
                checklist.build_items(versions),
                checklist.flags_of(versions),
            )

    def reopen(self, number_or_qr: str) -> Prepared:
        """The applicant is back with the slip: its number typed (looked up in the store), or its QR
        code scanned, which reopens only when its signature verifies with the key of the workstation
        that issued the slip: a forged or altered code is refused."""
        text = number_or_qr.strip()
        scanned = None
        if qr.is_qr_text(text):
            scanned = self.verify_qr(text)
            if scanned is None:
                raise qr.QrNotGenuine(
                    "告知单二维码验证未通过（签名与内容不符或签发工作站不明），可能是伪造或被改动的告知单，"
                    "不能据此重新受理。请核对申请人的告知单，或输入告知单编号查找。"
                )
        notice_no = scanned.notice_no if scanned else text.upper()
        with self.store.sessions() as s:
            notice = s.scalar(select(Notice).where(Notice.notice_no == notice_no))
            if notice is None or notice.kind != NoticeKind.SLIP:
                raise NotFound(f"没有编号为 {notice_no} 的一次性告知单。")
            if scanned is not None and (scanned.workstation_id, scanned.kind) != (notice.workstation_id, notice.kind):
                raise qr.QrNotGenuine(f"二维码与告知单 {notice_no} 的签发记录不符，不能据此重新受理。")
            application_id = notice.application_id
        return self.reopen_application(application_id)

    def reopen_application(self, application_id: str) -> Prepared:
        """Only the items listed on the application's slips are checked again."""
        with self.store.sessions() as s:
            app = s.get(Application, application_id)
            if app is None or app.status != ApplicationStatus.AWAITING_CORRECTION:
                raise DomainError(f"该申请当前状态为“{app.status if app else '不存在'}”，不能按告知单重新受理。")
            listed = frozenset(s.scalars(select(SlipItem.key).where(SlipItem.application_id == app.id)))
            prepared = self._load(s, app)
        for item in prepared.items:
            if item.key in listed:
                item.status, item.defect = ItemStatus.UNCHECKED, ""
        prepared.to_check = listed
        return prepared

    def open_deferred(self, application_id: str) -> Prepared:
        with self.store.sessions() as s:
            app = s.get(Application, application_id)
            if app is None or app.status != ApplicationStatus.AWAITING_SLIP:
                raise DomainError("该申请不在待告知列表中。")
            return self._load(s, app)

    def _load(self, s: Session, app: Application) -> Prepared:
        versions = [s.get_one(MatterVersion, m.matter_version_id) for m in sorted(app.matters, key=lambda m: m.seq)]
        items = checklist.overlay(checklist.build_items(versions), app.checklist)
        title = f"【一件事】{s.get_one(Bundle, app.bundle_id).name}" if app.bundle_id else versions[0].name
        return Prepared(
            title,
            tuple(v.id for v in versions),
            app.bundle_id,
            items,
            checklist.flags_of(versions),
            application_id=app.id,
            applicant=applicant_from_json(app.applicant),
            received_on=app.received_on,
        )

    # -- deciding ----------------------------------------------------------------------------

    def decide(
        self,
        actor: Actor,
        prepared: Prepared,
        applicant: Applicant,
        decision: Decision,
        ticket_id: str | None = None,
        walk_in_id: str | None = None,
    ) -> DecisionResult:
        """ticket_id / walk_in_id: the queue ticket (or the offline walk-in) being served, which
        links the application to the service its rating will be about.

        Checks, then: reserve numbers, render the notice outside any transaction (the write lock is
        never held while a PDF is drawn), and write application, cases, notice, audit and outbox in
        one transaction. A failure after the reservation only leaves a gap in the numbering."""
        actor.require(Role.CLERK)
        today = self.clock.today()
        errors = applicant_errors(applicant, today)
        if errors:
            raise ValidationFailed(errors)
        items = prepared.items
        rules.check(decision, items, prepared.matters, today)
        if decision.outcome == Outcome.DEFER and prepared.application_id is not None:
            raise rules.OutcomeRefused("该申请已在处理中，不能再次延后告知。")
        with self.store.sessions() as s:
            received_on, expected_status = self._receipt(s, prepared, today)
            # Whatever the outcome: a slip or a rejection is served on the proxy for the applicant and
            # records an application in the applicant's name just as an acceptance does, so the
            # proxy needs the applicant's 委托书 for it too (DESIGN §4 rule 9).
            proxy_letter_id = allowing_letter(s, applicant, prepared.version_ids, received_on)
            if proxy_letter_id is not None:
                letter_on_file(items)
            if decision.outcome == Outcome.CORRECTION and prepared.application_id:
                self._second_slip_rule(s, prepared.application_id, items, decision)
            plan = self._plan(
                s,
                prepared.version_ids,
                ACCEPTING.get(decision.outcome),
                received_on,
                closed=decision.outcome == Outcome.ON_THE_SPOT,
                notice=NOTICE_OF.get(decision.outcome),
                supply_by=decision.supply_by if decision.outcome == Outcome.TOLERANCE else None,
            )
            if decision.outcome == Outcome.TOLERANCE and decision.supply_by is not None:  # rules.check: set
                why = rules.supply_day_refusal(decision.supply_by, [c.statutory_due_on for c in plan.cases])
                if why is not None:
                    raise rules.OutcomeRefused(why)
            if decision.outcome == Outcome.ON_THE_SPOT:
                self._authorized_on_the_spot(s, actor, plan, today)
        self._reserve(actor, plan)
        self._render(actor, plan, prepared.bundle_id, applicant, items, decision)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            app = self._application(s, actor, prepared, applicant, items, decision, received_on, expected_status)
            app.ticket_id = ticket_id or app.ticket_id
            app.walk_in_id = walk_in_id or app.walk_in_id
            app.proxy_letter_id = proxy_letter_id
            cases = self._write_cases(s, app, plan, actor)
            if decision.outcome == Outcome.TOLERANCE:
                s.add_all(
                    Commitment(case_id=c.id, key=i.key, name=i.name, due_on=decision.supply_by)
                    for c in cases
                    for i in items
                    if i.problem
                )
            notices = [self._write_notice(s, actor, app, plan, items, decision)] if plan.notice else []
            uow.record(
                f"application.{decision.outcome.name.lower()}",
                "application",
                app.id,
                reason=decision.reason,
                detail={
                    "outcome": decision.outcome.value,
                    "cases": [c.case_no for c in cases],
                    "notices": [n.notice_no for n in notices],
                    "problems": [i.name for i in items if i.problem],
                    # problems a later slip raises that the first did not, and why: for supervision
                    "late_reasons": {
                        i.name: decision.late_reasons[i.key] for i in items if i.key in decision.late_reasons
                    },
                },
            )
            uow.commit()
        unstaffed = self.unstaffed([c.version_id for c in plan.cases if not c.closed], actor.staff_no)
        case_nos = tuple(c.case_no for c in cases)
        return DecisionResult(
            app.id, decision.outcome, case_nos, tuple(notices), ApplicationStatus(app.status), unstaffed
        )

    def unstaffed(self, version_ids: Sequence[str], clerk_no: str) -> tuple[str, ...]:
        """For each matter a case accepted now by `clerk_no` would be opened for, why nobody could
        take its review steps today (DESIGN §4 rule 12), from the staff and 授权书 this store holds
        (reference data from the center); empty when each can be decided. The center must accept a
        complete application all the same: this tells the clerk, so the applicant and the manager
        can be told."""
        today = self.clock.today()
        with self.store.sessions() as s:
            versions = [s.get_one(MatterVersion, v) for v in version_ids]
            people = people_of(s, {v.matter.department_id for v in versions})
            reasons = []
            for v in versions:
                department_id = v.matter.department_id
                case = CaseFacts(v.review_mode, v.matter_id, department_id, clerk_no, (), False)
                why = stranded(case, people[department_id], today)
                if why is not None:
                    reasons.append(f"《{v.name}》{why}")
        return tuple(reasons)

    def _authorized_on_the_spot(self, s: Session, actor: Actor, plan: "_Plan", today: date) -> None:
        """即办件 are decided at acceptance by someone whose letter covers each matter that day."""
        person = person_of(s, actor.staff_no)
        missing = []
        for case in plan.cases:
            department_id = s.scalars(select(Matter.department_id).where(Matter.id == case.matter_id)).one()
            letter = letter_for(person, department_id, case.matter_id, today)
            if letter is None:
                missing.append(case.name)
            else:
                case.letter_no = letter.document_no
        if missing:
            raise rules.OutcomeRefused(
                f"即办件须由经部门授权的人员当场作出决定，您没有以下事项的有效授权：{'、'.join(missing)}。"
                "请改为受理，由首席代表审批。"
            )

    def latest_supply_day(self, prepared: Prepared) -> date:
        """The last day a 容缺 acceptance of `prepared` may agree for its missing materials (the
        earliest statutory limit of its matters, app.acceptance.rules.supply_day_refusal)."""
        with self.store.sessions() as s:
            received_on, _status = self._receipt(s, prepared, self.clock.today())
            plan = self._plan(s, prepared.version_ids, ACCEPTING[Outcome.TOLERANCE], received_on, False, None)
        return min(c.statutory_due_on for c in plan.cases)

    def _receipt(self, s: Session, prepared: Prepared, today: date) -> tuple[date, str | None]:
        """The day the materials count as received, and the status the application must still have."""
        if prepared.application_id is None:
            return today, None
        app = s.get_one(Application, prepared.application_id)
        if app.status not in (ApplicationStatus.AWAITING_CORRECTION, ApplicationStatus.AWAITING_SLIP):
            raise DomainError(f"该申请已是“{app.status}”，不能再次作出结论。")
        # Corrected materials arrive today; a deferred application was received when it was deferred.
        return (today if app.status == ApplicationStatus.AWAITING_CORRECTION else app.received_on), app.status

    def _application(
        self,
        s: Session,
        actor: Actor,
        prepared: Prepared,
        applicant: Applicant,
        items: list[CheckItem],
        decision: Decision,
        received_on: date,
        expected_status: str | None,
    ) -> Application:
        if prepared.application_id is None:
            app = Application(
                workstation_id=self.workstation_id,
                clerk_no=actor.staff_no,
                window_no=actor.window_no,
                bundle_id=prepared.bundle_id,
                matters=[ApplicationMatter(matter_version_id=v, seq=i) for i, v in enumerate(prepared.version_ids, 1)],
            )
            s.add(app)
        else:
            app = s.get_one(Application, prepared.application_id, with_for_update=True)
            if app.status != expected_status:
                raise DomainError(f"该申请刚刚已被处理（现为“{app.status}”），请重新调取。")
        app.received_on = received_on
        app.applicant = applicant_to_json(applicant)
        app.applicant_name = applicant.display_name
        app.status = STATUS_OF[decision.outcome]
        app.outcome = decision.outcome.value
        app.outcome_reason = "\n".join(filter(None, [decision.reason, decision.redirect]))
        app.checklist = checklist.stored_rows(items)
        if decision.outcome == Outcome.DEFER:
            app.slip_due_on = self._calendar(s).add_working_days(received_on, SLIP_DEFER_DAYS).day
        s.flush()
        return app

    def _second_slip_rule(self, s: Session, application_id: str, items: list[CheckItem], decision: Decision) -> None:
        """A later slip may not raise what the first did not, unless a reason is recorded."""
        first = s.scalar(
            select(Notice)
            .where(Notice.application_id == application_id, Notice.kind == NoticeKind.SLIP)
            .order_by(Notice.issued_at)
        )
        if first is None:
            return
        listed = set(s.scalars(select(SlipItem.key).where(SlipItem.notice_id == first.id)))
        new = [i for i in items if i.problem and i.key not in listed]
        unexplained = [i.name for i in new if not decision.late_reasons.get(i.key, "").strip()]
        if unexplained:
            raise rules.LateProblems(
                "一次性告知只能告知一次：首次告知单未列出的问题不得再次提出——"
                f"{'、'.join(unexplained)}。如确因补正材料本身引起，请逐项填写原因（将供监督检查）。"
            )

    def _plan(
        self,
        s: Session,
        version_ids: tuple[str, ...],
        case_kind: CaseKind | None,
        accepted_on: date,
        closed: bool,
        notice: NoticeKind | None,
        supply_by: date | None = None,
    ) -> "_Plan":
        """supply_by: a 容缺 case's agreed day for its missing materials (app.approval.deadlines)."""
        versions = [s.get_one(MatterVersion, vid) for vid in version_ids]
        cal = self._calendar(s)
        cases = []
        if case_kind is not None:
            for v in versions:
                due = limits(cal, accepted_on, v.statutory_limit_days, v.promised_limit_days, 0, 0, supply_by)
                statutory, promised = due.statutory, due.promised
                cases.append(
                    _CasePlan(
                        v.id,
                        v.matter_id,
                        v.name,
                        case_kind,
                        accepted_on,
                        statutory.day,
                        promised.day,
                        statutory.provisional or promised.provisional,
                        closed,
                    )
                )
        return _Plan(
            received_on=accepted_on, cases=cases, notice=notice, issued_at=self.clock.now(), version_ids=version_ids
        )

    def _reserve(self, actor: Actor, plan: "_Plan") -> None:
        """The notice's number with the numbers of the cases it opens. Every outcome that opens a
        case issues a notice; 延后告知 numbers nothing until its slip or acceptance."""
        if plan.notice is None:
            return
        plan.reserved = self.issuer.reserve(
            actor,
            plan.notice.value,
            NOTICE_PREFIX[plan.notice],
            plan.issued_at,
            case_years=[c.accepted_on.year for c in plan.cases],
        )
        for case, case_no in zip(plan.cases, plan.reserved.case_nos, strict=True):
            case.case_no = case_no

    def _render(
        self,
        actor: Actor,
        plan: "_Plan",
        bundle_id: str | None,
        applicant: Applicant,
        items: list[CheckItem],
        decision: Decision | None,
        auto_accepted: bool = False,
    ) -> None:
        """Signs, gathers and draws the reserved notice (app.notices.issuing), outside any write."""
        reserved, kind = plan.reserved, plan.notice
        if reserved is None or kind is None:  # 延后告知: no notice
            return
        from app.acceptance.notice_text import CaseLine, NoticeFacts, build  # reportlab loads on first notice
        from app.documents.notice_pdf import render_notice

        def facts(s: Session, qr_text: str) -> NoticeFacts:
            versions = [s.get_one(MatterVersion, v) for v in plan.version_ids]
            lead = s.get_one(Bundle, bundle_id).lead_department if bundle_id else versions[0].matter.department
            return NoticeFacts(
                kind=kind,
                notice_no=reserved.notice_no,
                issued_at=plan.issued_at,
                applicant=applicant,
                matter_names=tuple(v.name for v in versions),
                matter_types=tuple(v.matter_type for v in versions),
                special_steps=tuple(step.kind for v in versions for step in v.special_steps),
                department=lead.name,
                letterhead=letterhead(s, lead, SealKind.ACCEPTANCE),
                legal_basis="；".join(v.legal_basis for v in versions),
                handling_place=versions[0].handling_place,
                contact_phone=lead.phone,
                window_no=actor.window_no,
                clerk=f"{actor.name}（{actor.staff_no}）",
                qr_text=qr_text,
                received_on=plan.received_on,
                cases=tuple(
                    CaseLine(c.case_no, c.name, c.promised_due_on, c.statutory_due_on, c.provisional, c.closed)
                    for c in plan.cases
                ),
                items=tuple(items),
                decision=decision,
                auto_accepted=auto_accepted,
            )

        plan.drawn = self.issuer.draw(reserved, facts, lambda f: render_notice(build(f)))

    def _write_cases(self, s: Session, app: Application, plan: "_Plan", actor: Actor) -> list[Case]:
        cases = [
            Case(
                case_no=c.case_no,
                application_id=app.id,
                matter_id=c.matter_id,
                matter_version_id=c.version_id,
                kind=c.kind,
                accepted_on=c.accepted_on,
                statutory_due_on=c.statutory_due_on,
                promised_due_on=c.promised_due_on,
                due_provisional=c.provisional,
                status=CaseStatus.CLOSED if c.closed else CaseStatus.OPEN,
                closed_at=self.clock.utc_now() if c.closed else None,
                decision="准予" if c.closed else None,
                decided_at=self.clock.now() if c.closed else None,
            )
            for c in plan.cases
        ]
        s.add_all(cases)
        s.flush()
        # 即办: the decision is a step of its own, taken under the clerk's letter (the center checks it).
        s.add_all(
            ReviewStep(
                case_id=case.id,
                seq=1,
                step=ON_THE_SPOT_STEP,
                staff_no=actor.staff_no,
                staff_name=actor.name,
                workstation_id=self.workstation_id,
                authorization_no=c.letter_no,
                agreed=True,
                opinion="即办件，材料齐全、符合法定形式，当场准予办结。",
                at=self.clock.now(),
            )
            for case, c in zip(cases, plan.cases, strict=True)
            if c.closed
        )
        return cases

    def _write_notice(
        self,
        s: Session,
        actor: Actor,
        app: Application,
        plan: "_Plan",
        items: list[CheckItem],
        decision: Decision | None,
    ) -> IssuedNotice:
        assert plan.drawn is not None  # every plan with a notice is drawn before its write (_render)
        notice = self.issuer.issue(s, actor, plan.drawn, app.id)
        if plan.notice == NoticeKind.SLIP and decision is not None:
            s.add_all(
                SlipItem(
                    notice_id=notice.id,
                    application_id=app.id,
                    key=i.key,
                    name=i.name,
                    problem=i.status.value,
                    defect=i.defect,
                    late_reason=decision.late_reasons.get(i.key, ""),
                )
                for i in items
                if i.problem
            )
        return notice

    def _calendar(self, s: Session) -> WorkCalendar:
        return WorkCalendar.load(s)

    # -- deferred slips (ALL art. 32) --------------------------------------------------------

    def pending_slips(self) -> list[PendingSlip]:
        today = self.clock.today()
        with self.store.sessions() as s:
            cal = self._calendar(s)
            rows = []
            for app in s.scalars(
                select(Application)
                .where(Application.status == ApplicationStatus.AWAITING_SLIP)
                .order_by(Application.slip_due_on)
            ):
                versions = [s.get_one(MatterVersion, m.matter_version_id) for m in app.matters]
                assert app.slip_due_on is not None, "a deferred application has its slip's due day"
                rows.append(
                    PendingSlip(
                        app.id,
                        app.applicant_name,
                        "、".join(v.name for v in versions),
                        app.received_on,
                        app.slip_due_on,
                        today > app.slip_due_on,
                        cal.add_working_days(app.received_on, AUTO_ACCEPT_DAYS).day,
                    )
                )
            return rows

    def sweep_deferred(self) -> list[DecisionResult]:
        """Applications not notified within 5 working days are accepted as of the day of receipt.
        The law does it, not the person logged in: it is recorded and signed as this machine's."""
        actor = machine_actor(self.workstation_id)
        results = []
        for pending in self.pending_slips():
            if self.clock.today() < pending.auto_accept_on:
                continue
            with self.store.sessions() as s:
                app = s.get_one(Application, pending.application_id)
                version_ids = tuple(m.matter_version_id for m in sorted(app.matters, key=lambda m: m.seq))
                bundle_id, applicant = app.bundle_id, applicant_from_json(app.applicant)
                plan = self._plan(
                    s, version_ids, CaseKind.AUTO_ACCEPTED, app.received_on, closed=False, notice=NoticeKind.ACCEPTANCE
                )
            self._reserve(actor, plan)
            self._render(actor, plan, bundle_id, applicant, [], None, auto_accepted=True)
            with UnitOfWork(self.store, actor, self.clock) as uow:
                s = uow.session
                app = s.get_one(Application, pending.application_id, with_for_update=True)
                if app.status != ApplicationStatus.AWAITING_SLIP:
                    continue
                cases = self._write_cases(s, app, plan, actor)
                app.status, app.outcome = ApplicationStatus.AUTO_ACCEPTED, "自动受理"
                app.auto_accepted_on = self.clock.today()
                notice = self._write_notice(s, actor, app, plan, [], None)
                uow.record(
                    "application.auto_accepted",
                    "application",
                    app.id,
                    reason="逾期未出具一次性告知单，自收到材料之日起即为受理",
                    detail={"received_on": app.received_on.isoformat(), "cases": [c.case_no for c in cases]},
                )
                uow.commit()
                results.append(
                    DecisionResult(
                        app.id,
                        Outcome.ACCEPT,
                        tuple(c.case_no for c in cases),
                        (notice,),
                        ApplicationStatus(app.status),
                    )
                )
        return results

    # -- 容缺 commitments -------------------------------------------------------------------

    def commitments(self, include_supplied: bool = False) -> list[CommitmentRow]:
        today = self.clock.today()
        with self.store.sessions() as s:
            cal = self._calendar(s)
            soon = cal.add_working_days(today, 2).day
            query = (
                select(Commitment, Case.case_no, Application.applicant_name)
                .join(Case, Commitment.case_id == Case.id)
                .join(Application, Case.application_id == Application.id)
                .order_by(Commitment.due_on)
            )
            if not include_supplied:
                query = query.where(Commitment.supplied_on.is_(None))
            return [
                CommitmentRow(
                    c.id,
                    case_no,
                    name,
                    c.name,
                    c.due_on,
                    c.supplied_on,
                    c.supplied_on is None and today > c.due_on,
                    c.supplied_on is None and today <= c.due_on <= soon,
                )
                for c, case_no, name in s.execute(query)
            ]

    def mark_supplied(self, actor: Actor, commitment_id: str) -> None:
        actor.require(Role.CLERK)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            c = found(uow.session, Commitment, commitment_id, "容缺承诺不存在。", lock=True)
            if c.supplied_on is not None:
                raise DomainError(f"“{c.name}”已于 {c.supplied_on:%Y-%m-%d} 补交。")
            c.supplied_on, c.supplied_by = self.clock.today(), actor.staff_no
            uow.record("commitment.supplied", "commitment", c.id, detail={"material": c.name})
            uow.commit()

    # -- notices ---------------------------------------------------------------------------

    # The window's notices, stored as issued, through the one notice service (app.notices.service).

    def notice(self, notice_id: str) -> IssuedNotice:
        return self.notices.notice(notice_id)

    def record_print(self, actor: Actor, notice_id: str, ok: bool, error: str = "") -> bool:
        """Returns whether this print is a reprint (补打): the notice was printed before."""
        return self.notices.record_print(actor, notice_id, ok, error)

    def printed_before(self, notice_id: str) -> bool:
        return self.notices.printed_before(notice_id)

    def unprinted(self) -> list[IssuedNotice]:
        """Notices never printed successfully: the reprint list."""
        return self.notices.unprinted()

    def verify_qr(self, text: str) -> qr.QrContent | None:
        """What a scanned notice QR says, when its signature verifies with the issuer's key."""
        return self.notices.verify_qr(text)

    # -- drafts ------------------------------------------------------------------------------

    def save_draft(self, actor: Actor, content: dict) -> None:
        """Written on every change, so closing the window mid-application loses nothing."""
        with self.store.sessions.begin() as s:
            draft = s.get(Draft, actor.staff_no) or Draft(staff_no=actor.staff_no, content="")
            draft.content = json.dumps(content, ensure_ascii=False, default=str)
            draft.saved_at = self.clock.utc_now()
            s.merge(draft)

    def load_draft(self, staff_no: str) -> dict | None:
        with self.store.sessions() as s:
            draft = s.get(Draft, staff_no)
            return json.loads(draft.content) if draft else None

    def clear_draft(self, staff_no: str) -> None:
        with self.store.sessions.begin() as s:
            draft = s.get(Draft, staff_no)
            if draft is not None:
                s.delete(draft)
