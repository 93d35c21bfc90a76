"""Following a request up: the log of every contact (a due date makes it a reminder), linking a
case filed in person, closing or cancelling, and the applicant's rating."""

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.clock import Clock
from app.errors import NotFound
from app.help.base import STAFF, HelpBase, HelpRefused
from app.help.dto import Reminder, RequestRow
from app.help.model import CANCELLED, DONE, LOG_KINDS, OPEN, WAITING, LogKind
from app.uow import UnitOfWork
from db.models import Case, HelpItem, HelpLog


class FollowUp(HelpBase):
    # The requests a person may see, as HelpService lists them (app.help.requests).
    requests: Callable[[Actor], list[RequestRow]]

    def log(self, actor: Actor, request_id: str, kind: str, text: str, due_on: date | None = None) -> None:
        """A contact or step; with a due date it is also a reminder until done."""
        actor.require(*STAFF)
        if kind not in LOG_KINDS:
            raise HelpRefused(f"记录类型应为：{'、'.join(LOG_KINDS)}。")
        if not text.strip():
            raise HelpRefused("请填写记录内容。")
        if due_on is not None and due_on < self.clock.today():
            raise HelpRefused("提醒日期不能早于今天。")
        with UnitOfWork(self.store, actor, self.clock) as uow:
            request = self._own_open(uow.session, actor, request_id)
            uow.session.add(
                HelpLog(request_id=request.id, staff_no=actor.staff_no, kind=kind, text=text.strip(), due_on=due_on)
            )
            uow.record("help.logged", "help", request.id, detail={"kind": kind, "due_on": str(due_on or "")})
            uow.commit()

    def done(self, actor: Actor, log_id: str) -> None:
        actor.require(*STAFF)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            entry = uow.session.get(HelpLog, log_id, with_for_update=True)
            if entry is None or entry.due_on is None:
                raise NotFound("没有这条提醒。")
            if entry.done_on is not None:
                raise HelpRefused(f"该提醒已于 {entry.done_on:%Y-%m-%d} 完成。")
            self._visible(actor, self._request(uow.session, entry.request_id), uow.session)
            entry.done_on = self.clock.today()
            uow.record("help.reminder_done", "help", entry.request_id, detail={"log": entry.id})
            uow.commit()

    def reminders(self, actor: Actor, within_days: int = 3) -> list[Reminder]:
        """Open reminders and target dates due within the days given (or past), the earliest first."""
        actor.require(*STAFF)
        today = self.clock.today()
        horizon = date.fromordinal(today.toordinal() + within_days)
        mine = {r.id: r for r in self.requests(actor)}
        with self.store.sessions() as s:
            entries = s.scalars(
                select(HelpLog).where(
                    HelpLog.request_id.in_(list(mine)),
                    HelpLog.due_on.is_not(None),
                    HelpLog.done_on.is_(None),
                    HelpLog.due_on <= horizon,
                )
            ).all()
        logged = [(mine[e.request_id].request_no, e.due_on, e.text, e.id) for e in entries if e.due_on]
        targets = [(r.request_no, r.target_on, f"目标日期（{r.applicant}）", None) for r in mine.values()]
        found = logged + [t for t in targets if t[1] <= horizon]
        return [
            Reminder(request_no, due_on, what, log_id, due_on < today)
            for request_no, due_on, what, log_id in sorted(found, key=lambda f: (f[1], f[0]))
        ]

    def link_case(self, actor: Actor, request_id: str, seq: int, case_no: str) -> None:
        """A matter of the plan accepted without the agent's proxy (the applicant came in person)."""
        actor.require(*STAFF)
        case_no = case_no.strip().upper()
        with UnitOfWork(self.store, actor, self.clock) as uow:
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
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            request = self._own_open(s, actor, request_id)
            request.status, request.closed_at = DONE, self.clock.utc_now()
            s.add(HelpLog(request_id=request.id, staff_no=actor.staff_no, kind=LogKind.CLOSED, text=note.strip()))
            uow.record("help.closed", "help", request.id, reason=note.strip())
            uow.commit()

    def cancel(self, actor: Actor, request_id: str, reason: str) -> None:
        actor.require(Role.MANAGER, Role.AGENT)
        if not reason.strip():
            raise HelpRefused("请填写撤销原因。")
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            request = self._request(s, request_id, lock=True)
            self._visible(actor, request, s)
            if request.status not in (WAITING, OPEN):
                raise HelpRefused(f"该申请已{request.status}。")
            request.status, request.closed_at = CANCELLED, self.clock.utc_now()
            s.add(HelpLog(request_id=request.id, staff_no=actor.staff_no, kind=LogKind.CANCELLED, text=reason.strip()))
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
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            request = self._request(s, request_id, lock=True)
            self._visible(actor, request, s)
            if request.status != DONE:
                raise HelpRefused("帮办代办办结后才能评价。")
            if request.rating is not None:
                raise HelpRefused("该帮办代办已评价，不能重复评价。")
            request.rating, request.rating_reason = level, reason
            text = f"{level} 分 {reason}".strip()
            s.add(HelpLog(request_id=request.id, staff_no=actor.staff_no, kind=LogKind.RATED, text=text))
            uow.record("help.rated", "help", request.id, reason=reason, detail={"level": level})
            uow.commit()


def linked(s: Session, item: HelpItem, case_no: str, staff_no: str, clock: Clock) -> None:
    """Links a plan item to its case, with a line in the log."""
    if item.case_no is not None:
        raise HelpRefused(f"计划第 {item.seq} 项已关联办件 {item.case_no}。")
    item.case_no, item.linked_at = case_no, clock.utc_now()
    text = f"第 {item.seq} 项已受理：{case_no}"
    s.add(HelpLog(request_id=item.request_id, staff_no=staff_no, kind=LogKind.ACCEPTED, text=text))
