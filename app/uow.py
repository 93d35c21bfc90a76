"""The unit of work: one session per user action. Every write goes through it, and the audit
entry and the sync outbox row are written in the same transaction as the change itself."""

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from db.engine import WRITE
from db.models import OutboxEntry
from db.store import Store


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class UnitOfWork:
    def __init__(self, store: Store, actor: Actor):
        self.store = store
        self.actor = actor
        self.session: Session
        self._committed = False

    def __enter__(self) -> "UnitOfWork":
        self.session = self.store.sessions(bind=self.store.engine.execution_options(**WRITE))
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self._committed:
            self.session.rollback()
        self.session.close()

    def record(self, action: str, entity: str, entity_id: str, *, reason: str = "", detail: dict | None = None) -> None:
        """Who, where, when, what and why: one audit row and one outbox mutation."""
        at = now()
        payload = detail or {}
        audit.append(
            self.session,
            at=at,
            staff_no=self.actor.staff_no,
            staff_name=self.actor.name,
            workstation_id=self.actor.workstation_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            reason=reason,
            detail=payload,
        )
        last = self.session.scalar(
            select(func.max(OutboxEntry.mutation_id)).where(OutboxEntry.workstation_id == self.actor.workstation_id)
        )
        self.session.add(
            OutboxEntry(
                mutation_id=(last or 0) + 1,
                workstation_id=self.actor.workstation_id,
                created_at=at,
                entity=entity,
                entity_id=entity_id,
                op=action,
                payload=audit.canonical({"reason": reason, "detail": payload, "by": self.actor.staff_no}),
            )
        )

    def commit(self) -> None:
        self.session.commit()
        self._committed = True
