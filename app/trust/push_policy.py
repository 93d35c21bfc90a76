"""Who may push what (app.sync.push_policy), once the center has verified who signed it
(app.trust.push): the person a mutation names is on duty at the center and holds the role for the
tables it writes, looked up here rather than taken from the workstation; it puts nobody else's name
on what it records.

Failed logins pushed by workstations are counted here too, so five failures anywhere in the hall
lock the account everywhere (the lock travels back with the staff list)."""

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Role
from app.replication import CATALOG_TABLES, PUSHED_TABLES, WORKSTATION_TABLES
from app.sync.push_policy import Pushed, PushPolicy, Refusal, refused_each
from app.trust.push import MACHINE, stamped_at
from app.trust.rules import locked
from db.models import Base, LoginFailure, Staff

# The columns in which a workstation's rows name the person who did something. A new row must name
# the person who signed the mutation; an existing row keeps the person it names.
PERSON_COLUMNS = {
    "applications": "clerk_no",
    "notices": "staff_no",
    "notice_prints": "staff_no",
    "walk_ins": "staff_no",
    "review_steps": "staff_no",
}


class TrustRefusal(StrEnum):
    SOMEONE_ELSES_NAME = "someone_elses_name"
    NOT_ON_DUTY = "not_on_duty"
    CENTER_ONLY_DATA = "center_only_data"
    NOT_A_MANAGER = "not_a_manager"
    NOT_A_CLERK = "not_a_clerk"


def named_people(s: Session, pending: Sequence[Pushed]) -> dict[tuple[str, str], str]:
    """(table, row id) -> the person the center's copy names, for the rows of the batch it holds
    already: one query per table, however large the batch."""
    wanted: dict[str, set[str]] = {}
    for m in pending:
        for row in m.rows:
            if row["t"] in PERSON_COLUMNS and "id" in row["v"]:
                wanted.setdefault(row["t"], set()).add(row["v"]["id"])
    held = {}
    for name, ids in wanted.items():
        table = Base.metadata.tables[name]
        column = table.c[PERSON_COLUMNS[name]]
        for row_id, person in s.execute(select(table.c.id, column).where(table.c.id.in_(ids))):
            held[(name, row_id)] = person
    return held


def claims_refusal(m: Pushed, held: dict[tuple[str, str], str]) -> Refusal | None:
    """A signed mutation may not put anyone else's name on what it records."""
    for row in m.rows:
        column = PERSON_COLUMNS.get(row["t"])
        if column is None or row["op"] != "upsert":
            continue
        named = row["v"].get(column)
        expected = held.get((row["t"], row["v"].get("id")), m.by)
        if named != expected:
            why = f"变更记录的办理人“{named}”与签名人“{m.by}”不符，中心不予接收。"
            return Refusal(TrustRefusal.SOMEONE_ELSES_NAME, why)
    return None


def roles_of(s: Session, staff_nos: set[str]) -> dict[str, tuple[str, set[str]]]:
    """staff number -> (name, roles) of the active staff among them, looked up at the center."""
    return {
        staff.staff_no: (staff.name, {r.role for r in staff.roles})
        for staff in s.scalars(select(Staff).where(Staff.staff_no.in_(staff_nos), Staff.active.is_(True)))
    }


def authority_refusal(m: Pushed, roles: dict[str, tuple[str, set[str]]]) -> Refusal | None:
    """The center re-checks who did it: the role is looked up here, not taken from the workstation."""
    if not m.rows:
        return None
    by = m.by
    if by not in roles:
        return Refusal(TrustRefusal.NOT_ON_DUTY, f"操作人“{by}”不是中心登记的在岗工作人员，变更被拒绝。")
    name, held = roles[by]
    tables = {row["t"] for row in m.rows}
    if tables - PUSHED_TABLES:  # staff, letters, the hall's settings: written at the center only
        why = "工作站提交了只能在中心维护的数据（人员、授权书或大厅设置等），变更被拒绝。"
        return Refusal(TrustRefusal.CENTER_ONLY_DATA, why)
    if tables & CATALOG_TABLES and Role.MANAGER not in held:
        return Refusal(TrustRefusal.NOT_A_MANAGER, f"{name}（{by}）无权修改事项目录（仅限大厅管理员），变更被拒绝。")
    if tables & WORKSTATION_TABLES and Role.CLERK not in held and Role.MANAGER not in held:
        return Refusal(TrustRefusal.NOT_A_CLERK, f"{name}（{by}）不是综合窗口工作人员，不能受理申请，变更被拒绝。")
    return None


def record_login_failures(s: Session, workstation_id: str, payload: dict, at: datetime) -> None:
    """A workstation's failed logins count at the center: five within fifteen minutes anywhere in
    the hall lock the account at the center, and the lock travels to every workstation."""
    failed = [a for a in payload.get("actions", []) if a.get("action") == "auth.login_failed"]
    if not failed:
        return
    for action in failed:
        staff = s.get(Staff, action.get("id")) or s.scalar(select(Staff).where(Staff.staff_no == action.get("id")))
        if staff is None:
            continue
        when = stamped_at(action) or at
        s.add(LoginFailure(staff_id=staff.id, at=when, workstation_id=workstation_id))
        s.flush()
        failures = list(s.scalars(select(LoginFailure.at).where(LoginFailure.staff_id == staff.id)))
        until = locked(failures, at)
        if until is not None and (staff.locked_until is None or staff.locked_until < until):
            staff.locked_until = until


class TrustPushPolicy(PushPolicy):
    def refuse(self, s: Session, pending: Sequence[Pushed]) -> dict[int, Refusal]:
        held = named_people(s, pending)
        roles = roles_of(s, {m.by for m in pending})
        # A machine's own signature covers only what no person does (app.trust.push): no role to check.
        return refused_each(
            pending,
            lambda m: claims_refusal(m, held) or (None if m.signer == MACHINE else authority_refusal(m, roles)),
        )

    def after_apply(self, s: Session, mutation: Pushed, at: datetime) -> None:
        record_login_failures(s, mutation.workstation_id, mutation.payload, at)
