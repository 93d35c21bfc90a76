"""What moves between workstations and the center, and how a row travels.

Rows are captured from the unit of work's session (every insert, update and delete of a
replicated table) and sent as plain JSON: {"t": table, "op": "upsert"|"delete", "v": {column: value}}.
Workstation records go up (push); center-owned reference data comes down (pull)."""

import base64
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, Table, and_, event, func, select
from sqlalchemy.orm import Session

from db.models import Base

# Created at a workstation, insert-only (client UUIDs), pushed to the center.
WORKSTATION_TABLES = {
    "applications",
    "application_matters",
    "checklist_items",
    "cases",
    "notices",
    "slip_items",
    "notice_prints",
    "commitments",
}
# Owned by the center, pulled by every workstation.
CATALOG_TABLES = {
    "departments",
    "matters",
    "matter_versions",
    "material_requirements",
    "special_step_defs",
    "bundles",
    "bundle_matters",
}
REFERENCE_TABLES = CATALOG_TABLES | {
    "queue_categories",
    "windows",
    "staff",
    "staff_roles",
    "chief_authorizations",
    "calendar_years",
    "calendar_days",
}
# A manager's catalog edit made at a workstation is pushed too; the center checks the role before it
# becomes reference data. Staff, windows and the calendar are managed at the center only (a
# workstation's lock-out counters stay local).
PUSHED_TABLES = WORKSTATION_TABLES | CATALOG_TABLES
# Never leaves the machine: local keys, sync bookkeeping, drafts, counters, the local audit chain's head.
ORDER = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def encode(obj) -> dict:
    table: Table = obj.__table__
    return {"t": table.name, "v": {c.name: _encode(getattr(obj, c.key)) for c in table.columns}}


def _decode(table: Table, values: dict) -> dict:
    out = {}
    for column in table.columns:
        if column.name not in values:
            continue
        value = values[column.name]
        if value is not None:
            if isinstance(column.type, DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(column.type, Date):
                value = date.fromisoformat(value)
            elif isinstance(column.type, LargeBinary):
                value = base64.b64decode(value)
        out[column.name] = value
    return out


class Capture:
    """Collects the rows a session writes, for the outbox (workstation) or the reference log (center)."""

    def __init__(self, session: Session, tables: set[str]):
        self.tables = tables
        self.changed: dict[tuple[str, tuple], tuple[str, Any]] = {}
        event.listen(session, "before_flush", self._before_flush)

    def _key(self, obj) -> tuple[str, tuple]:
        table = obj.__table__
        return table.name, tuple(getattr(obj, c.key) for c in table.primary_key.columns)

    def _before_flush(self, session: Session, _context, _instances) -> None:
        for obj in [*session.new, *session.dirty]:
            if getattr(obj, "__table__", None) is not None and obj.__table__.name in self.tables:
                self.changed[(obj.__table__.name, id(obj))] = ("upsert", obj)
        for obj in session.deleted:
            if getattr(obj, "__table__", None) is not None and obj.__table__.name in self.tables:
                self.changed[(obj.__table__.name, id(obj))] = ("delete", obj)

    def rows(self) -> list[dict]:
        """The captured rows as they stand now, parents before children (deletes: children first)."""
        upserts = [(op, obj) for op, obj in self.changed.values() if op == "upsert"]
        deletes = [(op, obj) for op, obj in self.changed.values() if op == "delete"]
        upserts.sort(key=lambda item: ORDER[item[1].__table__.name])
        deletes.sort(key=lambda item: -ORDER[item[1].__table__.name])
        return [{**encode(obj), "op": op} for op, obj in [*deletes, *upserts]]


def _deferred_columns(table: Table) -> list[str]:
    """Columns whose foreign key closes a cycle (matters.current_version_id): set after the inserts."""
    return [fk.parent.name for fk in table.foreign_keys if fk.constraint is not None and fk.constraint.use_alter]


def _unique_column_sets(table: Table) -> list[list[str]]:
    from sqlalchemy import UniqueConstraint

    sets = [[c.name for c in con.columns] for con in table.constraints if isinstance(con, UniqueConstraint)]
    sets += [[c.name] for c in table.columns if c.unique]
    return sets


def apply_rows(session: Session, rows: list[dict], authoritative: bool = False) -> None:
    """Upsert and delete by primary key, so applying the same rows twice changes nothing.

    authoritative: the rows come from the center and win. A local row holding the same unique key
    under another id (e.g. a local guide version the center refused) is replaced."""
    later: list[tuple[Table, dict, dict]] = []
    for row in rows:
        table = Base.metadata.tables[row["t"]]
        values = _decode(table, row["v"])
        pk = and_(*(c == values[c.name] for c in table.primary_key.columns))
        if row["op"] == "delete":
            session.execute(table.delete().where(pk))
            continue
        deferred = {c: values.pop(c) for c in _deferred_columns(table) if values.get(c) is not None}
        exists = session.execute(select(*table.primary_key.columns).where(pk)).first() is not None
        if authoritative and not exists:
            for columns in _unique_column_sets(table):
                if all(values.get(c) is not None for c in columns):
                    same = and_(*(table.c[c] == values[c] for c in columns))
                    session.execute(table.delete().where(same))
        if exists:
            session.execute(table.update().where(pk).values(**values))
        else:
            session.execute(table.insert().values(**values))
        if deferred:
            later.append((table, values, deferred))
    for table, values, deferred in later:
        pk = and_(*(c == values[c.name] for c in table.primary_key.columns))
        session.execute(table.update().where(pk).values(**deferred))


def append_ref_log(session: Session, rows: list[dict]) -> None:
    """At the center: reference-data changes, in order, for workstations to pull."""
    from db.models import RefLog

    rows = [r for r in rows if r["t"] in REFERENCE_TABLES]
    if not rows:
        return
    last = session.scalar(select(func.max(RefLog.seq))) or 0
    session.add_all(
        RefLog(seq=last + i, table_name=row["t"], op=row["op"], row=json.dumps(row, ensure_ascii=False, sort_keys=True))
        for i, row in enumerate(rows, 1)
    )
