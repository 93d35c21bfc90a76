"""After acceptance: the review steps a case goes through, the special steps that pause its
clock, and its one extension. Kept at the center, where the chiefs and reviewers decide."""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utc_now, uuid_pk


class ReviewStep(Base):
    """One person's step on a case (审核 / 复核 / 核准 …), in order; never changed afterwards."""

    __tablename__ = "review_steps"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)

    id: Mapped[str] = uuid_pk()
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    step: Mapped[str] = mapped_column(String(10))
    staff_no: Mapped[str] = mapped_column(String(20))
    staff_name: Mapped[str] = mapped_column(String(40))
    workstation_id: Mapped[str] = mapped_column(String(36))
    authorization_no: Mapped[str] = mapped_column(String(60), default="")  # the 授权书 it was taken under
    agreed: Mapped[bool] = mapped_column()
    opinion: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class CaseSpecialStep(Base):
    """A registered special step (特殊环节) started on a case: the case's clock stops meanwhile."""

    __tablename__ = "case_special_steps"

    id: Mapped[str] = uuid_pk()
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    step_def_id: Mapped[str] = mapped_column(ForeignKey("special_step_defs.id"))
    kind: Mapped[str] = mapped_column(String(20))
    started_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)  # the step's own limit
    ended_on: Mapped[date | None] = mapped_column(Date)
    paused_days: Mapped[int] = mapped_column(Integer, default=0)  # working days, once ended
    started_by: Mapped[str] = mapped_column(String(20))
    ended_by: Mapped[str] = mapped_column(String(20), default="")
    people: Mapped[str] = mapped_column(Text, default="")  # who carried it out, with qualifications
    outcome: Mapped[str] = mapped_column(Text, default="")
