"""电子监察 and the 问题台账, kept at the center: the signals its sweep finds in the record, and
the problems a supervisor takes up (from a signal or entered by hand) until they are closed."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utc_now, uuid_pk


class SupervisionSignal(Base):
    """A finding of a rule of app.supervision.rules. Found again, it is the same row (by `key`);
    explained away, it stays on record with who explained it and why."""

    __tablename__ = "supervision_signals"

    id: Mapped[str] = uuid_pk()
    key: Mapped[str] = mapped_column(String(300), unique=True)  # kind and subject: the finding's identity
    kind: Mapped[str] = mapped_column(String(20), index=True)
    level: Mapped[str] = mapped_column(String(4))  # 黄牌 / 红牌
    department_id: Mapped[str | None] = mapped_column(ForeignKey("departments.id"), index=True)
    case_no: Mapped[str] = mapped_column(String(40), default="")
    staff_no: Mapped[str] = mapped_column(String(20), default="")
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime)  # the act's time, local to the hall
    found_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    why: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)  # JSON list of app.supervision.rules.Evidence
    explained_at: Mapped[datetime | None] = mapped_column(DateTime)
    explained_by: Mapped[str] = mapped_column(String(20), default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    ledger_item_id: Mapped[str | None] = mapped_column(ForeignKey("ledger_items.id"))


class SupervisionSweep(Base):
    """A supervisor's sweep, on record: the next one judges the acts of the days since (the record
    judged as it arrived at push), and every case's time limits again."""

    __tablename__ = "supervision_sweeps"

    id: Mapped[str] = uuid_pk()
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)
    swept_on: Mapped[date] = mapped_column(Date)  # the hall's day it ran
    full: Mapped[bool] = mapped_column(Boolean)  # every act of the quarter judged, not only the days since
    found: Mapped[int] = mapped_column(Integer)


class TooFastLimit(Base):
    """A manager's limit for 提前办结异常 on one matter: decided sooner than `minutes` after
    acceptance is a signal. A matter without a row has its mode's default
    (app.supervision.rules.TOO_FAST_MINUTES); going back to it deletes the row."""

    __tablename__ = "too_fast_limits"

    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"), primary_key=True)
    minutes: Mapped[int] = mapped_column(Integer)
    set_by: Mapped[str] = mapped_column(String(20))  # the manager's staff number
    set_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)  # UTC


class LedgerItem(Base):
    """A row of the 问题台账: a problem, its owner, the measure and its deadline, through to 销号."""

    __tablename__ = "ledger_items"

    id: Mapped[str] = uuid_pk()
    item_no: Mapped[str] = mapped_column(String(40), unique=True)
    source: Mapped[str] = mapped_column(String(20))  # 电子监察 / 暗访 / 上级督查 / 差评 / 办不成事
    found_on: Mapped[date] = mapped_column(Date)
    department_id: Mapped[str | None] = mapped_column(ForeignKey("departments.id"), index=True)
    matter: Mapped[str] = mapped_column(String(200), default="")
    window_no: Mapped[int | None] = mapped_column(Integer)
    staff_no: Mapped[str] = mapped_column(String(20), default="")
    problem_type: Mapped[str] = mapped_column(String(20))
    facts: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text, default="")
    responsible_unit: Mapped[str] = mapped_column(String(120))
    measure: Mapped[str] = mapped_column(Text, default="")
    deadline_days: Mapped[int] = mapped_column(Integer)  # working days from found_on
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), index=True)
    created_by: Mapped[str] = mapped_column(String(20))
    verifier: Mapped[str] = mapped_column(String(20), default="")
    closed_on: Mapped[date | None] = mapped_column(Date)


class SelfCheckAnswer(Base):
    """A department's own answer to a self-check item the record cannot judge (自查评分表 items
    1, 2, 5; app.supervision.scorecard). Never changed: a new answer is a new row, the latest counts."""

    __tablename__ = "self_check_answers"

    id: Mapped[str] = uuid_pk()
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"), index=True)
    item_no: Mapped[int] = mapped_column(Integer)
    answer: Mapped[str] = mapped_column(String(4))  # 是 / 否
    note: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str] = mapped_column(String(20))
    answered_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
