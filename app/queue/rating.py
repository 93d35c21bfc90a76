"""好差评 from the rating pads: bound to the ticket in service (and the cases accepted during it);
a bad rating (1-2) needs a reason and opens a rectification item due in 15 working days."""

import json
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.queue.base import QueueBase
from app.queue.dto import Rating, Rectification
from app.queue.tickets import DONE, SERVING, QueueError
from app.supervision.ledger_rules import LedgerStatus
from app.uow import UnitOfWork
from app.workdays import WorkCalendar
from db.models import (
    Application,
    Case,
    Evaluation,
    Ticket,
)
from db.models import Rectification as RectificationRow

LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
RECTIFY_DAYS = 15
RATE_WITHIN = timedelta(minutes=10)  # a pad may still rate the service that just ended


class Ratings(QueueBase):
    """Ratings and the rectification items they open."""

    def _rateable(self, s: Session, window_no: int, now: datetime) -> Ticket | None:
        """The ticket in service at the window, or the one that ended there in the last minutes
        and has no rating yet."""
        rated = select(Evaluation.ticket_id)
        serving = s.scalar(
            select(Ticket).where(
                Ticket.day == now.date(),
                Ticket.window_no == window_no,
                Ticket.status == SERVING,
                Ticket.id.not_in(rated),
            )
        )
        if serving is not None:
            return serving
        return s.scalar(
            select(Ticket)
            .where(
                Ticket.day == now.date(),
                Ticket.window_no == window_no,
                Ticket.status == DONE,
                Ticket.ended_at >= now - RATE_WITHIN,
                Ticket.id.not_in(rated),
            )
            .order_by(Ticket.ended_at.desc())
        )

    def rate(self, window_no: int, level: int, reason: str = "") -> Rating:
        if level not in LEVELS:
            raise QueueError("评价等级应为 1～5。")
        reason = reason.strip()
        if level <= 2 and not reason:
            raise QueueError(f"选择“{LEVELS[level]}”时请说明原因。")
        now = self.clock.now()
        pad = Actor(None, "pad", f"{window_no}号窗口评价器", frozenset(), self.workstation_id)
        with UnitOfWork(self.store, pad, self.clock) as uow:
            s = uow.session
            self._window(s, window_no)
            t = self._rateable(s, window_no, now)
            if t is None:
                raise QueueError(f"{window_no} 号窗口当前没有正在办理的业务，无法评价。")
            case_nos = list(
                s.scalars(
                    select(Case.case_no)
                    .join(Application, Case.application_id == Application.id)
                    .where(Application.ticket_id == t.id)
                )
            )
            ev = Evaluation(
                ticket_id=t.id,
                window_no=window_no,
                staff_no=t.staff_no,
                level=level,
                reason=reason,
                case_nos=json.dumps(case_nos, ensure_ascii=False),
                at=now,
            )
            s.add(ev)
            s.flush()
            rectification_due = None
            if level <= 2:
                due = WorkCalendar.load(s).add_working_days(now.date(), RECTIFY_DAYS)
                s.add(
                    RectificationRow(
                        evaluation_id=ev.id, opened_on=now.date(), due_on=due.day, status=LedgerStatus.OPEN
                    )
                )
                rectification_due = due.day.isoformat()
            result = Rating(label=t.label, level=level, case_nos=case_nos, rectification_due=rectification_due)
            uow.record("queue.rate", "ticket", t.id, reason=reason, detail={"level": level, "cases": case_nos})
            uow.commit()
        return result

    def rectifications(self) -> list[Rectification]:
        with self.store.sessions() as s:
            rows = s.execute(
                select(RectificationRow, Evaluation, Ticket)
                .join(Evaluation, RectificationRow.evaluation_id == Evaluation.id)
                .join(Ticket, Evaluation.ticket_id == Ticket.id)
                .order_by(RectificationRow.due_on)
            ).all()
            return [
                Rectification(
                    id=r.id,
                    label=t.label,
                    window_no=e.window_no,
                    staff_no=e.staff_no,
                    level=LEVELS[e.level],
                    reason=e.reason,
                    case_nos=json.loads(e.case_nos or "[]"),
                    opened_on=r.opened_on,
                    due_on=r.due_on,
                    status=LedgerStatus(r.status),
                )
                for r, e, t in rows
            ]
