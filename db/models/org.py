"""The hall's organisation: departments, windows, queue categories, staff, authorizations, workstations."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, link_table, utc_now, uuid_pk

if TYPE_CHECKING:  # catalog imports this module
    from db.models.catalog import Matter


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[str] = uuid_pk()
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    short_name: Mapped[str] = mapped_column(String(20), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")


window_categories = link_table("window_categories", window_id="windows.id", category_id="queue_categories.id")


class QueueCategory(Base):
    __tablename__ = "queue_categories"

    id: Mapped[str] = uuid_pk()
    code: Mapped[str] = mapped_column(String(4), unique=True)  # ticket prefix: A, B, ...
    name: Mapped[str] = mapped_column(String(40))
    # Tidal windows: open when waiting >= open_waiting or the longest wait >= open_wait_min;
    # close once waiting has stayed <= close_waiting for close_after_min, never before min_open_min.
    open_waiting: Mapped[int] = mapped_column(Integer, default=15, server_default="15")
    open_wait_min: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    close_waiting: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    close_after_min: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    min_open_min: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    service_min: Mapped[int] = mapped_column(Integer, default=8, server_default="8")  # until today's own average


class Window(Base):
    __tablename__ = "windows"

    id: Mapped[str] = uuid_pk()
    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20))  # 综合受理 / 专业 / 出件 / 帮办代办 / 投诉
    tidal_standby: Mapped[bool] = mapped_column(Boolean, default=False)
    categories: Mapped[list[QueueCategory]] = relationship(secondary=window_categories, lazy="selectin")


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[str] = uuid_pk()
    staff_no: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    # The person's Ed25519 signing key, wrapped under their password (app.trust.keys): opening it is
    # the login. It travels with the staff list; the center keeps the public halves (StaffKey).
    signing_key: Mapped[str | None] = mapped_column(Text)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    department_id: Mapped[str | None] = mapped_column(ForeignKey("departments.id"))
    window_id: Mapped[str | None] = mapped_column(ForeignKey("windows.id"))
    hall_posted: Mapped[bool] = mapped_column(Boolean, default=True)
    qualifications: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)

    roles: Mapped[list["StaffRole"]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    window: Mapped[Window | None] = relationship(lazy="joined")


class StaffRole(Base):
    __tablename__ = "staff_roles"

    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


authorization_matters = link_table(
    "authorization_matters", authorization_id="chief_authorizations.id", matter_id="matters.id"
)


class ChiefAuthorization(Base):
    """授权书: a department's written authorization of its chief representative."""

    __tablename__ = "chief_authorizations"

    id: Mapped[str] = uuid_pk()
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    chief_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    document_no: Mapped[str] = mapped_column(String(60), unique=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    # Ended early by the department (the letter is never edited): no decision from that day on.
    revoked_on: Mapped[date | None] = mapped_column(Date)
    revoked_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The scanned letter itself is kept at the center only (AuthorizationScan); workstations learn
    # that one is on file, and which.
    scan_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    scan_sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")
    matters: Mapped[list["Matter"]] = relationship(secondary=authorization_matters, lazy="selectin")


class AuthorizationScan(Base):
    """The scan of a 授权书 (PDF, PNG or JPEG), kept at the center for the dossier."""

    __tablename__ = "authorization_scans"

    authorization_id: Mapped[str] = mapped_column(ForeignKey("chief_authorizations.id"), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(20))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class Workstation(Base):
    __tablename__ = "workstations"

    id: Mapped[str] = uuid_pk()
    name: Mapped[str] = mapped_column(String(60))
    hostname: Mapped[str] = mapped_column(String(120), default="")
    window_id: Mapped[str | None] = mapped_column(ForeignKey("windows.id"))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)  # this machine's own row
    public_key: Mapped[str | None] = mapped_column(String(80))  # Ed25519, base64: verifies its notices
    # At the center: what kind of machine enrolled (app.devices.scope.DeviceKind), from its
    # enrollment code, and for a rating pad the window it serves; the routes it reaches follow.
    kind: Mapped[str] = mapped_column(String(12), default="workstation", server_default="workstation")
    window_no: Mapped[int | None] = mapped_column(Integer)
    # At the center: the workstation's credential (hash), whether it is revoked, and the last
    # mutation id applied from it (pushes continue from there, exactly once).
    credential_hash: Mapped[str | None] = mapped_column(String(64))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    last_mutation_id: Mapped[int] = mapped_column(Integer, default=0)
    # Where it stands (电子监察: steps taken from outside the hall are flagged); a manager records it.
    in_hall: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    place: Mapped[str] = mapped_column(String(60), default="", server_default="")


class LocalKey(Base):
    """This workstation's signing key. Local only: never synced, never leaves the machine."""

    __tablename__ = "local_keys"

    workstation_id: Mapped[str] = mapped_column(ForeignKey("workstations.id"), primary_key=True)
    private_key: Mapped[str] = mapped_column(String(80))  # Ed25519 raw bytes, base64
