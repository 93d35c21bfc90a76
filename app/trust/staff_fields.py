"""What a manager fills in for a new person, what a person types to change their password, and the
one-time password a manager hands over: the checks (pure: no store, no center), each message
naming its field so a form shows it beside that field."""

import re
import secrets
from dataclasses import dataclass

from app.actor import ROLE_LABELS, Role
from app.errors import FieldError
from app.trust.rules import password_problem

LABELS = {
    "staff_no": "工号",
    "name": "姓名",
    "roles": "岗位",
    "department_id": "所属部门",
    "window_no": "窗口",
    "reason": "原因",
    "old_password": "原密码",
    "new_password": "新密码",
    "again": "再次输入新密码",
}
MAX_NAME = 40  # db.models.Staff.name
MAX_REASON = 500
STAFF_NO = re.compile(r"[A-Z0-9]{2,20}")
# Chiefs and reviewers decide for a department (their letters, their inbox): they need one.
IN_A_DEPARTMENT = (Role.CHIEF, Role.REVIEWER)


@dataclass(frozen=True)
class NewStaff:
    staff_no: str
    name: str
    roles: tuple[Role, ...]
    department_id: str | None = None
    window_no: int | None = None


def cleaned(values: NewStaff) -> NewStaff:
    """Surrounding spaces dropped, each role once. The client cleans before it wraps the new key
    (the number is bound into the wrapping), the center again: the same number either way."""
    return NewStaff(
        values.staff_no.strip(),
        values.name.strip(),
        tuple(dict.fromkeys(values.roles)),
        values.department_id or None,
        values.window_no,
    )


def new_staff_errors(values: NewStaff) -> list[FieldError]:
    """The form's own checks; the center adds those that need its records (a number in use, an
    unknown department or window)."""
    errors = []
    if not values.staff_no:
        errors.append(FieldError("staff_no", "请填写工号。"))
    elif not STAFF_NO.fullmatch(values.staff_no):
        errors.append(FieldError("staff_no", "工号只能由大写字母和数字组成，2 至 20 位，如 C005。"))
    if not values.name:
        errors.append(FieldError("name", "请填写姓名。"))
    elif len(values.name) > MAX_NAME:
        errors.append(FieldError("name", f"姓名不能超过 {MAX_NAME} 个字。"))
    if not values.roles:
        errors.append(FieldError("roles", "请至少选择一个岗位。"))
    needing = [ROLE_LABELS[r] for r in values.roles if r in IN_A_DEPARTMENT]
    if needing and values.department_id is None:
        errors.append(FieldError("department_id", f"{'、'.join(needing)}须选择所属部门。"))
    return errors


def reason_errors(reason: str, what: str) -> list[FieldError]:
    """what: the action the reason is for, as the message names it (重置密码, 解除锁定)."""
    reason = reason.strip()
    if not reason:
        return [FieldError("reason", f"请填写{what}的原因（记入审计日志）。")]
    if len(reason) > MAX_REASON:
        return [FieldError("reason", f"原因不能超过 {MAX_REASON} 个字。")]
    return []


def new_password_errors(old: str, new: str, again: str, staff_no: str) -> list[FieldError]:
    """A person's new password, before anything is wrapped (the center never sees a password, so
    its strength is checked here, on the machine it was typed on)."""
    errors = []
    if not old:
        errors.append(FieldError("old_password", "请输入原密码。"))
    problem = password_problem(new, staff_no)
    if problem:
        errors.append(FieldError("new_password", problem))
    elif new == old:
        errors.append(FieldError("new_password", "新密码不能与原密码相同。"))
    if again != new:
        errors.append(FieldError("again", "两次输入的新密码不一致。"))
    return errors


# Letters and digits nobody misreads when it is read out or copied by hand (no 0/O, 1/l/I).
READABLE = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"


def one_time_password(staff_no: str) -> str:
    """A password a manager hands over once, made on the manager's machine: three groups of four
    (about 69 bits), e.g. "Kp7x-Rm3w-Tz9q"; it meets the strength rule like any other."""
    while True:
        groups = ("".join(secrets.choice(READABLE) for _ in range(4)) for _ in range(3))
        password = "-".join(groups)
        if password_problem(password, staff_no) is None:
            return password
