"""Mapping between stored guide versions and plain Guide data; the one place versions are written."""

import json
from dataclasses import fields
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from app.actor import SYSTEM_LABEL, is_system, person_label
from app.catalog.guide import Guide, GuideVersionInfo, MaterialSpec, MatterGuide, SpecialStepSpec, errors_to_json
from app.catalog.pinyin import search_keys
from db.models import Department, MaterialRequirement, Matter, MatterVersion, SpecialStepDef, Staff

# Guide field -> MatterVersion column, where the names differ; all other scalar fields share their name.
_RENAMED = {"department": "department_code", "type": "matter_type"}
_SCALARS = [f.name for f in fields(Guide) if f.name not in ("code", "materials", "special_steps")]
_MATERIAL = [f.name for f in fields(MaterialSpec) if f.name != "common_errors"]
_STEP = [f.name for f in fields(SpecialStepSpec)]


def guide_of(v: MatterVersion) -> Guide:
    return Guide(
        code=v.matter.code,
        **{name: getattr(v, _RENAMED.get(name, name)) for name in _SCALARS},
        materials=tuple(
            MaterialSpec(**{n: getattr(m, n) for n in _MATERIAL}, common_errors=tuple(json.loads(m.common_errors)))
            for m in v.materials
        ),
        special_steps=tuple(SpecialStepSpec(**{n: getattr(s, n) for n in _STEP}) for s in v.special_steps),
    )


def version_info(v: MatterVersion) -> GuideVersionInfo:
    return GuideVersionInfo(v.id, v.version_no, v.created_at, v.created_by, v.change_reason, _publisher(v))


def _publisher(v: MatterVersion) -> str:
    """The person who published the version, by name where this store knows them; an import from
    the command line reads 系统导入, never its code."""
    if is_system(v.created_by):
        return SYSTEM_LABEL
    session = object_session(v)
    assert session is not None, "a version is described while its session is open"
    name = session.scalar(select(Staff.name).where(Staff.staff_no == v.created_by))
    return person_label(v.created_by, name or "")


def matter_guide(v: MatterVersion) -> MatterGuide:
    return MatterGuide(v.matter_id, guide_of(v), v.matter.department.name, version_info(v))


def department_ids(session: Session) -> dict[str, str]:
    return {code: did for code, did in session.execute(select(Department.code, Department.id))}


def write_version(
    session: Session, guide: Guide, by: str, reason: str, at: datetime
) -> tuple[Matter, MatterVersion | None]:
    """Make `guide` the matter's current guide, published at `at` (UTC, the unit of work's time).
    Returns the new version, or None when nothing changed."""
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
        created_at=at,
        created_by=by,
        change_reason=reason,
        **{_RENAMED.get(name, name): getattr(guide, name) for name in _SCALARS},
        materials=[
            MaterialRequirement(
                seq=i, **{n: getattr(m, n) for n in _MATERIAL}, common_errors=errors_to_json(m.common_errors)
            )
            for i, m in enumerate(guide.materials, 1)
        ],
        special_steps=[
            SpecialStepDef(seq=i, **{n: getattr(st, n) for n in _STEP}) for i, st in enumerate(guide.special_steps, 1)
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
