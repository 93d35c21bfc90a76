"""Delivering a decided case's result to the applicant (ALL art. 44: within 10 working days of
the decision): at the comprehensive window against a signed 送达回证, or by mail with a tracking
number. Kept at the center, where the decision is made."""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, utc_now, uuid_pk


class Delivery(Base):
    __tablename__ = "deliveries"

    id: Mapped[str] = uuid_pk()
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), unique=True)
    decision_notice_id: Mapped[str] = mapped_column(ForeignKey("notices.id"))  # what is delivered
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), index=True)  # 待送达 / 已领取 / 已寄出 / 已签收 / 退回
    method: Mapped[str] = mapped_column(String(10), default="")  # 窗口领取 / 邮寄
    recipient: Mapped[str] = mapped_column(String(120), default="")
    recipient_doc: Mapped[str] = mapped_column(String(40), default="")  # masked identity document
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    carrier: Mapped[str] = mapped_column(String(40), default="")
    tracking_no: Mapped[str] = mapped_column(String(40), default="")
    sent_on: Mapped[date | None] = mapped_column(Date)
    delivered_on: Mapped[date | None] = mapped_column(Date)
    receipt_notice_id: Mapped[str | None] = mapped_column(ForeignKey("notices.id"))  # the 送达回证
    by: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
