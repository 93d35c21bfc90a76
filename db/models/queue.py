"""The hall's queue, kept at the center (one authority for the whole hall): tickets and what
happened to them, tidal windows, ratings and the rectification items bad ratings open.

Workstations, the kiosk, the board and the rating pads reach these through the center's HTTP
interface; only walk-in services recorded while the center was unreachable are made at a
workstation and pushed like any other record."""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utc_now, uuid_pk


class QueueSettings(Base):
    """One row: how the hall runs its queue."""

    __tablename__ = "queue_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    tidal_mode: Mapped[str] = mapped_column(String(10), default="suggest")  # suggest / auto
    priority_streak: Mapped[int] = mapped_column(Integer, default=3)  # then one ordinary ticket
    recall_limit: Mapped[int] = mapped_column(Integer, default=3)


class Ticket(Base):
    __tablename__ = "tickets"
    # The heads of the lines a window calls from are read through (day, status, order_at).
    __table_args__ = (UniqueConstraint("day", "label"), Index("ix_tickets_line", "day", "status", "order_at"))

    id: Mapped[str] = uuid_pk()
    day: Mapped[date] = mapped_column(Date, index=True)
    label: Mapped[str] = mapped_column(String(8))  # A001, kept through transfers
    category_code: Mapped[str] = mapped_column(String(4))  # the category it waits in now
    priority: Mapped[str] = mapped_column(String(10), default="")  # "" / 绿色通道 / 老年人 / 残疾人 / 孕妇 / 预约
    appointment_at: Mapped[datetime | None] = mapped_column(DateTime)
    id_hash: Mapped[str | None] = mapped_column(String(64))  # one waiting ticket per person and category
    name: Mapped[str] = mapped_column(String(40), default="")  # when known; the board masks it
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    # The enrolled machine that asked for it (a kiosk, or a workstation's check-in): a kiosk may
    # cancel only the tickets it issued itself and could not print.
    issued_by: Mapped[str | None] = mapped_column(String(36))
    order_at: Mapped[datetime] = mapped_column(DateTime)  # its place in the queue, kept through transfers
    status: Mapped[str] = mapped_column(String(10), index=True)
    target_window: Mapped[int | None] = mapped_column(Integer)  # transferred to one window
    window_no: Mapped[int | None] = mapped_column(Integer)
    staff_no: Mapped[str] = mapped_column(String(20), default="")
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    recalls: Mapped[int] = mapped_column(Integer, default=0)


class QueueEvent(Base):
    """Every call, recall, no-show, transfer, park, resume, start and end, in the center's order."""

    __tablename__ = "queue_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    kind: Mapped[str] = mapped_column(String(12))
    window_no: Mapped[int | None] = mapped_column(Integer)
    staff_no: Mapped[str] = mapped_column(String(20), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class TidalOpening(Base):
    """A standby window serving a category for a while; open while closed_at is empty."""

    __tablename__ = "tidal_openings"

    id: Mapped[str] = uuid_pk()
    window_no: Mapped[int] = mapped_column(Integer)
    category_code: Mapped[str] = mapped_column(String(4))
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    open_reason: Mapped[str] = mapped_column(Text)
    opened_by: Mapped[str] = mapped_column(String(40))  # 自动 or the manager's staff number
    low_since: Mapped[datetime | None] = mapped_column(DateTime)  # the queue has been low since
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    close_reason: Mapped[str] = mapped_column(Text, default="")
    closed_by: Mapped[str] = mapped_column(String(40), default="")


class Evaluation(Base):
    """好差评 from the rating pad: one per served ticket."""

    __tablename__ = "evaluations"

    id: Mapped[str] = uuid_pk()
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), unique=True)
    window_no: Mapped[int] = mapped_column(Integer)
    staff_no: Mapped[str] = mapped_column(String(20))
    level: Mapped[int] = mapped_column(Integer)  # 5 非常满意 … 1 非常不满意
    reason: Mapped[str] = mapped_column(Text, default="")
    case_nos: Mapped[str] = mapped_column(Text, default="")  # the linked cases, when the rating was given
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class Rectification(Base):
    """整改: opened by a bad rating, for the manager, with a deadline in working days."""

    __tablename__ = "rectifications"

    id: Mapped[str] = uuid_pk()
    evaluation_id: Mapped[str] = mapped_column(ForeignKey("evaluations.id"), unique=True)
    opened_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="待整改")
    note: Mapped[str] = mapped_column(Text, default="")


class WalkIn(Base):
    """A service recorded at a window while the center was unreachable (no ticket); pushed later."""

    __tablename__ = "walk_ins"

    id: Mapped[str] = uuid_pk()
    workstation_id: Mapped[str] = mapped_column(String(36))
    window_no: Mapped[int | None] = mapped_column(Integer)
    staff_no: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
