"""The hall's staff at the center, which owns them: a manager lists them, creates a person, resets
a password or lifts a lock-out; anyone changes their own password. The role is looked up here
from the actor's session, never taken from the caller.

No password reaches the center. The manager's client makes a new person's (or a reset's) key pair
and wraps it under a one-time password it shows the manager once; a person's client re-wraps their
own key under a new password. The center keeps the wrapped key on the staff row (which travels to
every workstation with the staff list) and the public half in StaffKey. A reset revokes the old
keys from that moment: what they signed before stays valid, nothing signed later is accepted.

Each change, its audit row and its reference-log entry are one unit of work."""

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.actor import ROLE_LABELS, Actor, Role
from app.choices import DepartmentChoice
from app.clock import Clock
from app.errors import DomainError, FieldError, NotFound, PermissionDenied, ValidationFailed
from app.trust.dto import StaffOverview, StaffRow, WindowChoice
from app.trust.keys import public_key_problem, wrapped_problem
from app.trust.staff_fields import NewStaff, cleaned, new_staff_errors, reason_errors
from app.uow import UnitOfWork, found
from db.models import Department, LoginFailure, PersonSession, Staff, StaffKey, StaffRole, Window
from db.store import Store


class KeyRefused(DomainError):
    """The wrapped key or public key a client sent is not one the center keeps."""


def _key_errors(wrapped: str, public_key: str | None = None) -> None:
    problem = wrapped_problem(wrapped) or (public_key_problem(public_key) if public_key is not None else None)
    if problem:
        raise KeyRefused(problem)


