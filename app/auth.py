"""Who is acting: login with staff number and password, with lock-out after repeated failures,
and the person a center session names.

A login opens the person's signing key (app.trust.keys): a wrong password fails to open it, and
there is no other password check to attack. Failures are written through the unit of work, so
they reach the center (signed by this machine), which locks the account hall-wide."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.errors import DomainError, PermissionDenied
from app.trust.keys import WrongPassword, unwrap
from app.trust.rules import LOCK_MINUTES, MAX_FAILURES
from app.uow import UnitOfWork, now
from db.models import Staff, StaffRole, Window
from db.store import Store

__all__ = ["ASK_MANAGER", "LOCK_MINUTES", "MAX_FAILURES", "LoginFailed", "login", "on_duty"]


# A manager lifts a lock-out at once (app.trust.staff), with a reason that is audited.
ASK_MANAGER = "急需办理的，请大厅管理员在“人员管理”中解除锁定。"


class LoginFailed(DomainError):
    pass


def _gate(staff_no: str, workstation_id: str) -> Actor:
    # Login attempts are audited under the staff number that was typed.
    return Actor(None, staff_no or "(空)", "登录", frozenset(), workstation_id)


def actor_of(staff: Staff, workstation_id: str, **extra) -> Actor:
    return Actor(
        staff.id,
        staff.staff_no,
        staff.name,
        frozenset(Role(r.role) for r in staff.roles),
        workstation_id,
        staff.window.number if staff.window else None,
        **extra,
    )


def login(store: Store, workstation_id: str, staff_no: str, password: str) -> Actor:
    staff_no = staff_no.strip()
    if not staff_no or not password:
        raise LoginFailed("请输入工号和密码。")
    with UnitOfWork(store, _gate(staff_no, workstation_id)) as uow:
        staff = uow.session.scalar(select(Staff).where(Staff.staff_no == staff_no))
        if staff is None or not staff.active:
            uow.record("auth.login_failed", "staff", staff_no, reason="工号不存在或已停用")
            uow.commit()
            raise LoginFailed("工号或密码不正确。")
        at = now()
        if staff.locked_until is not None and staff.locked_until > at:
            minutes = int((staff.locked_until - at).total_seconds() // 60) + 1
            raise LoginFailed(f"密码连续错误次数过多，账号已锁定，请 {minutes} 分钟后再试。{ASK_MANAGER}")
        if not staff.signing_key:
            raise LoginFailed("您的账号还没有电子签名密钥，暂不能登录。请大厅管理员在“人员管理”中为您重置密码。")
        try:
            key = unwrap(staff.signing_key, password, staff.staff_no)
        except WrongPassword:
            staff.failed_logins += 1
            left = MAX_FAILURES - staff.failed_logins
            if left <= 0:
                staff.locked_until = at + timedelta(minutes=LOCK_MINUTES)
                staff.failed_logins = 0
                uow.record("auth.login_failed", "staff", staff.id, reason="密码错误")
                uow.record("auth.locked", "staff", staff.id, reason=f"连续 {MAX_FAILURES} 次密码错误")
                uow.commit()
                raise LoginFailed(
                    f"密码连续错误 {MAX_FAILURES} 次，账号已锁定 {LOCK_MINUTES} 分钟。{ASK_MANAGER}"
                ) from None
            uow.record("auth.login_failed", "staff", staff.id, reason="密码错误")
            uow.commit()
            raise LoginFailed(f"工号或密码不正确，还可尝试 {left} 次。") from None
        staff.failed_logins = 0
        staff.locked_until = None
        actor = actor_of(staff, workstation_id, key=key, must_change_password=staff.must_change_password)
        uow.actor = actor  # the login itself is signed by the person
        uow.record("auth.login", "staff", staff.id)
        uow.commit()
        return actor


def on_duty(session: Session, staff_no: str, workstation_id: str) -> Actor:
    """A person as the center's own staff list has them (roles are never taken from the caller);
    an unknown or deactivated staff number is refused."""
    rows = session.execute(
        select(Staff.id, Staff.name, Window.number, StaffRole.role)
        .outerjoin(StaffRole, StaffRole.staff_id == Staff.id)
        .outerjoin(Window, Staff.window_id == Window.id)
        .where(Staff.staff_no == staff_no, Staff.active.is_(True))
    ).all()
    if not rows:
        raise PermissionDenied(f"“{staff_no}”不是中心登记的在岗工作人员。")
    roles = frozenset(Role(r.role) for r in rows if r.role)
    return Actor(rows[0].id, staff_no, rows[0].name, roles, workstation_id, rows[0].number)
