"""Applications at the comprehensive window, the cases they become, and the notices issued.

Notices are stored as issued (PDF bytes and their SHA-256) and never change; the database
refuses UPDATE and DELETE on them. Printing is recorded beside them, each print a row."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, owned_in_order, utc_now, uuid_pk


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[str] = uuid_pk()
    workstation_id: Mapped[str] = mapped_column(String(36))
    clerk_no: Mapped[str] = mapped_column(String(20))
    window_no: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    received_on: Mapped[date] = mapped_column(Date)  # the day the materials were received
    status: Mapped[str] = mapped_column(String(20), index=True)
    bundle_id: Mapped[str | None] = mapped_column(ForeignKey("bundles.id"))
    applicant: Mapped[str] = mapped_column(Text)  # JSON of the applicant as recorded
    applicant_name: Mapped[str] = mapped_column(String(120))
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_reason: Mapped[str] = mapped_column(Text, default="")
    slip_due_on: Mapped[date | None] = mapped_column(Date)  # deferred one-time notification
    auto_accepted_on: Mapped[date | None] = mapped_column(Date)
    ticket_id: Mapped[str | None] = mapped_column(String(36), index=True)  # the queue ticket being served
    walk_in_id: Mapped[str | None] = mapped_column(String(36))  # or the walk-in recorded offline
    # A proxy submission: the applicant's 委托书 on file that allows it (DESIGN §4 rule 9).
    proxy_letter_id: Mapped[str | None] = mapped_column(ForeignKey("proxy_letters.id"))

    matters: Mapped[list["ApplicationMatter"]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    checklist: Mapped[list["ChecklistItem"]] = owned_in_order("ChecklistItem")


class ApplicationMatter(Base):
    __tablename__ = "application_matters"

    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True)
    matter_version_id: Mapped[str] = mapped_column(ForeignKey("matter_versions.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class ChecklistItem(Base):
    """One material of the application, asked once even when several matters of a bundle need it."""

    __tablename__ = "checklist_items"

    id: Mapped[str] = uuid_pk()
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(240))  # shared_key or "name:<material name>"
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12))  # 已收 / 缺少 / 有误 / 不适用
    defect: Mapped[str] = mapped_column(Text, default="")


class Case(Base):
    __tablename__ = "cases"
    # Inboxes read the few open, undecided cases among all the hall has ever accepted, and of those
    # only their own departments' matters: without matter_id the index yields every open case.
    __table_args__ = (Index("ix_cases_open", "status", "decision", "matter_id"),)

    id: Mapped[str] = uuid_pk()
    case_no: Mapped[str] = mapped_column(String(40), unique=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"), index=True)
    matter_version_id: Mapped[str] = mapped_column(ForeignKey("matter_versions.id"))
    kind: Mapped[str] = mapped_column(String(20))  # 即办 / 受理 / 容缺受理 / 告知承诺 / 自动受理
    accepted_on: Mapped[date] = mapped_column(Date)
    statutory_due_on: Mapped[date] = mapped_column(Date)
    promised_due_on: Mapped[date] = mapped_column(Date)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20))  # 办理中 / 已办结
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # After acceptance (see db.models.approval): the decision, the one extension, paused days.
    decision: Mapped[str | None] = mapped_column(String(10))  # 准予 / 不予
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    extension_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    extension_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    extension_by: Mapped[str] = mapped_column(String(20), default="", server_default="")
    paused_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Notice(Base):
    __tablename__ = "notices"

    id: Mapped[str] = uuid_pk()
    notice_no: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    case_no: Mapped[str | None] = mapped_column(Text)  # every case it covers, comma-separated (a bundle has several)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    staff_no: Mapped[str] = mapped_column(String(20))
    window_no: Mapped[int | None] = mapped_column(Integer)
    workstation_id: Mapped[str] = mapped_column(String(36))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(120))  # Ed25519 over the QR content, base64


class SlipItem(Base):
    """A problem listed on a one-time notification slip (一次性告知单)."""

    __tablename__ = "slip_items"

    id: Mapped[str] = uuid_pk()
    notice_id: Mapped[str] = mapped_column(ForeignKey("notices.id"), index=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("applications.id"), index=True)
    key: Mapped[str] = mapped_column(String(240))
    name: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(String(12))  # 缺少 / 有误
    defect: Mapped[str] = mapped_column(Text, default="")
    # A problem a later slip raises that the first did not: why (visible to supervision).
    late_reason: Mapped[str] = mapped_column(Text, default="")


class NoticePrint(Base):
    __tablename__ = "notice_prints"

    id: Mapped[str] = uuid_pk()
    notice_id: Mapped[str] = mapped_column(ForeignKey("notices.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    staff_no: Mapped[str] = mapped_column(String(20))
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)  # 补打
    ok: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str] = mapped_column(Text, default="")


class Commitment(Base):
    """容缺: a material the applicant committed to supply by a date; tracked until supplied."""

    __tablename__ = "commitments"
    __table_args__ = (UniqueConstraint("case_id", "key"),)

    id: Mapped[str] = uuid_pk()
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    key: Mapped[str] = mapped_column(String(240))
    name: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    supplied_on: Mapped[date | None] = mapped_column(Date)
    supplied_by: Mapped[str | None] = mapped_column(String(20))


class Counter(Base):
    """Per-workstation sequences: numbers made offline on two workstations never collide."""

    __tablename__ = "counters"

    workstation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(20), primary_key=True)  # e.g. "notice-2026"
    last: Mapped[int] = mapped_column(Integer, default=0)


class Draft(Base):
    """An application being filled in, kept when the window closes mid-way."""

    __tablename__ = "drafts"

    staff_no: Mapped[str] = mapped_column(String(20), primary_key=True)
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    content: Mapped[str] = mapped_column(Text)
