"""Mapping between stored guide versions and plain Guide data; the one place versions are written."""

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.catalog.guide import Guide, GuideVersionInfo, MaterialSpec, MatterGuide, SpecialStepSpec, errors_to_json
from app.catalog.pinyin import search_keys
from db.models import Department, MaterialRequirement, Matter, MatterVersion, SpecialStepDef


def guide_of(v: MatterVersion) -> Guide:
    return Guide(
        code=v.matter.code,
        name=v.name,
        department=v.department_code,
        type=v.matter_type,
        legal_basis=v.legal_basis,
        conditions=v.conditions,
        fees=v.fees,
        statutory_limit_days=v.statutory_limit_days,
        promised_limit_days=v.promised_limit_days,
        review_mode=v.review_mode,
        on_the_spot=v.on_the_spot,
        commitment_eligible=v.commitment_eligible,
        in_hall=v.in_hall,
        negative_list_approval=v.negative_list_approval,
        handling_place=v.handling_place,
        contact_phone=v.contact_phone,
        materials=tuple(
            MaterialSpec(
                name=m.name,
                form=m.form,
                copies=m.copies,
                required=m.required,
                condition=m.condition,
                format_rules=m.format_rules,
                sample_text=m.sample_text,
                common_errors=tuple(json.loads(m.common_errors)),
                tolerance_eligible=m.tolerance_eligible,
                shared_key=m.shared_key,
            )
            for m in v.materials
        ),
        special_steps=tuple(SpecialStepSpec(s.kind, s.legal_basis, s.limit_days) for s in v.special_steps),
    )


def version_info(v: MatterVersion) -> GuideVersionInfo:
    return GuideVersionInfo(v.id, v.version_no, v.created_at, v.created_by, v.change_reason)


def matter_guide(v: MatterVersion) -> MatterGuide:
    return MatterGuide(v.matter_id, guide_of(v), v.matter.department.name, version_info(v))


def department_ids(session: Session) -> dict[str, str]:
    return {code: did for code, did in session.execute(select(Department.code, Department.id))}


def write_version(session: Session, guide: Guide, by: str, reason: str) -> tuple[Matter, MatterVersion | None]:
    """Make `guide` the matter's current guide. Returns the new version, or None when nothing changed."""
    matter = session.scalar(select(Matter).where(Matter.code == guide.code))
    dept_id = department_ids(session)[guide.department]
    if matter is None:
        matter = Matter(code=guide.code, department_id=dept_id, name=guide.name, pinyin="", initials="")
        session.add(matter)
        session.flush()
        next_no = 1
    else:
        current = session.get(MatterVersion, matter.current_version_id) if matter.current_version_id else None
        if current is not None and guide_of(current) == guide:
            return matter, None
        next_no = (current.version_no if current else 0) + 1
        matter.row_version += 1
    version = MatterVersion(
        matter_id=matter.id,
        version_no=next_no,
        created_by=by,
        change_reason=reason,
        name=guide.name,
        department_code=guide.department,
        matter_type=guide.type,
        legal_basis=guide.legal_basis,
        conditions=guide.conditions,
        fees=guide.fees,
        statutory_limit_days=guide.statutory_limit_days,
        promised_limit_days=guide.promised_limit_days,
        review_mode=guide.review_mode,
        on_the_spot=guide.on_the_spot,
        commitment_eligible=guide.commitment_eligible,
        in_hall=guide.in_hall,
        negative_list_approval=guide.negative_list_approval,
        handling_place=guide.handling_place,
        contact_phone=guide.contact_phone,
        materials=[
            MaterialRequirement(
                seq=i,
                name=m.name,
                form=m.form,
                copies=m.copies,
                required=m.required,
                condition=m.condition,
                format_rules=m.format_rules,
                sample_text=m.sample_text,
                common_errors=errors_to_json(m.common_errors),
                tolerance_eligible=m.tolerance_eligible,
                shared_key=m.shared_key,
            )
            for i, m in enumerate(guide.materials, 1)
        ],
        special_steps=[
            SpecialStepDef(seq=i, kind=s.kind, legal_basis=s.legal_basis, limit_days=s.limit_days)
            for i, s in enumerate(guide.special_steps, 1)
        ],
    )
    session.add(version)
    session.flush()
    if matter.name != guide.name or not matter.pinyin:
        matter.pinyin, matter.initials = search_keys(guide.name)
    matter.name = guide.name
    matter.department_id = dept_id
    matter.current_version_id = version.id
    return matter, version
