"""The hash-chained audit log: each row's hash covers its content and the previous row's hash,
and a head row holds the last hash, so an edited, inserted or deleted row breaks the chain."""

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import person_label
from db.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def canonical(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


# Every column but the hash itself is covered, in this order.
HASHED = ("seq", "at", "staff_no", "staff_name", "workstation_id", "action", "entity", "entity_id", "reason", "detail")


def entry_hash(prev_hash: str, e: AuditEntry) -> str:
    body = canonical([getattr(e, name).isoformat() if name == "at" else getattr(e, name) for name in HASHED])
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def append(
    session: Session,
    *,
    at: datetime,
    staff_no: str,
    staff_name: str,
    workstation_id: str,
    action: str,
    entity: str,
    entity_id: str,
    reason: str,
    detail: dict,
) -> AuditEntry:
    head = session.get(AuditHead, 1, with_for_update=True)
    if head is None:
        head = AuditHead(id=1, last_seq=0, last_hash=GENESIS)
        session.add(head)
    entry = AuditEntry(
        seq=head.last_seq + 1,
        at=at,
        staff_no=staff_no,
        staff_name=staff_name,
        workstation_id=workstation_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        reason=reason,
        detail=canonical(detail),
        prev_hash=head.last_hash,
    )
    entry.hash = entry_hash(head.last_hash, entry)
    session.add(entry)
    head.last_seq, head.last_hash = entry.seq, entry.hash
    return entry


@dataclass(frozen=True)
class VerifyReport:
    checked: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session) -> VerifyReport:
    problems: list[str] = []
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(2000):
        checked += 1
        if e.seq != expected_seq:
            problems.append(f"第 {expected_seq}–{e.seq - 1} 条审计记录缺失（被删除）")
        if e.prev_hash != prev_hash:
            problems.append(f"第 {e.seq} 条审计记录的前序哈希与上一条不符（记录被删除、插入或改动）")
        if entry_hash(e.prev_hash, e) != e.hash:
            problems.append(f"第 {e.seq} 条审计记录的内容被修改（{e.action}，{e.at:%Y-%m-%d %H:%M:%S}）")
        prev_hash, expected_seq = e.hash, e.seq + 1
    head = session.get(AuditHead, 1)
    last_seq = expected_seq - 1
    if head is not None and (head.last_seq != last_seq or head.last_hash != prev_hash):
        problems.append(f"审计日志末尾缺失：应有 {head.last_seq} 条，实有 {last_seq} 条")
    if head is None and checked:
        problems.append("审计日志的链头记录缺失")
    return VerifyReport(checked, problems)


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    staff: str
    workstation_id: str
    action: str
    entity: str
    entity_id: str
    reason: str
    detail: str  # JSON, as the log keeps it
    subject: str = ""  # the entity's name as people read it (app.audit_names), filled by list_recent


def recent(session: Session, limit: int = 500) -> list[AuditRow]:
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    return [
        AuditRow(
            e.seq,
            e.at,
            person_label(e.staff_no, e.staff_name),
            e.workstation_id,
            e.action,
            e.entity,
            e.entity_id,
            e.reason,
            e.detail,
        )
        for e in session.scalars(query)
    ]


def list_recent(store, actor, limit: int = 500) -> list[AuditRow]:
    """The audit trail is supervision data: managers only."""
    from app.actor import Role

    actor.require(Role.MANAGER)
    from app.audit_names import subjects  # it reads the tables the unit of work (and so this module) writes

    with store.sessions() as session:
        rows = recent(session, limit)
        names = subjects(session, [(r.entity, r.entity_id) for r in rows])
    return [replace(r, subject=names[r.entity, r.entity_id]) for r in rows]


def verify_store(store) -> VerifyReport:
    with store.sessions() as session:
        return verify(session)
