"""What the hall's settings answer, the same on both sides of HTTP (see app/web/wire.py), and the
one contract a page holds: the client at a workstation, or the service bound to a person in a
test. The fields a manager sets are app.hall_settings.fields' (they are checked there)."""

from dataclasses import dataclass
from typing import Protocol

from app.hall_settings.fields import CenterFields, DepartmentFields


@dataclass(frozen=True)
class DepartmentSettingsRow:
    id: str
    code: str
    name: str
    fields: DepartmentFields | None  # None until a manager sets them
    defaults: DepartmentFields  # what its notices print meanwhile


@dataclass(frozen=True)
class Overview:
    """The manager's page."""

    center: CenterFields | None  # None until a manager sets it
    departments: list[DepartmentSettingsRow]


class HallSettings(Protocol):
    def center(self) -> CenterFields: ...

    def overview(self) -> Overview: ...

    def update_center(self, new: CenterFields, reason: str) -> None: ...

    def update_department(self, department_id: str, new: DepartmentFields, reason: str) -> None: ...
