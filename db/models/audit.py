"""Append-only audit log (hash-chained) and the sync outbox, both written by the unit of work."""

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, PrimaryKeyConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"
    # A case's history (its dossier, the chief's case view) is read by entity among the whole log.
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    staff_no: Mapped[str] = mapped_column(String(40))
    staff_name: Mapped[str] = mapped_column(String(60))
    workstation_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row: the last sequence number and hash, so a deleted tail is detected too."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class OutboxEntry(Base):
    """A change waiting to be pushed to the center; mutation ids increase per workstation.

    A store may hold another workstation's entries (seeded or restored elsewhere), so an id is
    unique only together with its workstation, as the center counts them."""

    __tablename__ = "sync_outbox"
    __table_args__ = (
        PrimaryKeyConstraint("workstation_id", "mutation_id"),
        # Finding what is still pending must not read the whole (large) table of sent mutations.
        Index("ix_sync_outbox_pending", "workstation_id", "status", "mutation_id"),
    )

    mutation_id: Mapped[int] = mapped_column(Integer, autoincrement=False)
    workstation_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(60))
    op: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)
    # The acting person's signature (or, for what the software does on its own, this machine's)
    # over app.trust.signed.mutation_message: the center applies nothing it cannot verify.
    signature: Mapped[str] = mapped_column(String(100), default="", server_default="")
    pushed_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending / applied / rejected
    reason: Mapped[str] = mapped_column(Text, default="")  # why the center refused it
