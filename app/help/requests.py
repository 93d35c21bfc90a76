"""Help requests at the center: recorded with their matters in order (a project's plan, with what
each waits for and a lead department when it spans departments), assigned to an agent from the
pool's suggestion, followed in a log of every contact, closed and rated by the applicant."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.acceptance import numbering
from app.actor import Actor, Role
from app.clock import Clock
from app.errors import DomainError, FieldError, NotFound, ValidationFailed
from app.help import pool
from app.help.model import CANCELLED, DONE, KINDS, LOG_KINDS, OPEN, SUBJECTS, URGENCIES, WAITING
from app.identity import check_credit_code, check_id_number, check_phone
from app.uow import UnitOfWork
from db.models import (
    AgentProfile,
    AgentSkill,
    Case,
    Department,
    HelpItem,
    HelpLog,
    HelpRequest,
    Matter,
    Staff,
    StaffRole,
)
from db.store import Store

STAFF = (Role.MANAGER, Role.AGENT, Role.CLERK)


class HelpRefused(DomainError):
    pass


@dataclass(frozen=True)
class PlanStep:
    matter_id: str
    depends_on: tuple[int, ...] = ()  # the seqs (1-based) of earlier steps it waits for


@dataclass(frozen=True)
class NewRequest:
    kind: str
    subject: str  # 个人 / 企业 / 项目
    applicant_name: str
    applicant_doc: str  # ID number (个人) or credit code (企业, 项目)
    contact_name: str
    contact_phone: str
    target_on: date | None
    plan: tuple[PlanStep, ...]
    urgency: str = "普通"
    project_name: str = ""
    lead_department_id: str | None = None
    bundle_id: str | None = None


class HelpService:
    def __init__(self, store: Store, center_id: str, clock: Clock | None = None):
        self.store = store
        self.center_id = center_id
        self.clock = clock or Clock()

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
            (check_id_number(doc, self.clock.today()) if new.subject == "个人" else check_credit_code(doc))
            if doc
            else None
        )
        if problem:
            errors.append(FieldError("applicant_doc", problem))
        if new.subject == "项目" and not new.project_name.strip():
            errors.append(FieldError("project_name", "请填写项目名称。"))
        if len(new.contact_name.strip()) < 2:
            errors.append(FieldError("contact_name", "请填写联系人。"))
        problem = check_phone(new.contact_phone)
        if problem:
            errors.append(FieldError("contact_phone", problem))
        if new.target_on is None or new.target_on < self.clock.today():
            errors.append(FieldError("target_on", "请填写今天或以后的目标日期。"))
        matters = [s.get(Matter, step.matter_id) for step in new.plan]
        if not new.plan or None in matters:
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

    def create(self, actor: Actor, new: NewRequest) -> str:
        actor.require(*STAFF)
        now = self.clock.now()
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
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
            s.add(HelpLog(request_id=request.id, staff_no=actor.staff_no, kind="登记", text=text))
            uow.record("help.created", "help", request.id, detail={"no": request.request_no, "matters": len(matters)})
            uow.commit()
            return request.id

    # -- reading -----------------------------------------------------------------------------------

    def _request(self, s: Session, request_id: str, lock: bool = False) -> HelpRequest:
        request = s.get(HelpRequest, request_id, with_for_update=lock)
        if request is None:
            raise NotFound("没有这个帮办代办申请。")
        return request

    def _visible(self, actor: Actor, request: HelpRequest, s: Session) -> None:
        """Managers and clerks see every request; an agent their own and the unassigned ones."""
        if actor.has(Role.MANAGER) or actor.has(Role.CLERK) or request.agent_id is None:
            return
        if s.get(Staff, request.agent_id).staff_no != actor.staff_no:
            raise HelpRefused("该申请已分派给其他帮办员。")

    def requests(self, actor: Actor, include_closed: bool = False) -> list[dict]:
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
                {
                    "id": r.id,
                    "request_no": r.request_no,
                    "kind": r.kind,
                    "subject": r.subject,
                    "applicant": r.project_name or r.applicant_name,
                    "urgency": r.urgency,
                    "target_on": r.target_on,
                    "status": r.status,
                    "agent": agents.get(r.agent_id, ""),
                    "progress": [sum(1 for i in r.items if i.case_no in accepted), len(r.items)],
                    "overdue": r.status in (WAITING, OPEN) and r.target_on < today,
                }
                for r in found
            ]

    @staticmethod
    def _names(s: Session, staff_ids: set[str]) -> dict[str, str]:
        rows = s.execute(select(Staff.id, Staff.name, Staff.staff_no).where(Staff.id.in_(staff_ids)))
        return {i: f"{name}（{no}）" for i, name, no in rows}

    @staticmethod
    def _accepted(s: Session, items: list[HelpItem]) -> dict[str, Case]:
        """Linked case numbers -> their cases (present at the center once pushed)."""
        numbers = [i.case_no for i in items if i.case_no]
        return {c.case_no: c for c in s.scalars(select(Case).where(Case.case_no.in_(numbers)))}

    def request(self, actor: Actor, request_id: str) -> dict:
        """The request with its plan (each matter's case and state, and whether what it waits for
        is accepted), the progress, the log and the rating."""
        actor.require(*STAFF)
        with self.store.sessions() as s:
            r = self._request(s, request_id)
            self._visible(actor, r, s)
            accepted = self._accepted(s, r.items)
            names = _matter_names(s, r.items)
            departments = dict(s.execute(select(Department.id, Department.name)).all())
            states = {i.seq: self._state(accepted.get(i.case_no)) for i in r.items}
            plan = [
                {
                    "seq": i.seq,
                    "matter_id": i.matter_id,
                    "matter": names[i.matter_id],
                    "department": departments[i.department_id],
                    "depends_on": [int(d) for d in i.depends_on.split(",") if d],
                    "case_no": i.case_no,
                    "state": states[i.seq],
                    "ready": all(states[int(d)] != "未受理" for d in i.depends_on.split(",") if d),
                }
                for i in r.items
            ]
            logs = s.scalars(select(HelpLog).where(HelpLog.request_id == r.id).order_by(HelpLog.at)).all()
            return {
                "id": r.id,
                "request_no": r.request_no,
                "kind": r.kind,
                "subject": r.subject,
                "applicant": r.applicant_name,
                "applicant_doc": r.applicant_doc,
                "project_name": r.project_name,
                "contact": f"{r.contact_name} {r.contact_phone}",
                "urgency": r.urgency,
                "target_on": r.target_on,
                "status": r.status,
                "lead_department": departments.get(r.lead_department_id, ""),
                "agent": self._names(s, {r.agent_id}).get(r.agent_id, "") if r.agent_id else "",
                "assign_reason": r.assign_reason,
                "plan": plan,
                "progress": [sum(1 for p in plan if p["state"] != "未受理"), len(plan)],
                "log": [
                    {
                        "id": e.id,
                        "at": e.at,
                        "staff_no": e.staff_no,
                        "kind": e.kind,
                        "text": e.text,
                        "due_on": e.due_on,
                        "done_on": e.done_on,
                    }
                    for e in logs
                ],
                "rating": r.rating,
                "rating_reason": r.rating_reason,
            }

    @staticmethod
    def _state(case: Case | None) -> str:
        if case is None:
            return "未受理"
        return "已办结" if case.decision is not None or case.status == "已办结" else "已受理"

    # -- the pool ----------------------------------------------------------------------------------

    def _agents(self, s: Session) -> list[pool.Agent]:
        load = dict(
            s.execute(
                select(HelpRequest.agent_id, func.count())
                .where(HelpRequest.status == OPEN, HelpRequest.agent_id.is_not(None))
                .group_by(HelpRequest.agent_id)
            ).all()
        )
        skills: dict[str, list[pool.Skill]] = {}
        for k in s.scalars(select(AgentSkill)):
            skills.setdefault(k.staff_id, []).append(pool.Skill(k.department_id, k.matter_id, k.level))
        rows = s.execute(
            select(Staff, AgentProfile)
            .join(AgentProfile, AgentProfile.staff_id == Staff.id)
            .join(StaffRole, StaffRole.staff_id == Staff.id)
            .where(StaffRole.role == Role.AGENT, Staff.active.is_(True))
            .order_by(Staff.staff_no)
        ).all()
        return [
            pool.Agent(
                staff.staff_no,
                staff.name,
                p.available,
                p.max_load,
                load.get(staff.id, 0),
                tuple(skills.get(staff.id, ())),
            )
            for staff, p in rows
        ]

    def _matters(self, s: Session, request: HelpRequest) -> list[pool.MatterRef]:
        names = _matter_names(s, request.items)
        return [pool.MatterRef(i.matter_id, i.department_id, names[i.matter_id]) for i in request.items]

    def suggest(self, actor: Actor, request_id: str) -> list[pool.Suggestion]:
        actor.require(Role.MANAGER)
        with self.store.sessions() as s:
            return pool.rank(self._agents(s), self._matters(s, self._request(s, request_id)))

    def agents(self, actor: Actor) -> list[dict]:
        """The pool as the manager reads it: each agent's availability, load and what they know."""
        actor.require(Role.MANAGER)
        with self.store.sessions() as s:
            departments = dict(s.execute(select(Department.id, Department.name)).all())
            matters = dict(s.execute(select(Matter.id, Matter.name)).all())
            return [
                {
                    "staff_no": a.staff_no,
                    "name": a.name,
                    "available": a.available,
                    "load": a.load,
                    "max_load": a.max_load,
                    "skills": [
                        f"{departments[k.department_id]}·{matters[k.matter_id] if k.matter_id else '全部事项'}"
                        + ("（精通）" if k.level > 1 else "")
                        for k in a.skills
                    ],
                }
                for a in self._agents(s)
            ]

    def assign(self, actor: Actor, request_id: str, agent_no: str, reason: str = "") -> None:
        """An agent who does not know every matter, is not taking requests or is full may still be
        assigned, but only with the reason recorded (it is shown on the request and in the log)."""
        actor.require(Role.MANAGER)
        reason = reason.strip()
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            request = self._request(s, request_id, lock=True)
            if request.status not in (WAITING, OPEN):
                raise HelpRefused(f"该申请已{request.status}，不能再分派。")
            found = [a for a in self._agents(s) if a.staff_no == agent_no]
            if not found:
                raise HelpRefused(f"“{agent_no}”不在帮办代办专家人才库中。")
            verdict = pool.assess(found[0], self._matters(s, request))
            problem = pool.why_not(verdict)
            if problem and not reason:
                raise HelpRefused(f"{problem}。如确需分派，请填写分派原因（将记录备查）。")
            agent_id = s.scalar(select(Staff.id).where(Staff.staff_no == agent_no))
            if request.agent_id == agent_id:
                raise HelpRefused(f"该申请已分派给 {verdict.name}。")
            request.agent_id, request.assigned_by, request.assigned_at = agent_id, actor.staff_no, self.clock.utc_now()
            request.assign_reason = reason if problem else ""
            request.status = OPEN
            text = f"分派给 {verdict.name}（{agent_no}）" + (f"；原因：{reason}（{problem}）" if problem else "")
            s.add(HelpLog(request_id=request.id, staff_no=actor.staff_no, kind="分派", text=text))
            uow.record(
                "help.assigned", "help", request.id, reason=reason, detail={"agent": agent_no, "fits": not problem}
            )
            uow.commit()

    # -- following up --------------------------------------------------------------------------------

    def _own_open(self, s: Session, actor: Actor, request_id: str) -> HelpRequest:
        request = self._request(s, request_id, lock=True)
        self._visible(actor, request, s)
        if request.status != OPEN:
            raise HelpRefused(
                f"该申请{request.status}，不能再记录。" if request.status != WAITING else "该申请尚未分派帮办员。"
            )
        return request

    def log(self, actor: Actor, request_id: str, kind: str, text: str, due_on: date | None = None) -> None:
        """A contact or step; with a due date it is also a reminder until done."""
        actor.require(*STAFF)
        if kind not in LOG_KINDS:
            raise HelpRefused(f"记录类型应为：{'、'.join(LOG_KINDS)}。")
        if not text.strip():
            raise HelpRefused("请填写记录内容。")
        if due_on is not None and due_on < self.clock.today():
            raise HelpRefused("提醒日期不能早于今天。")
        with UnitOfWork(self.store, actor) as uow:
            request = self._own_open(uow.session, actor, request_id)
            uow.session.add(
                HelpLog(request_id=request.id, staff_no=actor.staff_no, kind=kind, text=text.strip(), due_on=due_on)
            )
            uow.record("help.logged", "help", request.id, detail={"kind": kind, "due_on": str(due_on or "")})
            uow.commit()

    def done(self, actor: Actor, log_id: str) -> None:
        actor.require(*STAFF)
        with UnitOfWork(self.store, actor) as uow:
            entry = uow.session.get(HelpLog, log_id, with_for_update=True)
            if entry is None or entry.due_on is None:
                raise NotFound("没有这条提醒。")
            if entry.done_on is not None:
                raise HelpRefused(f"该提醒已于 {entry.done_on:%Y-%m-%d} 完成。")
            self._visible(actor, self._request(uow.session, entry.request_id), uow.session)
            entry.done_on = self.clock.today()
            uow.record("help.reminder_done", "help", entry.request_id, detail={"log": entry.id})
            uow.commit()

    def reminders(self, actor: Actor, within_days: int = 3) -> list[dict]:
        """Open reminders and target dates due within the days given (or past), the earliest first."""
        actor.require(*STAFF)
        today = self.clock.today()
        horizon = date.fromordinal(today.toordinal() + within_days)
        mine = {r["id"]: r for r in self.requests(actor)}
        with self.store.sessions() as s:
            entries = s.scalars(
                select(HelpLog).where(
                    HelpLog.request_id.in_(list(mine)),
                    HelpLog.due_on.is_not(None),
                    HelpLog.done_on.is_(None),
                    HelpLog.due_on <= horizon,
                )
            ).all()
        found = [
            {"request_no": mine[e.request_id]["request_no"], "due_on": e.due_on, "what": e.text, "log_id": e.id}
            for e in entries
        ] + [
            {
                "request_no": r["request_no"],
                "due_on": r["target_on"],
                "what": f"目标日期（{r['applicant']}）",
                "log_id": None,
            }
            for r in mine.values()
            if r["target_on"] <= horizon
        ]
        return sorted(
            ({**f, "overdue": f["due_on"] < today} for f in found), key=lambda f: (f["due_on"], f["request_no"])
        )

    def link_case(self, actor: Actor, request_id: str, seq: int, case_no: str) -> None:
        """A matter of the plan accepted without the agent's proxy (the applicant came in person)."""
        actor.require(*STAFF)
        case_no = case_no.strip().upper()
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            request = self._own_open(s, actor, request_id)
            item = next((i for i in request.items if i.seq == seq), None)
            case = s.scalar(select(Case).where(Case.case_no == case_no))
            if item is None:
                raise NotFound("计划中没有这一项。")
            if case is None:
                raise HelpRefused(f"中心没有办件 {case_no}（工作站受理后同步到中心才能关联）。")
            if case.matter_id != item.matter_id:
                raise HelpRefused(f"办件 {case_no} 办理的不是计划中的这个事项。")
            linked(s, item, case.case_no, actor.staff_no, self.clock)
            uow.record("help.case_linked", "help", request.id, detail={"seq": seq, "case": case_no})
            uow.commit()

    def close(self, actor: Actor, request_id: str, note: str) -> None:
        actor.require(*STAFF)
        if not note.strip():
            raise HelpRefused("请填写办结说明。")
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            request = self._own_open(s, actor, request_id)
            request.status, request.closed_at = DONE, self.clock.utc_now()
            s.add(HelpLog(request_id=request.id, staff_no=actor.staff_no, kind="办结", text=note.strip()))
            uow.record("help.closed", "help", request.id, reason=note.strip())
            uow.commit()

    def cancel(self, actor: Actor, request_id: str, reason: str) -> None:
        actor.require(Role.MANAGER, Role.AGENT)
        if not reason.strip():
            raise HelpRefused("请填写撤销原因。")
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            request = self._request(s, request_id, lock=True)
            self._visible(actor, request, s)
            if request.status not in (WAITING, OPEN):
                raise HelpRefused(f"该申请已{request.status}。")
            request.status, request.closed_at = CANCELLED, self.clock.utc_now()
            s.add(HelpLog(request_id=request.id, staff_no=actor.staff_no, kind="撤销", text=reason.strip()))
            uow.record("help.cancelled", "help", request.id, reason=reason.strip())
            uow.commit()

    def rate(self, actor: Actor, request_id: str, level: int, reason: str = "") -> None:
        """The applicant rates the help once it is done, as 好差评: a reason is required at 1–2."""
        actor.require(*STAFF)
        reason = reason.strip()
        if not 1 <= level <= 5:
            raise HelpRefused("评价等级应为 1～5。")
        if level <= 2 and not reason:
            raise HelpRefused("“不满意”或“非常不满意”须填写原因。")
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            request = self._request(s, request_id, lock=True)
            self._visible(actor, request, s)
            if request.status != DONE:
                raise HelpRefused("帮办代办办结后才能评价。")
            if request.rating is not None:
                raise HelpRefused("该帮办代办已评价，不能重复评价。")
            request.rating, request.rating_reason = level, reason
            s.add(
                HelpLog(
                    request_id=request.id, staff_no=actor.staff_no, kind="评价", text=f"{level} 分 {reason}".strip()
                )
            )
            uow.record("help.rated", "help", request.id, reason=reason, detail={"level": level})
            uow.commit()


def _matter_names(s: Session, items: list[HelpItem]) -> dict[str, str]:
    return dict(s.execute(select(Matter.id, Matter.name).where(Matter.id.in_([i.matter_id for i in items]))).all())


def linked(s: Session, item: HelpItem, case_no: str, staff_no: str, clock: Clock) -> None:
    """Links a plan item to its case, with a line in the log."""
    if item.case_no is not None:
        raise HelpRefused(f"计划第 {item.seq} 项已关联办件 {item.case_no}。")
    item.case_no, item.linked_at = case_no, clock.utc_now()
    s.add(
        HelpLog(request_id=item.request_id, staff_no=staff_no, kind="受理", text=f"第 {item.seq} 项已受理：{case_no}")
    )
