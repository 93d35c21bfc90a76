"""Loading the hall's set-up (queue categories, windows, staff, authorization letters, the agent pool)."""

from datetime import date

from sqlalchemy import select

from app.actor import Actor, Role
from app.auth import hash_password
from app.uow import UnitOfWork
from db.models import (
    AgentProfile,
    AgentSkill,
    ChiefAuthorization,
    Department,
    Matter,
    MatterVersion,
    QueueCategory,
    Staff,
    StaffRole,
    Window,
)
from db.store import Store


def load_hall(store: Store, actor: Actor, doc: dict, password: str) -> None:
    actor.require(Role.MANAGER)
    with UnitOfWork(store, actor) as uow:
        s = uow.session
        # A category may set its tidal thresholds and usual service time; the rest keep the defaults.
        tunable = ("open_waiting", "open_wait_min", "close_waiting", "close_after_min", "min_open_min", "service_min")
        categories = {
            c["code"]: QueueCategory(code=c["code"], name=c["name"], **{k: c[k] for k in tunable if k in c})
            for c in doc["categories"]
        }
        s.add_all(categories.values())
        windows = {}
        for w in doc["windows"]:
            windows[w["number"]] = Window(
                number=w["number"],
                name=w["name"],
                kind=w["kind"],
                tidal_standby=w.get("tidal_standby", False),
                categories=[categories[c] for c in w["categories"]],
            )
        s.add_all(windows.values())
        departments = {d.code: d for d in s.scalars(select(Department))}
        staff = {}
        hashed = hash_password(password)
        for p in doc["staff"]:
            staff[p["staff_no"]] = Staff(
                staff_no=p["staff_no"],
                name=p["name"],
                password_hash=hashed,
                department_id=departments[p["department"]].id if p["department"] else None,
                window=windows.get(p["window"]),
                hall_posted=True,
                qualifications=p.get("qualifications", ""),
                roles=[StaffRole(role=Role(r).value) for r in p["roles"]],
            )
        s.add_all(staff.values())
        s.flush()
        for a in doc["authorizations"]:
            dept = departments[a["department"]]
            query = select(Matter).where(Matter.department_id == dept.id)
            if a["matters"] != "ALL":
                query = query.where(Matter.code.in_(a["matters"]))
            s.add(
                ChiefAuthorization(
                    department_id=dept.id,
                    chief_id=staff[a["chief"]].id,
                    document_no=a["document_no"],
                    valid_from=date.fromisoformat(a["valid_from"]),
                    valid_to=date.fromisoformat(a["valid_to"]),
                    matters=list(s.scalars(query)),
                )
            )
        letters = len(doc["authorizations"]) + _window_letters(s, doc.get("window_authorizations"), departments, staff)
        _agent_pool(s, doc.get("agents", []), departments, staff)
        uow.record(
            "hall.setup_loaded",
            "hall",
            "demo",
            detail={"windows": len(windows), "staff": len(staff), "authorizations": letters},
        )
        uow.commit()


def _window_letters(s, spec: dict | None, departments: dict[str, Department], staff: dict[str, Staff]) -> int:
    """Each department authorizes the comprehensive window staff to decide its 即办件 at acceptance:
    one letter per department and person, covering the department's on-the-spot matters."""
    if not spec:
        return 0
    spot = s.execute(
        select(Matter.department_id, Matter)
        .join(MatterVersion, Matter.current_version_id == MatterVersion.id)
        .where(MatterVersion.on_the_spot.is_(True))
    ).all()
    count = 0
    for code, dept in sorted(departments.items()):
        matters = [m for department_id, m in spot if department_id == dept.id]
        if not matters:
            continue
        for holder in spec["holders"]:
            s.add(
                ChiefAuthorization(
                    department_id=dept.id,
                    chief_id=staff[holder].id,
                    document_no=spec["document_no"].format(department=dept.short_name or code, holder=holder),
                    valid_from=date.fromisoformat(spec["valid_from"]),
                    valid_to=date.fromisoformat(spec["valid_to"]),
                    matters=matters,
                )
            )
            count += 1
    return count


def _agent_pool(s, agents: list[dict], departments: dict[str, Department], staff: dict[str, Staff]) -> None:
    """The 辅导帮办专家人才库: each agent's capacity and the departments (or single matters) they know."""
    matters = dict(s.execute(select(Matter.code, Matter.id)).all())
    for a in agents:
        holder = staff[a["staff_no"]]
        s.add(AgentProfile(staff_id=holder.id, max_load=a.get("max_load", 5), note=a.get("note", "")))
        for skill in a["skills"]:
            department = departments[skill["department"]].id
            for code in skill.get("matters") or [None]:
                s.add(
                    AgentSkill(
                        staff_id=holder.id,
                        department_id=department,
                        matter_id=matters[code] if code else None,
                        level=skill.get("level", 1),
                    )
                )
