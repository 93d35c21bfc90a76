"""Assigning a request from the pool's suggestion (app.help.pool): an agent who does not know
every matter, is not available or is full only with a recorded reason."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.help import pool
from app.help.base import HelpBase, HelpRefused, matter_names
from app.help.dto import AgentRow, Suggestion
from app.help.model import OPEN, WAITING, LogKind
from app.uow import UnitOfWork
from db.models import AgentProfile, AgentSkill, Department, HelpLog, HelpRequest, Matter, Staff, StaffRole


class Assignment(HelpBase):
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
        names = matter_names(s, request.items)
        return [pool.MatterRef(i.matter_id, i.department_id, names[i.matter_id]) for i in request.items]

    def suggest(self, actor: Actor, request_id: str) -> list[Suggestion]:
        actor.require(Role.MANAGER)
        with self.store.sessions() as s:
            return pool.rank(self._agents(s), self._matters(s, self._request(s, request_id)))

    def agents(self, actor: Actor) -> list[AgentRow]:
        """The pool as the manager reads it: each agent's availability, load and what they know."""
        actor.require(Role.MANAGER)
        with self.store.sessions() as s:
            departments = dict(s.execute(select(Department.id, Department.name)).all())
            matters = dict(s.execute(select(Matter.id, Matter.name)).all())
            return [
                AgentRow(
                    staff_no=a.staff_no,
                    name=a.name,
                    available=a.available,
                    load=a.load,
                    max_load=a.max_load,
                    skills=[
                        f"{departments[k.department_id]}·{matters[k.matter_id] if k.matter_id else '全部事项'}"
                        + ("（精通）" if k.level > 1 else "")
                        for k in a.skills
                    ],
                )
                for a in self._agents(s)
            ]

    def assign(self, actor: Actor, request_id: str, agent_no: str, reason: str = "") -> None:
        """An agent who does not know every matter, is not taking requests or is full may still be
        assigned, but only with the reason recorded (it is shown on the request and in the log)."""
        actor.require(Role.MANAGER)
        reason = reason.strip()
        with UnitOfWork(self.store, actor, self.clock) as uow:
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
            s.add(HelpLog(request_id=request.id, staff_no=actor.staff_no, kind=LogKind.ASSIGNED, text=text))
            uow.record(
                "help.assigned", "help", request.id, reason=reason, detail={"agent": agent_no, "fits": not problem}
            )
            uow.commit()
