"""Proven identity at the center: each person's public signing keys with their validity, the
sessions the center issued after a person signed its challenge, the challenges themselves, and
failed logins from every workstation (for the hall-wide lock-out). None of these leave the center."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, uuid_pk


class StaffKey(Base):
    """A person's Ed25519 public key. A password change re-wraps the same key; a manager's reset
    makes a new one and revokes this one from that moment: what it signed before stays valid."""

    __tablename__ = "staff_keys"
    __table_args__ = (Index("ix_staff_keys_staff", "staff_id"),)

    id: Mapped[str] = uuid_pk()
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    public_key: Mapped[str] = mapped_column(String(64))
    valid_from: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text, default="")


class PersonSession(Base):
    """A person's session at the center, bound to the workstation it was opened from. Only the
    token's SHA-256 is kept: the table gives nobody a usable session."""

    __tablename__ = "person_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    workstation_id: Mapped[str] = mapped_column(String(36))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    last_used_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    end_reason: Mapped[str] = mapped_column(String(40), default="")


class SessionChallenge(Base):
    """A one-time nonce the center gave a workstation to have a person sign; used once, briefly."""

    __tablename__ = "session_challenges"

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    workstation_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class LoginFailure(Base):
    """A failed login, from a workstation's pushed record or a bad signature at the center."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_staff_at", "staff_id", "at"),)

    id: Mapped[str] = uuid_pk()
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime)
    workstation_id: Mapped[str] = mapped_column(String(36))
