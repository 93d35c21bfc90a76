"""Help requests at the center: recorded with their matters in order (a project's plan, with what
each waits for and a lead department when it spans departments), assigned to an agent from the
pool's suggestion, followed in a log of every contact, closed and rated by the applicant."""

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.approval.case_status import CaseStatus
from app.errors import FieldError, ValidationFailed
from app.help.assignment import Assignment
from app.help.base import STAFF, HelpBase, matter_names
from app.help.dto import AgentFigures, LogEntry, NewRequest, PlanItem, PlanStep, RequestRow, RequestView
from app.help.followup import FollowUp
from app.help.model import (
    KINDS,
    OPEN,
    SUBJECTS,
    URGENCIES,
    WAITING,
    HelpKind,
    LogKind,
    PlanState,
    RequestStatus,
    Subject,
    Urgency,
)
from app.help.report import workload
from app.identity import check_credit_code, check_id_number, check_phone
from app.notices import numbering
from app.uow import UnitOfWork
from db.models import (
    Bundle,
    Case,
    Department,
    HelpItem,
    HelpLog,
    HelpRequest,
    Matter,
    Staff,
)


class HelpService(FollowUp, Assignment, HelpBase):
    # -- recording ---------------------------------------------------------------------------------

    def _errors(self, s: Session, new: NewRequest) -> tuple[list[FieldError], list[Matter]]:
        errors = []
        if new.kind not in KINDS:
            errors.append(FieldError("kind", f"请选择服务类型：{'、'.join(KINDS)}。"))
        if new.subject not in SUBJECTS:
            errors.append(FieldError("subject", "请选择服务对象：个人、企业或项目。"))
        if new.urgency not in URGENCIES:
            errors.append(FieldError("urgency", "紧急程度应为普通、紧急或特急。"))
        if len(new.applicant_name.strip()) < 2:
            errors.append(FieldError("applicant_name", "请填写申请人（个人姓名或企业名称）。"))
        doc = new.applicant_doc.strip().upper()
        problem = (
            (check_id_number(doc, self.clock.today()) if new.subject == Subject.PERSON else check_credit_code(doc))
            if doc
            else None
        )
        if problem:
            errors.append(FieldError("applicant_doc", problem))
        if new.subject == Subject.PROJECT and not new.project_name.strip():
            errors.append(FieldError("project_name", "请填写项目名称。"))
        if len(new.contact_name.strip()) < 2:
            errors.append(FieldError("contact_name", "请填写联系人。"))
        problem = check_phone(new.contact_phone)
        if problem:
            errors.append(FieldError("contact_phone", problem))
        if new.target_on is None or new.target_on < self.clock.today():
            errors.append(FieldError("target_on", "请填写今天或以后的目标日期。"))
        found = [s.get(Matter, step.matter_id) for step in new.plan]
        matters = [m for m in found if m is not None]
        if not new.plan or len(matters) < len(found):
            errors.append(FieldError("plan", "请至少选择一个要办理的事项。"))
            return errors, []
        if len({m.id for m in matters}) != len(matters):
            errors.append(FieldError("plan", "同一事项不能在计划中出现两次。"))
        for seq, step in enumerate(new.plan, 1):
            if any(not 1 <= d < seq for d in step.depends_on):
                errors.append(FieldError("plan", f"第 {seq} 项只能依赖排在它前面的事项。"))
        departments = {m.department_id for m in matters}
        if len(departments) > 1 and new.lead_department_id not in departments:
            errors.append(FieldError("lead_department", "跨部门的事项须指定一个牵头部门（须为所涉部门之一）。"))
        return errors, matters

    @staticmethod
    def _from_bundle(s: Session, new: NewRequest) -> NewRequest:
        """A 一件事 without a plan of its own: its matters in the bundle's order, each after the
        one before, led by the bundle's lead department."""
        bundle = s.get(Bundle, new.bundle_id) if new.bundle_id else None
        if bundle is None or new.plan:
            return new
        plan = tuple(PlanStep(m.matter_id, (n,) if n else ()) for n, m in enumerate(bundle.members))
        return replace(new, plan=plan, lead_department_id=new.lead_department_id or bundle.lead_department_id)

    def create(self, actor: Actor, new: NewRequest) -> str:
        """The plan is the matters given, or a bundle's (一件事) when only the bundle is named."""
        actor.require(*STAFF)
        now = self.clock.now()
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            new = self._from_bundle(s, new)
            errors, matters = self._errors(s, new)
            if errors:
                raise ValidationFailed(errors)
            departments = {m.department_id for m in matters}
            request = HelpRequest(
                request_no=f"BB{now.year}-{numbering.next_value(s, self.center_id, f'help-{now.year}'):05d}",
                kind=new.kind,
                subject=new.subject,
                applicant_name=new.applicant_name.strip(),
                applicant_doc=new.applicant_doc.strip().upper(),
                project_name=new.project_name.strip(),
                contact_name=new.contact_name.strip(),
                contact_phone=new.contact_phone.strip(),
                urgency=new.urgency,
                target_on=new.target_on,
                bundle_id=new.bundle_id,
                lead_department_id=new.lead_department_id if len(departments) > 1 else matters[0].department_id,
                status=WAITING,
                created_by=actor.staff_no,
                items=[
                    HelpItem(
                        seq=seq,
                        matter_id=m.id,
                        department_id=m.department_id,
                        depends_on=",".join(str(d) for d in step.depends_on),
                    )
                    for seq, (m, step) in enumerate(zip(matters, new.plan, strict=True), 1)
                ],
            )
            s.add(request)
            s.flush()
            text = f"{new.kind}，{len(matters)} 个事项，目标 {new.target_on:%Y-%m-%d}"
            s.add(HelpLog(request_id=request.id, staff_no=actor.staff_no, kind=LogKind.RECORDED, text=text))
            uow.record("help.created", "help", request.id, detail={"no": request.request_no, "matters": len(matters)})
            uow.commit()
            return request.id

    def requests(self, actor: Actor, include_closed: bool = False) -> list[RequestRow]:
        actor.require(*STAFF)
        today = self.clock.today()
        with self.store.sessions() as s:
            query = select(HelpRequest).order_by(HelpRequest.target_on, HelpRequest.request_no)
            if not include_closed:
                query = query.where(HelpRequest.status.in_([WAITING, OPEN]))
            if not (actor.has(Role.MANAGER) or actor.has(Role.CLERK)):
                me = s.scalar(select(Staff.id).where(Staff.staff_no == actor.staff_no))
                query = query.where((HelpRequest.agent_id == me) | HelpRequest.agent_id.is_(None))
            found = s.scalars(query).all()
            agents = self._names(s, {r.agent_id for r in found if r.agent_id})
            accepted = self._accepted(s, [i for r in found for i in r.items])
            return [
                RequestRow(
                    id=r.id,
                    request_no=r.request_no,
                    kind=HelpKind(r.kind),
                    subject=Subject(r.subject),
                    applicant=r.project_name or r.applicant_name,
                    urgency=Urgency(r.urgency),
                    target_on=r.target_on,
                    status=RequestStatus(r.status),
                    agent=agents.get(r.agent_id, ""),
                    progress=[sum(1 for i in r.items if i.case_no in accepted), len(r.items)],
                    overdue=r.status in (WAITING, OPEN) and r.target_on < today,
                )
                for r in found
            ]

    def request(self, actor: Actor, request_id: str) -> RequestView:
        """The request with its plan (each matter's case and state, and whether what it waits for
        is accepted), the progress, the log and the rating."""
        actor.require(*STAFF)
        with self.store.sessions() as s:
            r = self._request(s, request_id)
            self._visible(actor, r, s)
            accepted = self._accepted(s, r.items)
            names = matter_names(s, r.items)
            departments: dict[str | None, str] = dict(s.execute(select(Department.id, Department.name)).all())
            states = {i.seq: self._state(accepted.get(i.case_no)) for i in r.items}
            plan = [
                PlanItem(
                    seq=i.seq,
                    matter_id=i.matter_id,
                    matter=names[i.matter_id],
                    department=departments[i.department_id],
                    depends_on=[int(d) for d in i.depends_on.split(",") if d],
                    case_no=i.case_no,
                    state=states[i.seq],
                    ready=all(states[int(d)] != PlanState.NOT_ACCEPTED for d in i.depends_on.split(",") if d),
                )
                for i in r.items
            ]
            logs = s.scalars(select(HelpLog).where(HelpLog.request_id == r.id).order_by(HelpLog.at)).all()
            return RequestView(
                id=r.id,
                request_no=r.request_no,
                kind=HelpKind(r.kind),
                subject=Subject(r.subject),
                applicant=r.applicant_name,
                applicant_doc=r.applicant_doc,
                project_name=r.project_name,
                contact=f"{r.contact_name} {r.contact_phone}",
                urgency=Urgency(r.urgency),
                target_on=r.target_on,
                status=RequestStatus(r.status),
                lead_department=departments.get(r.lead_department_id, ""),
                agent=self._names(s, {r.agent_id}).get(r.agent_id, "") if r.agent_id else "",
                assign_reason=r.assign_reason,
                plan=plan,
                progress=[sum(1 for p in plan if p.state != PlanState.NOT_ACCEPTED), len(plan)],
                log=[LogEntry(e.id, e.at, e.staff_no, LogKind(e.kind), e.text, e.due_on, e.done_on) for e in logs],
                rating=r.rating,
                rating_reason=r.rating_reason,
            )

    def workload(self, actor: Actor, first: date, last: date) -> list[AgentFigures]:
        """Per agent, the requests recorded in [first, last] and how they went (app.help.report)."""
        return workload(self.store, actor, first, last, self.clock)

    @staticmethod
    def _state(case: Case | None) -> PlanState:
        if case is None:
            return PlanState.NOT_ACCEPTED
        closed = case.decision is not None or case.status == CaseStatus.CLOSED
        return PlanState.CLOSED if closed else PlanState.ACCEPTED
