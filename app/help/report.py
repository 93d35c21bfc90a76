"""Agent workload and outcome over a period: per agent, the requests received, open, closed (and
how many by their target date), overdue, the contacts logged, and the applicants' ratings."""

from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import func, select

from app.actor import Actor, Role
from app.clock import Clock
from app.errors import DomainError
from app.help.dto import AgentFigures
from app.help.model import DONE, OPEN, LogKind
from db.models import HelpLog, HelpRequest, Staff
from db.store import Store

CONTACTS = (LogKind.CONTACT, LogKind.GUIDANCE, LogKind.VISIT)  # what counts as a contact with the applicant
HEADINGS = ["帮办员", "受理申请", "在办", "已办结", "按期办结", "逾期未结", "联系记录", "评价数", "平均评价", "差评"]


def workload(store: Store, actor: Actor, first: date, last: date, clock: Clock | None = None) -> list[AgentFigures]:
    """Requests assigned in [first, last] (by the day they were recorded), per agent."""
    actor.require(Role.MANAGER)
    if last < first:
        raise DomainError("截止日期不能早于起始日期。")
    today = (clock or Clock()).today()
    with store.sessions() as s:
        requests = s.scalars(
            select(HelpRequest).where(
                HelpRequest.agent_id.is_not(None),
                HelpRequest.created_at >= datetime.combine(first, time.min),
                HelpRequest.created_at <= datetime.combine(last, time.max),
            )
        ).all()
        contacts = dict(
            s.execute(
                select(HelpLog.request_id, func.count())
                .where(HelpLog.request_id.in_([r.id for r in requests]), HelpLog.kind.in_(CONTACTS))
                .group_by(HelpLog.request_id)
            ).all()
        )
        names = {
            i: f"{name}（{no}）"
            for i, name, no in s.execute(
                select(Staff.id, Staff.name, Staff.staff_no).where(Staff.id.in_({r.agent_id for r in requests}))
            )
        }
    figures = []
    for agent_id, name in sorted(names.items(), key=lambda n: n[1]):
        mine = [r for r in requests if r.agent_id == agent_id]
        ratings = [r.rating for r in mine if r.rating is not None]
        closed = [r for r in mine if r.status == DONE]
        figures.append(
            AgentFigures(
                name,
                len(mine),
                sum(1 for r in mine if r.status == OPEN),
                len(closed),
                sum(1 for r in closed if r.closed_at and r.closed_at.date() <= r.target_on),
                sum(1 for r in mine if r.status == OPEN and r.target_on < today),
                sum(contacts.get(r.id, 0) for r in mine),
                len(ratings),
                round(sum(ratings) / len(ratings), 2) if ratings else None,
                sum(1 for v in ratings if v <= 2),
            )
        )
    return figures


def write_workload(figures: list[AgentFigures], first: date, last: date, path: Path) -> None:
    from openpyxl import Workbook  # only when a report is saved

    book = Workbook()
    sheet = book.active
    sheet.title = "帮办代办工作量"
    sheet.append([f"统计期间：{first:%Y-%m-%d} 至 {last:%Y-%m-%d}"])
    sheet.append(HEADINGS)
    for f in figures:
        sheet.append(f.row())
    book.save(path)
