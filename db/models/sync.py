"""Sync bookkeeping. At the center: enrollment codes, every mutation received from a workstation
(applied or rejected, with the reason), the log of reference-data changes workstations pull, and
each workstation's turn (the lease its request in progress holds).
At a workstation: the sync state (center, credential, pull cursor, last result)."""

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utc_now


class EnrollmentCode(Base):
    __tablename__ = "enrollment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(String(60))
    # The kind of machine it enrolls (app.devices.scope.DeviceKind); a rating pad's, for one window.
    kind: Mapped[str] = mapped_column(String(12), default="workstation", server_default="workstation")
    window_no: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(60), default="", server_default="")  # "": in the hall
    used_at: Mapped[datetime | None] = mapped_column(DateTime)
    workstation_id: Mapped[str | None] = mapped_column(String(36))


class ReceivedMutation(Base):
    __tablename__ = "received_mutations"

    workstation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mutation_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    staff_no: Mapped[str] = mapped_column(String(40))
    # Whose signature the center verified: the staff number, or "本机" for the workstation's own
    # key (what the software does by law on its own); empty when the signature was refused.
    signed_by: Mapped[str] = mapped_column(String(40), default="", server_default="")
    status: Mapped[str] = mapped_column(String(10))  # applied / rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text)


class RefLog(Base):
    """Every change to center-owned reference data, in the order the center made it."""

    __tablename__ = "ref_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    table_name: Mapped[str] = mapped_column(String(40))
    op: Mapped[str] = mapped_column(String(10))
    row: Mapped[str] = mapped_column(Text)


class SyncLease(Base):
    """A workstation's push or pull in progress at the center, in any of its processes
    (app.center.lease). Present only while held, or left behind by a process that died."""

    __tablename__ = "sync_leases"

    workstation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    holder: Mapped[str] = mapped_column(String(32))  # the request's own random token
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class SyncState(Base):
    """A workstation's link to its center (one row)."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    center_url: Mapped[str] = mapped_column(String(300))
    credential: Mapped[str] = mapped_column(String(120))
    pull_cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
