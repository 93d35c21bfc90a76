"""A person as the approval rules see them: roles, department and written authorizations, read
from the store where the check is made (the center's own staff list, or a workstation's copy)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.approval import rules
from app.errors import PermissionDenied
from db.models import ChiefAuthorization, Staff


def person_of(s: Session, staff_no: str) -> rules.Person:
    staff = s.scalar(select(Staff).where(Staff.staff_no == staff_no, Staff.active.is_(True)))
    if staff is None:
        raise PermissionDenied(f"“{staff_no}”不是在岗工作人员。")
    letters = s.scalars(select(ChiefAuthorization).where(ChiefAuthorization.chief_id == staff.id))
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
    )
