"""What the center checks of each pushed mutation before anything else: that it is signed by the
person it names, with a key of theirs that was not revoked when the mutation was made, or by the
pushing workstation's own key for the few things no person does. A workstation's credential and
a copied store file do not sign: whoever lacks the person's password cannot act as them.

What a signed mutation may then record is each feature's push policy (app.trust.push_policy for
who may do what)."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sync.push_policy import Refusal
from app.trust.signed import mutation_message, verify
from app.uow import MACHINE_SIGNER, PERSON_SIGNER
from db.models import Staff, StaffKey, Workstation

MACHINE = "本机"  # how the center names a workstation's own signature in its records
# What a workstation may change without a person (by law, on its own), and the tables it touches.
# A machine-signed mutation without rows only reports what happened at the machine (its set-up,
# enrollment, a failed login) and is recorded as such.
# Which applications it may accept so is the acceptance's rule (app.acceptance.push_policy).
MACHINE_CHANGES = {"application.auto_accepted": frozenset({"applications", "cases", "notices"})}


class SignatureRefusal(StrEnum):
    UNSIGNED = "unsigned"
    MACHINE_SIGNATURE_INVALID = "machine_signature_invalid"
    UNKNOWN_SIGNER_KIND = "unknown_signer_kind"
    KEY_REVOKED = "key_revoked"
    NOT_THE_PERSONS_KEY = "not_the_persons_key"
    NEEDS_A_PERSON = "needs_a_person"
    NOT_A_MACHINE_CHANGE = "not_a_machine_change"


@dataclass(frozen=True)
class Signed:
    by: str  # the verified signer (a staff number, or MACHINE); "" when refused
    refusal: Refusal | None


def stamped_at(payload: dict) -> datetime | None:
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
        signer, made_at = payload.get("signer"), stamped_at(payload)
        if not signature or made_at is None:
            verdicts[m["id"]] = Signed("", Refusal(SignatureRefusal.UNSIGNED, "变更没有电子签名，中心不予接收。"))
        elif signer == MACHINE_SIGNER:
            if not ws.public_key or not verify(ws.public_key, message, signature):
                why = "工作站签名无效（内容被改动或不是该工作站所签），中心不予接收。"
                verdicts[m["id"]] = Signed("", Refusal(SignatureRefusal.MACHINE_SIGNATURE_INVALID, why))
            else:
                verdicts[m["id"]] = Signed(MACHINE, _machine_refusal(payload))
        elif signer == PERSON_SIGNER:
            verdicts[m["id"]] = _person(keys.get(str(payload.get("by", "")), []), message, signature, made_at, payload)
        else:
            why = "变更的签名人类型无法识别，中心不予接收。"
            verdicts[m["id"]] = Signed("", Refusal(SignatureRefusal.UNKNOWN_SIGNER_KIND, why))
    return verdicts


def _person(keys, message: bytes, signature: str, made_at: datetime, payload: dict) -> Signed:
    by = str(payload.get("by", ""))
    in_force = [k for k, _since, revoked in keys if revoked is None or made_at < revoked]
    if any(verify(k, message, signature) for k in in_force):
        return Signed(by, None)
    if any(verify(k, message, signature) for k, _since, _revoked in keys):
        why = f"{by} 的签名密钥在该变更形成之前已被吊销（密码已重置），中心不予接收。"
        return Signed("", Refusal(SignatureRefusal.KEY_REVOKED, why))
    why = f"电子签名与 {by} 本人的密钥不符（或内容被改动），中心不予接收。"
    return Signed("", Refusal(SignatureRefusal.NOT_THE_PERSONS_KEY, why))


def _machine_refusal(payload: dict) -> Refusal | None:
    """A workstation signs only what no person does; anything else needs the person's own key."""
    rows = payload.get("rows", [])
    if not rows:
        return None
    actions = [a.get("action") for a in payload.get("actions", [])]
    if not actions or any(a not in MACHINE_CHANGES for a in actions):
        return Refusal(SignatureRefusal.NEEDS_A_PERSON, "该操作须由办理人本人电子签名，工作站签名的变更不予接收。")
    allowed = frozenset().union(*(MACHINE_CHANGES[a] for a in actions))
    if any(row["t"] not in allowed for row in rows):
        why = "工作站签名的变更只能记录法定的自动处理，其中含有其他数据，不予接收。"
        return Refusal(SignatureRefusal.NOT_A_MACHINE_CHANGE, why)
    return None
