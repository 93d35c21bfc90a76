"""The unit of work: one session per user action. Every write goes through it, and the audit
entry and the sync outbox row are written in the same transaction as the change itself.

At a workstation the rows a unit of work writes become one outbox mutation (pushed to the center
exactly once). At the center, changes to reference data are appended to the reference log that
workstations pull."""

import base64
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.clock import Clock
from app.errors import NotFound
from app.replication import PUSHED_TABLES, REFERENCE_TABLES, Capture, append_ref_log
from db.engine import WRITE
from db.models import LocalKey, OutboxEntry
from db.store import Store

# Who signed a mutation: the person named as "by", or the workstation itself.
PERSON_SIGNER, MACHINE_SIGNER = "person", "machine"


T = TypeVar("T")


def found(session: Session, model: type[T], key: Any, missing: str, *, lock: bool = False) -> T:
    """The row of `model` with this primary key (locked for update with `lock`); none: NotFound
    with `missing`, the message the person reads."""
    row = session.get(model, key, with_for_update=lock)
    if row is None:
        raise NotFound(missing)
    return row


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def next_mutation_id(session: Session, workstation_id: str) -> int:
    """Mutation ids count per workstation, as the center applies them; entries of another
    workstation held in the same store (seeded or restored elsewhere) have their own series."""
    last = session.scalar(select(func.max(OutboxEntry.mutation_id)).where(OutboxEntry.workstation_id == workstation_id))
    return (last or 0) + 1


class UnitOfWork:
    def __init__(self, store: Store, actor: Actor, clock: Clock | None = None):
        """clock: the service's own (a test's fixed time, the demo's past month), so that the audit
        row carries the time of the change it records; the machine's by default."""
        self.store = store
        self.actor = actor
        self.clock = clock or Clock()
        self.session: Session
        self._committed = False
        self._actions: list[dict] = []

    def __enter__(self) -> "UnitOfWork":
        self.session = self.store.sessions(bind=self.store.engine.execution_options(**WRITE))
        tables = REFERENCE_TABLES if self.store.role == "center" else PUSHED_TABLES
        self._capture = Capture(self.session, tables)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self._committed:
            self.session.rollback()
        self.session.close()

    def record(self, action: str, entity: str, entity_id: str, *, reason: str = "", detail: dict | None = None) -> None:
        """Who, where, when, what and why: one audit row and one outbox mutation."""
        at = self.clock.utc_now()
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
        self._actions.append(
            {
                "action": action,
                "entity": entity,
                "id": entity_id,
                "reason": reason,
                "detail": payload,
                "at": at.isoformat(),
            }
        )

    def commit(self) -> None:
        self.session.flush()
        rows = self._capture.rows()
        if self.store.role == "center":
            append_ref_log(self.session, rows)
        elif rows or self._actions:
            self._enqueue(rows)
        self.session.commit()
        self._committed = True

    def _enqueue(self, rows: list[dict]) -> None:
        """One outbox mutation, signed by the acting person's key (opened at their login), or by
        this machine's key for what no person does: a login attempt, the software acting on its own
        by law, the command line. A person whose key is not open signs nothing, and the center
        refuses what nobody signed."""
        from app.trust.signed import mutation_message, sign

        # The machine's time, whatever the service's clock: the center compares it with the moment
        # a signing key was revoked, which its own machine stamped.
        ws, made_at = self.actor.workstation_id, now()
        first = self._actions[0] if self._actions else {"action": "data.changed", "entity": "", "id": ""}
        mutation_id = next_mutation_id(self.session, ws)
        payload = audit.canonical(
            {
                "by": self.actor.staff_no,
                "name": self.actor.name,
                "signer": MACHINE_SIGNER if self.actor.staff_id is None else PERSON_SIGNER,
                "at": made_at.isoformat(),
                "actions": self._actions,
                "rows": rows,
            }
        )
        key = self._signing_key(ws)
        self.session.add(
            OutboxEntry(
                mutation_id=mutation_id,
                workstation_id=ws,
                created_at=made_at,
                entity=first["entity"],
                entity_id=first["id"],
                op=first["action"],
                payload=payload,
                signature=sign(key, mutation_message(ws, mutation_id, payload)) if key is not None else "",
            )
        )

    def _signing_key(self, workstation_id: str):
        if self.actor.staff_id is not None:
            return self.actor.key
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        local = self.session.get(LocalKey, workstation_id)
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(local.private_key)) if local else None
