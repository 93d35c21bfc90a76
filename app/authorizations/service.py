"""授权书: a department's written authorization of its chief representative, recorded by a manager
at the center with the matters it covers, its validity and a scan of the signed letter. A letter
is never edited; one that ends early is revoked from a day on, with the reason. Expired, revoked
or out-of-scope authority decides nothing (app.approval.rules)."""

import hashlib
from datetime import date

from sqlalchemy import ColumnElement, and_, or_, select

from app.actor import Actor, Role
from app.authorizations.dto import (
    AuthorizationRow,
    AuthorizationStatus,
    DepartmentChoice,
    Holder,
    MatterChoice,
    NewAuthorization,
    Scan,
)
from app.clock import Clock
from app.errors import DomainError, FieldError, NotFound, ValidationFailed
from app.uow import UnitOfWork, found
from db.models import AuthorizationScan, ChiefAuthorization, Department, Matter, MatterVersion, Staff, StaffRole
from db.store import Store

MAX_SCAN = 10 * 1024 * 1024
SCAN_TYPES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def status_on(a: ChiefAuthorization, on: date) -> AuthorizationStatus:
    if a.revoked_on is not None and on >= a.revoked_on:
        return AuthorizationStatus.REVOKED
    if on < a.valid_from:
        return AuthorizationStatus.NOT_YET
    return AuthorizationStatus.EXPIRED if on > a.valid_to else AuthorizationStatus.IN_FORCE


def in_force_on(on: date) -> ColumnElement[bool]:
    """The letters in force on a day, as a query's condition: status_on's IN_FORCE (and
    app.approval.rules.Authorization.valid_on), read by the database."""
    return and_(
        ChiefAuthorization.valid_from <= on,
        ChiefAuthorization.valid_to >= on,
        or_(ChiefAuthorization.revoked_on.is_(None), ChiefAuthorization.revoked_on > on),
    )


def scan_type(data: bytes) -> str | None:
    return next((kind for magic, kind in SCAN_TYPES.items() if data.startswith(magic)), None)


