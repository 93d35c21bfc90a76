"""What every part of the help service shares: the store and clock, reading a request, who may
see it, and the names and cases its pages show."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.clock import Clock
from app.errors import DomainError, NotFound
from app.help.model import OPEN, WAITING
from db.models import Case, HelpItem, HelpRequest, Matter, Staff
from db.store import Store

STAFF = (Role.MANAGER, Role.AGENT, Role.CLERK)


class HelpRefused(DomainError):
    pass


class HelpBase:
    def __init__(self, store: Store, center_id: str, clock: Clock | None = None):
        self.store = store
        self.center_id = center_id
        self.clock = clock or Clock()

    def _request(self, s: Session, request_id: str, lock: bool = False) -> HelpRequest:
        request = s.get(HelpRequest, request_id, with_for_update=lock)
        if request is None:
            raise NotFound("没有这个帮办代办申请。")
        return request

    def _visible(self, actor: Actor, request: HelpRequest, s: Session) -> None:
        """Managers and clerks see every request; an agent their own and the unassigned ones."""
        if actor.has(Role.MANAGER) or actor.has(Role.CLERK) or request.agent_id is None:
            return
        if s.get_one(Staff, request.agent_id).staff_no != actor.staff_no:
            raise HelpRefused("该申请已分派给其他帮办员。")

    def _own_open(self, s: Session, actor: Actor, request_id: str) -> HelpRequest:
        request = self._request(s, request_id, lock=True)
        self._visible(actor, request, s)
        if request.status != OPEN:
            raise HelpRefused(
                f"该申请{request.status}，不能再记录。" if request.status != WAITING else "该申请尚未分派帮办员。"
            )
        return request

    @staticmethod
    def _names(s: Session, staff_ids: set[str]) -> dict[str | None, str]:  # looked up by optional ids
        rows = s.execute(select(Staff.id, Staff.name, Staff.staff_no).where(Staff.id.in_(staff_ids)))
        return {i: f"{name}（{no}）" for i, name, no in rows}

    @staticmethod
    def _accepted(s: Session, items: list[HelpItem]) -> dict[str | None, Case]:  # by optional case_no
        """Linked case numbers -> their cases (present at the center once pushed)."""
        numbers = [i.case_no for i in items if i.case_no]
        return {c.case_no: c for c in s.scalars(select(Case).where(Case.case_no.in_(numbers)))}


def matter_names(s: Session, items: list[HelpItem]) -> dict[str, str]:
    return dict(s.execute(select(Matter.id, Matter.name).where(Matter.id.in_([i.matter_id for i in items]))).all())