class StaffService:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()

    def overview(self, actor: Actor) -> StaffOverview:
        """The manager's page: every person, and the departments and windows a new one may join."""
        actor.require(Role.MANAGER)
        with self.store.sessions() as s:
            departments = {d.id: d for d in s.scalars(select(Department).order_by(Department.code))}
            staff = [_row(p, departments) for p in s.scalars(select(Staff).order_by(Staff.staff_no))]
            windows = [WindowChoice(w.number, w.name) for w in s.scalars(select(Window).order_by(Window.number))]
        return StaffOverview(staff, [DepartmentChoice(d.id, d.name) for d in departments.values()], windows)

    def create(self, actor: Actor, values: NewStaff, wrapped: str, public_key: str) -> None:
        """A new person, with the key pair the manager's client made under a one-time password:
        they must change it at first login."""
        actor.require(Role.MANAGER)
        values = cleaned(values)
        errors = new_staff_errors(values)
        _key_errors(wrapped, public_key)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            errors += self._record_errors(s, values, {e.field for e in errors})
            if errors:
                raise ValidationFailed(errors)
            window = s.scalar(select(Window).where(Window.number == values.window_no)) if values.window_no else None
            person = Staff(
                staff_no=values.staff_no,
                name=values.name,
                signing_key=wrapped,
                must_change_password=True,
                department_id=values.department_id,
                window=window,
                roles=[StaffRole(role=r.value) for r in values.roles],
            )
            s.add(person)
            s.flush()
            at = self.clock.utc_now()
            s.add(StaffKey(staff_id=person.id, public_key=public_key, valid_from=at, reason="新增人员"))
            detail = {"staff_no": values.staff_no, "name": values.name, "roles": [r.value for r in values.roles]}
            uow.record("staff.created", "staff", person.id, detail=detail)
            uow.commit()

    def _record_errors(self, s: Session, values: NewStaff, given: set[str]) -> list[FieldError]:
        errors = []
        if "staff_no" not in given:
            holder = s.scalar(select(Staff).where(Staff.staff_no == values.staff_no))
            if holder is not None:
                errors.append(FieldError("staff_no", f"工号 {values.staff_no} 已由{holder.name}使用，请换一个。"))
        if values.department_id is not None and s.get(Department, values.department_id) is None:
            errors.append(FieldError("department_id", "中心没有这个部门，请刷新后重新选择。"))
        if (
            values.window_no is not None
            and s.scalar(select(Window.id).where(Window.number == values.window_no)) is None
        ):
            errors.append(FieldError("window_no", f"中心没有 {values.window_no} 号窗口。"))
        return errors

    def reset(self, actor: Actor, staff_no: str, wrapped: str, public_key: str, reason: str) -> None:
        """A new key pair under a one-time password, for a person who forgot theirs (or whose key
        may be known to someone else). Their keys so far are revoked from now, their sessions at
        the center end, any lock-out is lifted and they must change the password at first login."""
        actor.require(Role.MANAGER)
        errors = reason_errors(reason, "重置密码")
        if errors:
            raise ValidationFailed(errors)
        _key_errors(wrapped, public_key)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            person = self._person(s, staff_no, actor)
            at = self.clock.utc_now()
            revoked = list(
                s.scalars(select(StaffKey).where(StaffKey.staff_id == person.id, StaffKey.revoked_at.is_(None)))
            )
            for key in revoked:
                key.revoked_at, key.reason = at, f"密码重置：{reason.strip()}"
            s.add(StaffKey(staff_id=person.id, public_key=public_key, valid_from=at, reason="管理员重置密码"))
            for session in s.scalars(
                select(PersonSession).where(PersonSession.staff_id == person.id, PersonSession.ended_at.is_(None))
            ):
                session.ended_at, session.end_reason = at, "password_reset"
            person.signing_key, person.must_change_password = wrapped, True
            was_locked = self._unlock(s, person)
            detail = {"staff_no": person.staff_no, "keys_revoked": len(revoked), "was_locked": was_locked}
            uow.record("staff.password_reset", "staff", person.id, reason=reason.strip(), detail=detail)
            uow.commit()

    def unlock(self, actor: Actor, staff_no: str, reason: str) -> None:
        """Lifts a lock-out before it runs out, with the failures that caused it: the next wrong
        password counts from one again, everywhere in the hall once the staff list is pulled."""
        actor.require(Role.MANAGER)
        errors = reason_errors(reason, "解除锁定")
        if errors:
            raise ValidationFailed(errors)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            person = self._person(s, staff_no, actor)
            was_locked = self._unlock(s, person)
            detail = {"staff_no": person.staff_no, "was_locked": was_locked}
            uow.record("staff.unlocked", "staff", person.id, reason=reason.strip(), detail=detail)
            uow.commit()

    def change_own(self, actor: Actor, wrapped: str, public_key: str | None = None) -> None:
        """The person's own key, re-wrapped by their client under their new password (checked there
        for strength and against the old one, which opened the key): the same key, so what it
        signed stays valid. Replacing an initial password, the client makes a key of its own
        instead (public_key): the manager who handed the initial password over may have seen the
        key it opened, so that key is revoked from now and never signs again."""
        _key_errors(wrapped, public_key)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            person = found(uow.session, Staff, actor.staff_id, "中心没有您的人员记录。")
            if public_key is not None:
                if not person.must_change_password:
                    raise KeyRefused("修改密码不更换签名密钥；只有替换管理员给的初始密码时才换用新密钥。")
                now = self.clock.utc_now()
                for old in uow.session.scalars(
                    select(StaffKey).where(StaffKey.staff_id == person.id, StaffKey.revoked_at.is_(None))
                ):
                    old.revoked_at, old.reason = now, "本人替换初始密码，换用自己的密钥"
                uow.session.add(StaffKey(staff_id=person.id, public_key=public_key, valid_from=now, reason="本人设置"))
            person.signing_key, person.must_change_password = wrapped, False
            uow.record("staff.password_changed", "staff", person.id, detail={"staff_no": person.staff_no})
            uow.commit()

    def _person(self, s: Session, staff_no: str, actor: Actor) -> Staff:
        person = s.scalar(select(Staff).where(Staff.staff_no == staff_no.strip()).with_for_update())
        if person is None:
            raise NotFound(f"中心没有工号为 {staff_no} 的人员。")
        if person.id == actor.staff_id:
            raise PermissionDenied("不能为自己重置密码或解除锁定：请用“修改密码”，或请另一位大厅管理员办理。")
        return person

    def _unlock(self, s: Session, person: Staff) -> bool:
        """Clears the lock and the failed logins behind it (at the center they are counted from
        every workstation's pushed failures). Whether the person was locked."""
        was_locked = person.locked_until is not None and person.locked_until > self.clock.utc_now()
        person.locked_until, person.failed_logins = None, 0
        s.execute(delete(LoginFailure).where(LoginFailure.staff_id == person.id))
        return was_locked


def _row(person: Staff, departments: dict[str, Department]) -> StaffRow:
    held = [Role(r.role) for r in person.roles]
    department = departments.get(person.department_id) if person.department_id else None
    return StaffRow(
        staff_no=person.staff_no,
        name=person.name,
        roles=held,
        role_labels="、".join(ROLE_LABELS[r] for r in Role if r in held),
        department=department.name if department else "",
        window_no=person.window.number if person.window else None,
        active=person.active,
        locked_until=person.locked_until,
        on_initial_key=person.must_change_password,
        has_key=bool(person.signing_key),
    )
