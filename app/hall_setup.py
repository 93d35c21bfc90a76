"""Loading the hall's set-up (queue categories, windows, staff, authorization letters, the agent pool,
the names its documents print).

A letter's validity is given in days from the day the hall is set up (valid_from_days,
valid_to_days) and its number may carry that day's {year}: the demo set up in any year has
letters in force, and tests set it up on a fixed day their fixed clocks fall within."""

from datetime import date, timedelta

from sqlalchemy import select

from app.actor import Actor, Role
from app.hall_settings.read import HALL
from app.trust.keys import HALL_COST, Wrapper
from app.uow import UnitOfWork, now
from db.models import (
    AgentProfile,
    AgentSkill,
    ChiefAuthorization,
    Department,
    DepartmentSettings,
    HallSettings,
    Matter,
    MatterVersion,
    QueueCategory,
    Staff,
    StaffKey,
    StaffRole,
    Window,
)
from db.store import Store


def validity(spec: dict, on: date) -> tuple[date, date]:
    """A letter's first and last day, from its offsets in days from `on`, the day of set-up."""
    return on + timedelta(days=spec["valid_from_days"]), on + timedelta(days=spec["valid_to_days"])


def load_hall(
    store: Store,
    actor: Actor,
    doc: dict,
    password: str,
    on: date,
    *,
    must_change: bool = True,
    key_cost: tuple[int, int, int] = HALL_COST,
) -> None:
    """must_change: everyone set up here changes the initial password at first login (the demo keeps
    its published password). key_cost: the Argon2id cost their keys are wrapped at (app.trust.keys)."""
    """on: the day the hall is set up, which the letters' validity counts from."""
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
        staff, keys = {}, {}
        wrapper = Wrapper(password, key_cost)  # everyone set up here starts with the same password
        for p in doc["staff"]:
            keys[p["staff_no"]] = wrapper.new_key(p["staff_no"])
            staff[p["staff_no"]] = Staff(
                staff_no=p["staff_no"],
                name=p["name"],
                signing_key=keys[p["staff_no"]].wrapped,
                must_change_password=must_change,
                department_id=departments[p["department"]].id if p["department"] else None,
                window=windows.get(p["window"]),
                hall_posted=True,
                qualifications=p.get("qualifications", ""),
                roles=[StaffRole(role=Role(r).value) for r in p["roles"]],
            )
        s.add_all(staff.values())
        s.flush()
        set_up_at = now()
        s.add_all(
            StaffKey(staff_id=staff[no].id, public_key=key.public_key, valid_from=set_up_at, reason="大厅初始设置")
            for no, key in keys.items()
        )
        for a in doc["authorizations"]:
            dept = departments[a["department"]]
            query = select(Matter).where(Matter.department_id == dept.id)
            if a["matters"] != "ALL":
                query = query.where(Matter.code.in_(a["matters"]))
            valid_from, valid_to = validity(a, on)
            s.add(
                ChiefAuthorization(
                    department_id=dept.id,
                    chief_id=staff[a["chief"]].id,
                    document_no=a["document_no"].format(year=on.year),
                    valid_from=valid_from,
                    valid_to=valid_to,
                    matters=list(s.scalars(query)),
                )
            )
        window_letters = _window_letters(s, doc.get("window_authorizations"), departments, staff, on)
        letters = len(doc["authorizations"]) + window_letters
        _agent_pool(s, doc.get("agents", []), departments, staff)
        _settings(s, doc["settings"], departments)
        uow.record(
            "hall.setup_loaded",
            "hall",
            "demo",
            detail={"windows": len(windows), "staff": len(staff), "authorizations": letters, "on": on.isoformat()},
        )
        uow.commit()


def _window_letters(s, spec: dict | None, departments: dict[str, Department], staff: dict[str, Staff], on: date) -> int:
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
    valid_from, valid_to = validity(spec, on)
    for code, dept in sorted(departments.items()):
        matters = [m for department_id, m in spot if department_id == dept.id]
        if not matters:
            continue
        for holder in spec["holders"]:
            s.add(
                ChiefAuthorization(
                    department_id=dept.id,
                    chief_id=staff[holder].id,
                    document_no=spec["document_no"].format(
                        department=dept.short_name or code, holder=holder, year=on.year
                    ),
                    valid_from=valid_from,
                    valid_to=valid_to,
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


def _settings(s, spec: dict, departments: dict[str, Department]) -> None:
    """The names the hall's documents print: the center's, and each department's seals, reconsideration
    body and court (what every department shares is given once, under every_department)."""
    s.add(HallSettings(id=HALL, **spec["center"]))
    for d in spec["departments"]:
        names = {**spec.get("every_department", {}), **{k: v for k, v in d.items() if k != "department"}}
        s.add(DepartmentSettings(department_id=departments[d["department"]].id, **names))
