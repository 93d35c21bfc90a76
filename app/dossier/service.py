"""Dossiers on request: one case's PDF, or the cases accepted in a date range for an archive.
Drawn from the center's store; every dossier drawn is recorded against its case (who, where,
when), since it carries the applicant's data."""

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from app.actor import Actor, Role
from app.approval.case_status import CaseStatus
from app.approval.deadlines import days_left, limits_on, warning
from app.approval.service import running_since, supply_days, with_matter
from app.clock import Clock
from app.dossier.dto import CaseSummary, DossierFile
from app.dossier.gather import gather
from app.errors import DomainError, NotFound
from app.uow import UnitOfWork, found
from app.workdays import WorkCalendar
from db.models import Application, Case, ChiefAuthorization, Matter, MatterVersion, Staff
from db.store import Store

MAX_RANGE = 5000  # cases in one archive export: beyond it, export a shorter range


class DossierService:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()

    def _scope(self, s, actor: Actor):
        """Managers and supervisors (电子监察: a signal's evidence opens its case) read every
        dossier; chiefs and reviewers those of their own department and of the departments whose
        letters they hold."""
        actor.require(Role.MANAGER, Role.SUPERVISOR, Role.CHIEF, Role.REVIEWER)
        if actor.has(Role.MANAGER) or actor.has(Role.SUPERVISOR):
            return None
        staff = s.scalar(select(Staff).where(Staff.staff_no == actor.staff_no))
        departments = {staff.department_id} if staff and staff.department_id else set()
        if staff is not None:
            departments |= set(
                s.scalars(select(ChiefAuthorization.department_id).where(ChiefAuthorization.chief_id == staff.id))
            )
        return Matter.department_id.in_(departments)

    def _summaries(self, s, actor: Actor, *conditions) -> list[CaseSummary]:
        query = (
            with_matter(
                select(
                    Case,
                    MatterVersion.name,
                    MatterVersion.statutory_limit_days,
                    MatterVersion.promised_limit_days,
                    Application.applicant_name,
                    Application.window_no,
                )
            )
            .where(*conditions)
            .order_by(Case.accepted_on, Case.case_no)
        )
        scope = self._scope(s, actor)
        if scope is not None:
            query = query.where(scope)
        found = s.execute(query.limit(MAX_RANGE + 1)).all()
        today, cal = self.clock.today(), WorkCalendar.load(s)
        open_ids = [c.id for c, *_ in found if c.decision is None and c.status != CaseStatus.CLOSED]
        running, supply = running_since(s, open_ids), supply_days(s, open_ids)
        rows = []
        for c, name, statutory, promised, applicant, window_no in found:
            left = None
            if c.id in open_ids:
                due = limits_on(
                    cal,
                    today,
                    c.accepted_on,
                    statutory,
                    promised,
                    c.extension_days,
                    c.paused_days,
                    running.get(c.id),
                    supply.get(c.id),
                )
                left = days_left(cal, today, due.promised.day)
            summary = CaseSummary(
                c.id,
                c.case_no,
                name,
                applicant,
                c.accepted_on,
                c.decision,
                CaseStatus(c.status),
                left,
                window_no=window_no,
            )
            rows.append(replace(summary, warning=warning(left)) if left is not None else summary)
        return rows

    def find(self, actor: Actor, case_no: str) -> CaseSummary:
        text = case_no.strip().upper()
        if not text:
            raise DomainError("请输入办件编号。")
        with self.store.sessions() as s:
            found = self._summaries(s, actor, Case.case_no == text)
        if not found:
            raise NotFound(f"没有找到办件“{text}”，或该办件不在您的查阅范围内。")
        return found[0]

    def cases_between(self, actor: Actor, first: date, last: date) -> list[CaseSummary]:
        if last < first:
            raise DomainError("截止日期不能早于起始日期。")
        with self.store.sessions() as s:
            found = self._summaries(s, actor, Case.accepted_on >= first, Case.accepted_on <= last)
        if len(found) > MAX_RANGE:
            raise DomainError(f"该时间段受理的办件超过 {MAX_RANGE} 件，请缩短时间段分批导出。")
        return found

    def case_file(self, actor: Actor, case_id: str) -> DossierFile:
        from app.dossier.pdf import render_dossier  # reportlab and pypdf load on the first dossier

        with self.store.sessions() as s:
            found(s, Case, case_id, "没有这个办件。")  # an unknown case is refused first
            if self._summaries(s, actor, Case.id == case_id) == []:
                raise DomainError("该办件不在您的查阅范围内。")
            facts = gather(s, case_id, f"{actor.name}（{actor.staff_no}）", self.clock.now())
        pdf = render_dossier(facts)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            detail = {"case": facts.case_no, "problems": len(facts.problems)}
            uow.record("dossier.exported", "case", case_id, detail=detail)
            uow.commit()
        return DossierFile(case_id, facts.case_no, f"卷宗_{facts.case_no}.pdf", pdf, facts.problems)
