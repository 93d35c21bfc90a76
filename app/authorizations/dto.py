"""What 授权书 management answers and takes, the same on both sides of HTTP (see
app/web/wire.py), and the contract a page holds (the client at a workstation)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from pydantic import Base64Bytes


class AuthorizationStatus(StrEnum):
    """Where a letter stands on a day (app.authorizations.service.status_on)."""

    IN_FORCE = "有效"
    NOT_YET = "未生效"
    EXPIRED = "已过期"
    REVOKED = "已终止"

    @property
    def revocable(self) -> bool:
        """A letter still to end early: one in force or not yet in force."""
        return self in (AuthorizationStatus.IN_FORCE, AuthorizationStatus.NOT_YET)


@dataclass(frozen=True)
class NewAuthorization:
    document_no: str
    department_id: str
    holder_no: str  # the chief's staff number
    matter_ids: tuple[str, ...]
    valid_from: date | None
    valid_to: date | None
    scan_name: str
    scan: Base64Bytes


@dataclass(frozen=True)
class AuthorizationRow:
    id: str
    document_no: str
    department_id: str
    department: str
    holder_no: str
    holder: str
    matters: tuple[tuple[str, str], ...]  # (code, name)
    valid_from: date
    valid_to: date
    revoked_on: date | None
    revoked_reason: str
    status: AuthorizationStatus
    scan_name: str


@dataclass(frozen=True)
class Holder:
    """Who may hold a department's letter."""

    staff_no: str
    name: str
    post: str  # 首席代表, or 综合窗口（仅即办件）


@dataclass(frozen=True)
class MatterChoice:
    id: str
    code: str
    name: str
    on_the_spot: bool  # 即办件


@dataclass(frozen=True)
class DepartmentChoice:
    """A department a new letter may be for: who may hold it and the matters it may name."""

    id: str
    code: str
    name: str
    holders: tuple[Holder, ...]
    matters: tuple[MatterChoice, ...]


@dataclass(frozen=True)
class Scan:
    """A letter's scan as filed."""

    scan_name: str
    content_type: str
    data: Base64Bytes


class Authorizations(Protocol):
    def letters(self) -> list[AuthorizationRow]: ...

    def choices(self) -> list[DepartmentChoice]: ...

    def record(self, new: NewAuthorization) -> str: ...

    def revoke(self, authorization_id: str, reason: str) -> None: ...

    def scan(self, authorization_id: str) -> Scan: ...
