"""What the hall's staff routes answer, the same on both sides of HTTP (see app/web/wire.py), and
the contract the staff page holds (the client's calls: keys are made and wrapped there)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.actor import Role
from app.choices import DepartmentChoice
from app.trust.staff_fields import NewStaff


@dataclass(frozen=True)
class Challenge:
    """The center's nonce a person signs to open a session (app/trust/client.py)."""

    nonce: str


@dataclass(frozen=True)
class SessionOpened:
    token: str
    staff_no: str


@dataclass(frozen=True)
class StaffRow:
    staff_no: str
    name: str
    roles: list[Role]
    role_labels: str  # the roles held, in Chinese, in Role's order
    department: str  # its name; "" for none
    window_no: int | None
    active: bool
    locked_until: datetime | None  # UTC; a past time means no longer locked
    on_initial_key: bool  # has not yet replaced the one-time password a manager gave them (named so:
    # no field of the center's OpenAPI names a password, see test_no_route_of_the_center_takes_a_password)
    has_key: bool


@dataclass(frozen=True)
class WindowChoice:
    """A window a new person may be posted to."""

    number: int
    name: str


@dataclass(frozen=True)
class StaffOverview:
    """The manager's page: every person, and the departments and windows a new one may join."""

    staff: list[StaffRow]
    departments: list[DepartmentChoice]
    windows: list[WindowChoice]


class StaffAdmin(Protocol):
    def overview(self) -> StaffOverview: ...

    def create(self, values: NewStaff) -> str: ...

    def reset(self, staff_no: str, reason: str) -> str: ...

    def unlock(self, staff_no: str, reason: str) -> None: ...
