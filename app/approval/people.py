"""A person as the approval rules see them: roles, department and written authorizations, read
from the store where the check is made (the center's own staff list, or a workstation's copy)."""

from collections.abc import Collection

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.approval import rules
from app.errors import PermissionDenied
from db.models import ChiefAuthorization, Staff, StaffRole

DECIDING_ROLES = ("chief", "reviewer")  # the roles that take review steps


def person_of(s: Session, staff_no: str) -> rules.Person:
    staff = s.scalar(select(Staff).where(Staff.staff_no == staff_no, Staff.active.is_(True)))
    if staff is None:
        raise PermissionDenied(f"“{staff_no}”不是在岗工作人员。")
    letters = s.scalars(select(ChiefAuthorization).where(ChiefAuthorization.chief_id == staff.id))
    return _person(staff, letters)


def people_of(s: Session, department_ids: Collection[str]) -> dict[str, list[rules.Person]]:
    """Department id -> everyone on duty who might take a step of its cases: its own reviewers and
    chiefs, and chiefs holding one of its letters. Two queries, however many cases are looked at."""
    letters = s.scalars(select(ChiefAuthorization).where(ChiefAuthorization.department_id.in_(department_ids))).all()
    holders = {a.chief_id for a in letters}
    staff = s.scalars(
        select(Staff).where(
            Staff.active.is_(True),
            or_(Staff.department_id.in_(department_ids), Staff.id.in_(holders)),
            Staff.id.in_(select(StaffRole.staff_id).where(StaffRole.role.in_(DECIDING_ROLES))),
        )
    ).all()
    by_department: dict[str, list[rules.Person]] = {d: [] for d in department_ids}
    for member in staff:
        own = [a for a in letters if a.chief_id == member.id]
        person = _person(member, own)
        for department_id in {member.department_id} | {a.department_id for a in own}:
            if department_id in by_department:
                by_department[department_id].append(person)
    return by_department


def _person(staff: Staff, letters) -> rules.Person:
    return rules.Person(
        staff.staff_no,
        frozenset(r.role for r in staff.roles),
        staff.department_id,
        tuple(
            rules.Authorization(
                a.document_no,
                a.department_id,
                frozenset(m.id for m in a.matters),
                a.valid_from,
                a.valid_to,
                a.revoked_on,
            )
            for a in letters
        ),
        staff.name,
    )
