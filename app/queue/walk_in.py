"""A service at the window without a ticket, recorded while the center is unreachable. It is an
ordinary workstation record: written locally in one unit of work and pushed with the rest, so
the day's statistics count it once the center hears of it."""

from app.actor import Actor, Role
from app.clock import Clock
from app.errors import DomainError
from app.uow import UnitOfWork
from db.models import WalkIn
from db.store import Store


class WalkInService:
    def __init__(self, store: Store, workstation_id: str, clock: Clock | None = None):
        self.store = store
        self.workstation_id = workstation_id
        self.clock = clock or Clock()

    def start(self, actor: Actor, note: str = "") -> str:
        actor.require(Role.CLERK)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            walk_in = WalkIn(
                workstation_id=self.workstation_id,
                window_no=actor.window_no,
                staff_no=actor.staff_no,
                started_at=self.clock.now(),
                note=note,
            )
            uow.session.add(walk_in)
            uow.session.flush()
            uow.record("queue.walk_in_start", "walk_in", walk_in.id, reason=note)
            uow.commit()
            return walk_in.id

    def end(self, actor: Actor, walk_in_id: str) -> None:
        with UnitOfWork(self.store, actor, self.clock) as uow:
            walk_in = uow.session.get(WalkIn, walk_in_id)
            if walk_in is None or walk_in.ended_at is not None:
                raise DomainError("这次无号服务已结束或不存在。")
            walk_in.ended_at = self.clock.now()
            uow.record("queue.walk_in_end", "walk_in", walk_in.id)
            uow.commit()
