"""The settings as a document is drawn: at a workstation from the rows it pulled (so a notice
drawn offline prints them), at the center from its own. Until a manager sets them, a seal
carries its department's name and its kind, and the other names are left out."""

from sqlalchemy.orm import Session

from app.documents.letterhead import Letterhead, Seal
from app.hall_settings.fields import CenterFields, DepartmentFields, SealKind
from db.models import Department, DepartmentSettings, HallSettings

HALL = 1  # the one row of hall_settings
DEFAULT_PURPOSE = {SealKind.ACCEPTANCE: "受理专用章", SealKind.APPROVAL: "审批专用章"}


def center_fields(s: Session) -> CenterFields | None:
    row = s.get(HallSettings, HALL)
    return None if row is None else CenterFields(row.center_name, row.center_address, row.center_phone)


def department_fields(s: Session, department_id: str) -> DepartmentFields | None:
    row = s.get(DepartmentSettings, department_id)
    if row is None:
        return None
    return DepartmentFields(
        row.acceptance_seal,
        row.acceptance_seal_purpose,
        row.approval_seal,
        row.approval_seal_purpose,
        row.reconsideration_body,
        row.court,
    )


def letterhead(s: Session, department: Department, kind: SealKind) -> Letterhead:
    """What a notice of this department prints, with the seal of this kind."""
    center, own = center_fields(s), department_fields(s, department.id)
    if own is None:
        seal = Seal(department.name, DEFAULT_PURPOSE[kind])
    elif kind == SealKind.ACCEPTANCE:
        seal = Seal(own.acceptance_seal, own.acceptance_seal_purpose)
    else:
        seal = Seal(own.approval_seal, own.approval_seal_purpose)
    return Letterhead(
        seal=seal,
        center=center.center_name if center else "",
        center_address=center.center_address if center else "",
        center_phone=center.center_phone if center else "",
        reconsideration_body=own.reconsideration_body if own else "",
        court=own.court if own else "",
    )
