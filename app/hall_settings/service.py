"""A manager keeps the hall's settings at the center (which owns them): every field is checked,
a change needs a reason, and the change, its audit row (with each field before and after) and
its entry in the reference log that workstations pull are written in one unit of work."""

from collections.abc import Callable
from dataclasses import asdict

from sqlalchemy import select

from app.actor import Actor, Role
from app.errors import DomainError, FieldError, ValidationFailed
from app.hall_settings.dto import DepartmentSettingsRow, Overview
from app.hall_settings.fields import (
    CenterFields,
    DepartmentFields,
    Fields,
    SealKind,
    center_errors,
    changes,
    cleaned,
    department_errors,
    reason_errors,
)
from app.hall_settings.read import DEFAULT_PURPOSE, HALL, center_fields, department_fields
from app.uow import UnitOfWork, found
from db.models import Department, DepartmentSettings, HallSettings
from db.store import Store


class NothingChanged(DomainError):
    pass


class HallSettingsService:
    def __init__(self, store: Store):
        self.store = store

    def center(self) -> CenterFields:
        """The center's name, address and phone, as any enrolled device may show them (kiosk, board);
        empty strings until a manager sets them."""
        with self.store.sessions() as s:
            found = center_fields(s)
        return found or CenterFields("", "", "")

    def overview(self, actor: Actor) -> Overview:
        """The manager's page; a department not set yet shows what its notices print meanwhile."""
        actor.require(Role.MANAGER)
        with self.store.sessions() as s:
            center = center_fields(s)
            departments = [
                DepartmentSettingsRow(d.id, d.code, d.name, department_fields(s, d.id), unset_department(d))
                for d in s.scalars(select(Department).order_by(Department.code))
            ]
        return Overview(center, departments)

    def update_center(self, actor: Actor, new: CenterFields, reason: str) -> None:
        new = _checked(actor, new, center_errors, reason)
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            before = center_fields(s)
            changed = _changed(before, new)
            s.add(_filled(s.get(HallSettings, HALL, with_for_update=True) or HallSettings(id=HALL), new))
            uow.record("hall.settings_changed", "hall", str(HALL), reason=reason.strip(), detail={"changed": changed})
            uow.commit()

    def update_department(self, actor: Actor, department_id: str, new: DepartmentFields, reason: str) -> None:
        new = _checked(actor, new, department_errors, reason)
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            department = found(s, Department, department_id, "没有这个部门。")
            changed = _changed(department_fields(s, department_id), new)
            row = s.get(DepartmentSettings, department_id, with_for_update=True)
            s.add(_filled(row or DepartmentSettings(department_id=department_id), new))
            uow.record(
                "department.settings_changed",
                "department",
                department_id,
                reason=reason.strip(),
                detail={"department": department.code, "changed": changed},
            )
            uow.commit()


def unset_department(d: Department) -> DepartmentFields:
    """What a department's notices print before its settings are made: its name on both seals."""
    return DepartmentFields(
        d.name, DEFAULT_PURPOSE[SealKind.ACCEPTANCE], d.name, DEFAULT_PURPOSE[SealKind.APPROVAL], "", ""
    )


def _checked(actor: Actor, new: Fields, errors_of: Callable[[Fields], list[FieldError]], reason: str) -> Fields:
    """new without surrounding spaces, once the actor is a manager and every field and the reason pass."""
    actor.require(Role.MANAGER)
    new = cleaned(new)
    errors = errors_of(new) + reason_errors(reason)
    if errors:
        raise ValidationFailed(errors)
    return new


def _filled(
    row: HallSettings | DepartmentSettings, new: CenterFields | DepartmentFields
) -> HallSettings | DepartmentSettings:
    """row with each of new's fields set."""
    for name, value in asdict(new).items():
        setattr(row, name, value)
    return row


def _changed(before, after) -> dict:
    changed = changes(before, after)
    if not changed:
        raise NothingChanged("没有修改任何内容。")
    return changed