class AuthorizationService:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()

    def letters(self, actor: Actor) -> list[AuthorizationRow]:
        """Every letter for managers; a chief sees their own."""
        actor.require(Role.MANAGER, Role.CHIEF)
        today = self.clock.today()
        with self.store.sessions() as s:
            query = (
                select(ChiefAuthorization, Department.name, Staff.staff_no, Staff.name)
                .join(Department, ChiefAuthorization.department_id == Department.id)
                .join(Staff, ChiefAuthorization.chief_id == Staff.id)
                .order_by(Department.code, ChiefAuthorization.valid_from.desc())
            )
            if not actor.has(Role.MANAGER):
                query = query.where(Staff.staff_no == actor.staff_no)
            return [
                AuthorizationRow(
                    a.id,
                    a.document_no,
                    a.department_id,
                    department,
                    staff_no,
                    name,
                    tuple((m.code, m.name) for m in sorted(a.matters, key=lambda m: m.code)),
                    a.valid_from,
                    a.valid_to,
                    a.revoked_on,
                    a.revoked_reason,
                    status_on(a, today),
                    a.scan_name,
                )
                for a, department, staff_no, name in s.execute(query)
            ]

    def choices(self, actor: Actor) -> list[DepartmentChoice]:
        """What a new letter may name: per department, who may hold one (its chiefs, and the
        comprehensive window staff for 即办件 only) and its matters."""
        actor.require(Role.MANAGER)
        with self.store.sessions() as s:
            people = s.execute(
                select(Staff.department_id, Staff.staff_no, Staff.name, StaffRole.role)
                .join(StaffRole, StaffRole.staff_id == Staff.id)
                .where(StaffRole.role.in_([Role.CHIEF, Role.CLERK]), Staff.active.is_(True))
                .order_by(StaffRole.role, Staff.staff_no)
            ).all()
            matters: dict[str, list[MatterChoice]] = {}
            for department_id, matter_id, code, name, on_the_spot in s.execute(
                select(Matter.department_id, Matter.id, Matter.code, Matter.name, MatterVersion.on_the_spot)
                .join(MatterVersion, Matter.current_version_id == MatterVersion.id)
                .order_by(Matter.code)
            ):
                matters.setdefault(department_id, []).append(MatterChoice(matter_id, code, name, on_the_spot))
            choices = []
            for d in s.scalars(select(Department).order_by(Department.code)):
                own = matters.get(d.id, [])
                holders = []
                for home_department_id, staff_no, name, role in people:
                    if role == Role.CHIEF and home_department_id == d.id:
                        holders.append(Holder(staff_no, name, "首席代表"))
                    elif role == Role.CLERK and any(m.on_the_spot for m in own):
                        holders.append(Holder(staff_no, name, "综合窗口（仅即办件）"))
                if holders:
                    choices.append(DepartmentChoice(d.id, d.code, d.name, tuple(holders), tuple(own)))
        return choices

    def _errors(self, s, new: NewAuthorization) -> tuple[list[FieldError], Staff | None]:
        errors = []
        document_no = new.document_no.strip()
        if not document_no or len(document_no) > 60:
            errors.append(FieldError("document_no", "请填写授权书文号（60 字以内）。"))
        elif s.scalar(select(ChiefAuthorization.id).where(ChiefAuthorization.document_no == document_no)):
            errors.append(FieldError("document_no", f"文号“{document_no}”已登记，授权书不能重复登记。"))
        department = s.get(Department, new.department_id)
        if department is None:
            errors.append(FieldError("department", "请选择授权部门。"))
        holder = s.scalar(select(Staff).where(Staff.staff_no == new.holder_no, Staff.active.is_(True)))
        roles = {r.role for r in holder.roles} if holder else set()
        # Window staff hold letters for 即办件 only: everything else is decided by a chief.
        window_staff = "chief" not in roles and "clerk" in roles
        if holder is None or not ({"chief", "clerk"} & roles):
            errors.append(FieldError("holder", "被授权人须为在岗的首席代表（或仅办理即办件的综合窗口人员）。"))
        elif department is not None and not window_staff and holder.department_id != department.id:
            errors.append(FieldError("holder", f"{holder.name} 不是{department.name}的首席代表。"))
        if not new.matter_ids:
            errors.append(FieldError("matters", "请至少选择一项授权事项。"))
        elif department is not None:
            own = dict(
                s.execute(
                    select(Matter.id, MatterVersion.on_the_spot)
                    .join(MatterVersion, Matter.current_version_id == MatterVersion.id)
                    .where(Matter.department_id == department.id)
                ).all()
            )
            if not set(new.matter_ids) <= set(own):
                errors.append(FieldError("matters", "授权事项须为该部门的事项。"))
            elif window_staff and not all(own[m] for m in new.matter_ids):
                errors.append(FieldError("matters", "综合窗口人员只能被授权办理即办件。"))
        if new.valid_from is None or new.valid_to is None:
            errors.append(FieldError("valid", "请填写有效期的起止日期。"))
        elif new.valid_to < new.valid_from:
            errors.append(FieldError("valid", "有效期的截止日期不能早于起始日期。"))
        if not new.scan:
            errors.append(FieldError("scan", "请附上签字盖章的授权书扫描件（PDF、PNG 或 JPG）。"))
        elif len(new.scan) > MAX_SCAN:
            errors.append(FieldError("scan", f"扫描件不能超过 {MAX_SCAN // 2**20} MB。"))
        elif scan_type(new.scan) is None:
            errors.append(FieldError("scan", "扫描件须为 PDF、PNG 或 JPG 文件。"))
        return errors, holder

    def record(self, actor: Actor, new: NewAuthorization) -> str:
        actor.require(Role.MANAGER)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            errors, holder = self._errors(s, new)
            if errors:
                raise ValidationFailed(errors)
            assert holder and new.valid_from and new.valid_to, "_errors() refuses a letter without them"
            letter = ChiefAuthorization(
                department_id=new.department_id,
                chief_id=holder.id,
                document_no=new.document_no.strip(),
                valid_from=new.valid_from,
                valid_to=new.valid_to,
                scan_name=new.scan_name.strip() or "授权书扫描件",
                scan_sha256=hashlib.sha256(new.scan).hexdigest(),
                matters=list(s.scalars(select(Matter).where(Matter.id.in_(new.matter_ids)))),
            )
            s.add(letter)
            s.flush()
            s.add(
                AuthorizationScan(
                    authorization_id=letter.id,
                    content_type=scan_type(new.scan),
                    data=new.scan,
                    uploaded_by=actor.staff_no,
                )
            )
            uow.record(
                "authorization.recorded",
                "authorization",
                letter.id,
                detail={
                    "document_no": letter.document_no,
                    "holder": holder.staff_no,
                    "matters": len(new.matter_ids),
                    "valid": [new.valid_from.isoformat(), new.valid_to.isoformat()],
                    "scan_sha256": letter.scan_sha256,
                },
            )
            uow.commit()
            return letter.id

    def revoke(self, actor: Actor, authorization_id: str, reason: str, on: date | None = None) -> None:
        """No decision under the letter from `on` (default: today) on."""
        actor.require(Role.MANAGER)
        reason = reason.strip()
        on = on or self.clock.today()
        if not reason:
            raise DomainError("请填写终止授权的原因。")
        with UnitOfWork(self.store, actor, self.clock) as uow:
            letter = found(uow.session, ChiefAuthorization, authorization_id, "没有这份授权书。", lock=True)
            if letter.revoked_on is not None:
                raise DomainError(f"该授权书已于 {letter.revoked_on:%Y-%m-%d} 终止。")
            if on > letter.valid_to:
                raise DomainError("该授权书在此日期前已到期，无需终止。")
            letter.revoked_on, letter.revoked_reason = max(on, letter.valid_from), reason
            uow.record(
                "authorization.revoked",
                "authorization",
                letter.id,
                reason=reason,
                detail={"document_no": letter.document_no, "from": letter.revoked_on.isoformat()},
            )
            uow.commit()

    def scan(self, actor: Actor, authorization_id: str) -> Scan:
        """The letter's scan: file name, content type, bytes."""
        actor.require(Role.MANAGER, Role.CHIEF)
        with self.store.sessions() as s:
            letter = s.get(ChiefAuthorization, authorization_id)
            stored = s.get(AuthorizationScan, authorization_id)
            if letter is None or stored is None:
                raise NotFound("该授权书没有存档的扫描件。")
            return Scan(letter.scan_name, stored.content_type, stored.data)
