"""Help and agent service (帮办代办, DESIGN §3.5): requests for help, the agent pool with what each
agent knows, a project's plan of matters, the log of every contact, the applicant's 委托书 and
appointments. Kept at the center; the 委托书 also travels to every workstation, where a proxy
submission is checked against it."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, link_table, owned_in_order, utc_now, uuid_pk

if TYPE_CHECKING:  # for the annotation only: the mapper finds "Matter" by name
    from db.models.catalog import Matter


class AgentProfile(Base):
    """An agent of the pool (辅导帮办专家人才库): whether they take new requests and how many at once."""

    __tablename__ = "agent_profiles"

    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    max_load: Mapped[int] = mapped_column(Integer, default=5)  # open requests at once
    note: Mapped[str] = mapped_column(Text, default="")


class AgentSkill(Base):
    """What an agent knows: a department's matters, or one matter of it."""

    __tablename__ = "agent_skills"
    __table_args__ = (UniqueConstraint("staff_id", "department_id", "matter_id"),)

    id: Mapped[str] = uuid_pk()
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"), index=True)
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    matter_id: Mapped[str | None] = mapped_column(ForeignKey("matters.id"))  # None: the whole department
    level: Mapped[int] = mapped_column(Integer, default=1)  # 1 熟悉, 2 精通


class HelpRequest(Base):
    __tablename__ = "help_requests"

    id: Mapped[str] = uuid_pk()
    request_no: Mapped[str] = mapped_column(String(30), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # app.help.model.KINDS
    subject: Mapped[str] = mapped_column(String(10))  # 个人 / 企业 / 项目
    applicant_name: Mapped[str] = mapped_column(String(120))
    applicant_doc: Mapped[str] = mapped_column(String(40), default="")  # ID number or credit code
    project_name: Mapped[str] = mapped_column(String(120), default="")
    contact_name: Mapped[str] = mapped_column(String(40))
    contact_phone: Mapped[str] = mapped_column(String(40))
    urgency: Mapped[str] = mapped_column(String(10), default="普通")  # 普通 / 紧急 / 特急
    target_on: Mapped[date] = mapped_column(Date)
    bundle_id: Mapped[str | None] = mapped_column(ForeignKey("bundles.id"))
    lead_department_id: Mapped[str | None] = mapped_column(ForeignKey("departments.id"))
    status: Mapped[str] = mapped_column(String(10), index=True)  # 待分派 / 办理中 / 已办结 / 已撤销
    agent_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), index=True)
    assigned_by: Mapped[str] = mapped_column(String(20), default="")
    assigned_at: Mapped[datetime | None] = mapped_column(DateTime)
    assign_reason: Mapped[str] = mapped_column(Text, default="")  # why an agent without the skill
    created_by: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    rating: Mapped[int | None] = mapped_column(Integer)  # 1–5, as 好差评
    rating_reason: Mapped[str] = mapped_column(Text, default="")

    items: Mapped[list["HelpItem"]] = owned_in_order("HelpItem")


class HelpItem(Base):
    """One matter of a request's plan, in its order, with the items it waits for; linked to its
    case once accepted."""

    __tablename__ = "help_items"
    __table_args__ = (UniqueConstraint("request_id", "seq"),)

    id: Mapped[str] = uuid_pk()
    request_id: Mapped[str] = mapped_column(ForeignKey("help_requests.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"))
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    depends_on: Mapped[str] = mapped_column(String(60), default="")  # seqs it waits for: "1,2"
    case_no: Mapped[str | None] = mapped_column(String(40), index=True)
    linked_at: Mapped[datetime | None] = mapped_column(DateTime)


