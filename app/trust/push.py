"""What the center checks of each pushed mutation before anything else: that it is signed by the
person it names, with a key of theirs that was not revoked when the mutation was made, or by the
pushing workstation's own key for the few things no person does. A workstation's credential and
a copied store file do not sign: whoever lacks the person's password cannot act as them.

Failed logins pushed by workstations are counted here too, so five failures anywhere in the hall
lock the account everywhere (the lock travels back with the staff list)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.trust.rules import locked
from app.trust.signed import mutation_message, verify
from app.uow import MACHINE_SIGNER, PERSON_SIGNER
from db.models import Application, LoginFailure, Staff, StaffKey, Workstation

MACHINE = "本机"  # how the center names a workstation's own signature in its records
# What a workstation may change without a person (by law, on its own), and the tables it touches.
# A machine-signed mutation without rows only reports what happened at the machine (its set-up,
# enrollment, a failed login) and is recorded as such.
MACHINE_CHANGES = {"application.auto_accepted": frozenset({"applications", "cases", "notices"})}
AWAITING_SLIP = "待告知"


@dataclass(frozen=True)
class Signed:
    by: str  # the verified signer (a staff number, or MACHINE); "" when refused
    refusal: str | None


def _made_at(payload: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(str(payload["at"]))
    except (KeyError, ValueError):
        return None


def _keys(s: Session, staff_nos: set[str]) -> dict[str, list[tuple[str, datetime, datetime | None]]]:
    keys: dict[str, list[tuple[str, datetime, datetime | None]]] = {}
    for staff_no, public_key, valid_from, revoked_at in s.execute(
        select(Staff.staff_no, StaffKey.public_key, StaffKey.valid_from, StaffKey.revoked_at)
        .join(StaffKey, StaffKey.staff_id == Staff.id)
        .where(Staff.staff_no.in_(staff_nos))
    ):
        keys.setdefault(staff_no, []).append((public_key, valid_from, revoked_at))
    return keys


def check_signatures(s: Session, ws: Workstation, fresh: list[dict]) -> dict[int, Signed]:
    """fresh: {"id", "text" (as pushed), "payload" (parsed), "signature"} of a workstation's batch."""
    people = {str(m["payload"].get("by", "")) for m in fresh if m["payload"].get("signer") == PERSON_SIGNER}
    keys = _keys(s, people)
    verdicts = {}
    for m in fresh:
        payload, signature = m["payload"], m.get("signature") or ""
        message = mutation_message(ws.id, m["id"], m["text"])
        signer, made_at = payload.get("signer"), _made_at(payload)
        if not signature or made_at is None:
            verdicts[m["id"]] = Signed("", "变更没有电子签名，中心不予接收。")
        elif signer == MACHINE_SIGNER:
            if not ws.public_key or not verify(ws.public_key, message, signature):
                verdicts[m["id"]] = Signed("", "工作站签名无效（内容被改动或不是该工作站所签），中心不予接收。")
            else:
                verdicts[m["id"]] = Signed(MACHINE, _machine_refusal(s, payload))
        elif signer == PERSON_SIGNER:
            verdicts[m["id"]] = _person(keys.get(str(payload.get("by", "")), []), message, signature, made_at, payload)
        else:
            verdicts[m["id"]] = Signed("", "变更的签名人类型无法识别，中心不予接收。")
    return verdicts


def _person(keys, message: bytes, signature: str, made_at: datetime, payload: dict) -> Signed:
    by = str(payload.get("by", ""))
    in_force = [k for k, _since, revoked in keys if revoked is None or made_at < revoked]
    if any(verify(k, message, signature) for k in in_force):
        return Signed(by, None)
    if any(verify(k, message, signature) for k, _since, _revoked in keys):
        return Signed("", f"{by} 的签名密钥在该变更形成之前已被吊销（密码已重置），中心不予接收。")
    return Signed("", f"电子签名与 {by} 本人的密钥不符（或内容被改动），中心不予接收。")


def _machine_refusal(s: Session, payload: dict) -> str | None:
    """A workstation signs only what no person does; anything else needs the person's own key."""
    rows = payload.get("rows", [])
    if not rows:
        return None
    actions = [a.get("action") for a in payload.get("actions", [])]
    if not actions or any(a not in MACHINE_CHANGES for a in actions):
        return "该操作须由办理人本人电子签名，工作站签名的变更不予接收。"
    allowed = frozenset().union(*(MACHINE_CHANGES[a] for a in actions))
    if any(row["t"] not in allowed for row in rows):
        return "工作站签名的变更只能记录法定的自动处理，其中含有其他数据，不予接收。"
    for row in rows:
        if row["t"] == "applications":
            current = s.get(Application, row["v"].get("id"))
            if current is None or current.status != AWAITING_SLIP:
                return "自动受理只适用于中心记录为“待告知”的申请，不予接收。"
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
        when = _made_at(action) or at
        s.add(LoginFailure(staff_id=staff.id, at=when, workstation_id=workstation_id))
        s.flush()
        failures = list(s.scalars(select(LoginFailure.at).where(LoginFailure.staff_id == staff.id)))
        until = locked(failures, at)
        if until is not None and (staff.locked_until is None or staff.locked_until < until):
            staff.locked_until = until


# The columns in which a workstation's rows name the person who did something. A new row must name
# the person who signed the mutation; an existing row keeps the person it names.
PERSON_COLUMNS = {
    "applications": "clerk_no",
    "notices": "staff_no",
    "notice_prints": "staff_no",
    "walk_ins": "staff_no",
    "review_steps": "staff_no",
}


def named_people(s: Session, fresh: list[dict]) -> dict[tuple[str, str], str]:
    """(table, row id) -> the person the center's copy names, for the rows of the batch it holds
    already: one query per table, however large the batch."""
    from db.models import Base

    wanted: dict[str, set[str]] = {}
    for m in fresh:
        for row in m["payload"].get("rows", []):
            if row["t"] in PERSON_COLUMNS and "id" in row["v"]:
                wanted.setdefault(row["t"], set()).add(row["v"]["id"])
    held = {}
    for name, ids in wanted.items():
        table = Base.metadata.tables[name]
        column = table.c[PERSON_COLUMNS[name]]
        for row_id, person in s.execute(select(table.c.id, column).where(table.c.id.in_(ids))):
            held[(name, row_id)] = person
    return held


def claims_refusal(payload: dict, held: dict[tuple[str, str], str]) -> str | None:
    """A signed mutation may not put anyone else's name on what it records."""
    signer = str(payload.get("by", ""))
    for row in payload.get("rows", []):
        column = PERSON_COLUMNS.get(row["t"])
        if column is None or row["op"] != "upsert":
            continue
        named = row["v"].get(column)
        expected = held.get((row["t"], row["v"].get("id")), signer)
        if named != expected:
            return f"变更记录的办理人“{named}”与签名人“{signer}”不符，中心不予接收。"
    return None
