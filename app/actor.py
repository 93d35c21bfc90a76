"""Who is acting: the logged-in staff member at this workstation, and the roles they hold."""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from app.errors import PermissionDenied

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


class Role(StrEnum):
    CLERK = "clerk"
    CHIEF = "chief"
    REVIEWER = "reviewer"
    AGENT = "agent"
    MANAGER = "manager"
    SUPERVISOR = "supervisor"  # the center's supervision staff (电子监察): reads everything, writes the ledger


ROLE_LABELS = {
    Role.CLERK: "综合窗口工作人员",
    Role.CHIEF: "首席代表",
    Role.REVIEWER: "审批人员",
    Role.AGENT: "帮办代办员",
    Role.MANAGER: "大厅管理员",
    Role.SUPERVISOR: "监察人员",
}


@dataclass(frozen=True)
class Actor:
    staff_id: str | None  # None for the command line and the system itself
    staff_no: str
    name: str
    roles: frozenset[Role]
    workstation_id: str
    window_no: int | None = None
    # The person's signing key, opened by their password at login and held only in memory: what
    # they write is signed with it. Never compared, printed or stored.
    key: "Ed25519PrivateKey | None" = field(default=None, compare=False, repr=False)
    must_change_password: bool = field(default=False, compare=False)

    def has(self, role: Role) -> bool:
        return role in self.roles

    def require(self, *roles: Role) -> None:
        if not any(role in self.roles for role in roles):
            wanted = "、".join(ROLE_LABELS[r] for r in roles)
            raise PermissionDenied(f"无权操作：此操作仅限{wanted}。")

    @property
    def role_labels(self) -> str:
        return "、".join(ROLE_LABELS[r] for r in Role if r in self.roles)


MACHINE = "system"
SYSTEM_PREFIX = "cli:"  # the staff number the command line (and the center itself) acts under
SYSTEM_LABEL = "系统导入"  # what people read for it where a person's name would stand
IMPORTED = "导入"  # an older catalog version's author, from before imports were attributed


def machine_actor(workstation_id: str) -> Actor:
    """The software acting on its own by law (the 5-day automatic acceptance): its writes are
    signed with the machine's key and the record says so."""
    return Actor(None, MACHINE, "系统（依法自动处理）", frozenset(), workstation_id)


def system_actor(workstation_id: str, who: str) -> Actor:
    """The command line acts as the manager of its own machine; the audit log names the OS user."""
    return Actor(None, f"{SYSTEM_PREFIX}{who}", f"命令行（{who}）", frozenset({Role.MANAGER}), workstation_id)


def is_system(staff_no: str) -> bool:
    return staff_no.startswith(SYSTEM_PREFIX) or staff_no == IMPORTED


def person_label(staff_no: str, name: str) -> str:
    """Who did something, as people read it: "王建国（M001）"; the command line by the name it
    recorded ("命令行（root）"), never by its code."""
    if is_system(staff_no):
        return name or SYSTEM_LABEL
    return f"{name}（{staff_no}）" if name else staff_no