class HelpLog(Base):
    """Every contact and step of a request; a due date makes it a reminder."""

    __tablename__ = "help_logs"

    id: Mapped[str] = uuid_pk()
    request_id: Mapped[str] = mapped_column(ForeignKey("help_requests.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    staff_no: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10))  # 登记 / 分派 / 联系 / 辅导 / 上门 / 提交 / 受理 / 提醒 / 评价 / 办结
    text: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)


proxy_letter_matters = link_table("proxy_letter_matters", letter_id="proxy_letters.id", matter_id="matters.id")


class ProxyLetter(Base):
    """委托书: the applicant authorizes a proxy to submit the listed matters for them, within a
    validity. Generated to sign, in force once its signing is recorded; every workstation holds a
    copy, so a proxy submission is checked at the window even offline (and again at the center)."""

    __tablename__ = "proxy_letters"

    id: Mapped[str] = uuid_pk()
    letter_no: Mapped[str] = mapped_column(String(30), unique=True)
    # The help request it was drawn up for. No foreign key: letters travel to every workstation,
    # help requests (with applicants' data) stay at the center.
    request_id: Mapped[str | None] = mapped_column(String(36))
    principal_kind: Mapped[str] = mapped_column(String(10))  # 个人 / 企业
    principal_name: Mapped[str] = mapped_column(String(120))
    principal_doc: Mapped[str] = mapped_column(String(40))  # ID number or credit code
    legal_rep: Mapped[str] = mapped_column(String(40), default="")  # an enterprise's legal representative
    proxy_name: Mapped[str] = mapped_column(String(40))
    proxy_doc_kind: Mapped[str] = mapped_column(String(20))
    proxy_doc_no: Mapped[str] = mapped_column(String(40))
    proxy_phone: Mapped[str] = mapped_column(String(40), default="")
    proxy_staff_no: Mapped[str] = mapped_column(String(20), default="")  # when the proxy is an agent
    scope: Mapped[str] = mapped_column(Text, default="")  # what may be done: 递交材料、签收文书…
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))  # 待签署 / 已签署 / 已撤销
    signed_on: Mapped[date | None] = mapped_column(Date)
    # Withdrawn from this day on: a submission received before it stands (a workstation may have
    # taken it offline before it heard of the revocation).
    revoked_on: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    matters: Mapped[list["Matter"]] = relationship(secondary=proxy_letter_matters, lazy="selectin")


class ProxyLetterFile(Base):
    """The 委托书 as generated to sign, and the signed scan once recorded: kept at the center for
    the dossier, never sent to workstations."""

    __tablename__ = "proxy_letter_files"

    letter_id: Mapped[str] = mapped_column(ForeignKey("proxy_letters.id"), primary_key=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    scan: Mapped[bytes | None] = mapped_column(LargeBinary)


class AppointmentSlot(Base):
    """A bookable period of a service (a queue category), with an agent or not."""

    __tablename__ = "appointment_slots"
    __table_args__ = (UniqueConstraint("category_code", "agent_id", "day", "starts_at"),)

    id: Mapped[str] = uuid_pk()
    category_code: Mapped[str] = mapped_column(String(4))
    agent_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    starts_at: Mapped[str] = mapped_column(String(5))  # "09:00"
    ends_at: Mapped[str] = mapped_column(String(5))
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    booked: Mapped[int] = mapped_column(Integer, default=0)  # places taken (a no-show keeps its place); <= capacity


class Appointment(Base):
    __tablename__ = "appointments"
    # A slot's live bookings are read on every booking and check-in.
    __table_args__ = (Index("ix_appointments_slot", "slot_id", "status"),)

    id: Mapped[str] = uuid_pk()
    slot_id: Mapped[str] = mapped_column(ForeignKey("appointment_slots.id"))
    request_id: Mapped[str | None] = mapped_column(ForeignKey("help_requests.id"))
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(40))
    id_hash: Mapped[str] = mapped_column(String(64), default="")  # SHA-256 of the ID number, as tickets keep it
    status: Mapped[str] = mapped_column(String(10))  # 已预约 / 已签到 / 已爽约 / 已取消
    ticket_id: Mapped[str | None] = mapped_column(String(36))  # the priority ticket issued at check-in
    booked_by: Mapped[str] = mapped_column(String(20))
    booked_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime)
