"""What a manager sets, and the checks on it (pure: no store). Every message names its field, so
the form shows it beside that field."""

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import TypeVar

from app.errors import FieldError
from app.identity import check_phone


class SealKind(StrEnum):
    ACCEPTANCE = "受理"  # notices issued at the window: 受理, 容缺, 告知承诺, 一次性告知, 不予受理
    APPROVAL = "审批"  # notices issued after acceptance: special steps, extension, decisions, 送达回证


@dataclass(frozen=True)
class CenterFields:
    center_name: str
    center_address: str
    center_phone: str


@dataclass(frozen=True)
class DepartmentFields:
    acceptance_seal: str
    acceptance_seal_purpose: str
    approval_seal: str
    approval_seal_purpose: str
    reconsideration_body: str
    court: str


Fields = TypeVar("Fields", CenterFields, DepartmentFields)

LABELS = {
    "center_name": "中心名称",
    "center_address": "中心地址",
    "center_phone": "咨询电话",
    "acceptance_seal": "受理专用章印文",
    "acceptance_seal_purpose": "受理专用章章名",
    "approval_seal": "审批专用章印文",
    "approval_seal_purpose": "审批专用章章名",
    "reconsideration_body": "行政复议机关",
    "court": "行政诉讼法院",
    "reason": "修改原因",
}
# Column sizes (db.models.settings): a longer text would not fit the seal's ring or the form.
MAX_LENGTH = {
    "center_name": 60,
    "center_address": 200,
    "center_phone": 40,
    "acceptance_seal": 30,
    "acceptance_seal_purpose": 12,
    "approval_seal": 30,
    "approval_seal_purpose": 12,
    "reconsideration_body": 60,
    "court": 60,
}
MAX_REASON = 500


def cleaned(values: Fields) -> Fields:
    """Surrounding spaces dropped; a name never starts or ends with one."""
    return type(values)(**{f.name: getattr(values, f.name).strip() for f in fields(values)})


def _length_errors(values: CenterFields | DepartmentFields) -> list[FieldError]:
    errors = []
    for f in fields(values):
        value, label, limit = getattr(values, f.name), LABELS[f.name], MAX_LENGTH[f.name]
        if not value:
            errors.append(FieldError(f.name, f"请填写{label}。"))
        elif len(value) > limit:
            errors.append(FieldError(f.name, f"{label}不能超过 {limit} 个字（现有 {len(value)} 个）。"))
    return errors


def center_errors(values: CenterFields) -> list[FieldError]:
    errors = _length_errors(values)
    if values.center_phone and (problem := check_phone(values.center_phone)):
        errors.append(FieldError("center_phone", f"{problem}。"))
    return errors


def department_errors(values: DepartmentFields) -> list[FieldError]:
    errors = _length_errors(values)
    given = {e.field for e in errors}
    for name in ("acceptance_seal_purpose", "approval_seal_purpose"):
        if name not in given and not getattr(values, name).endswith("章"):
            errors.append(FieldError(name, f"{LABELS[name]}应以“章”结尾，如：受理专用章、审批专用章。"))
    for name in ("acceptance_seal", "approval_seal"):
        if name not in given and any(c.isspace() for c in getattr(values, name)):
            errors.append(FieldError(name, f"{LABELS[name]}不能含空格：印章上的文字是连续的机关名称。"))
    if "court" not in given and not values.court.endswith("法院"):
        errors.append(FieldError("court", "行政诉讼法院应写人民法院的全称，如：某某县人民法院。"))
    return errors


def reason_errors(reason: str) -> list[FieldError]:
    reason = reason.strip()
    if not reason:
        return [FieldError("reason", "请填写修改原因（记入审计日志）。")]
    if len(reason) > MAX_REASON:
        return [FieldError("reason", f"修改原因不能超过 {MAX_REASON} 个字。")]
    return []


def changes(before: CenterFields | DepartmentFields | None, after: CenterFields | DepartmentFields) -> dict:
    """field -> [before, after] for every field that changes (all of them when nothing was set)."""
    return {
        f.name: [getattr(before, f.name) if before else "", getattr(after, f.name)]
        for f in fields(after)
        if before is None or getattr(before, f.name) != getattr(after, f.name)
    }
