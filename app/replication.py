"""What moves between workstations and the center, and how a row travels.

Rows are captured from the unit of work's session (every insert, update and delete of a
replicated table) and sent as plain JSON: {"t": table, "op": "upsert"|"delete", "v": {column: value}}.
Workstation records go up (push); center-owned reference data comes down (pull)."""

import base64
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, LargeBinary, Table, and_, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.bulk import insert_rows
from db.models import Base

# Created at a workstation, insert-only (client UUIDs), pushed to the center.
WORKSTATION_TABLES = {
    "applications",
    "application_matters",
    "checklist_items",
    "cases",
    "review_steps",  # only a 即办件's decision at acceptance; the center refuses any other
    "notices",
    "slip_items",
    "notice_prints",
    "commitments",
    "walk_ins",
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
    "window_categories",
    "staff",
    "staff_roles",
    "chief_authorizations",
    "authorization_matters",
    "proxy_letters",  # a proxy submission is checked at the window against the 委托书 on file
    "proxy_letter_matters",
    "calendar_years",
    "calendar_days",
    "hall_settings",  # the names notices print: a notice drawn offline prints them too
    "department_settings",
}
# A manager's catalog edit made at a workstation is pushed too; the center checks the role before it
# becomes reference data. Staff, windows, the calendar and the hall's settings are managed at the
# center only (a workstation's lock-out counters stay local).
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


def _b64decode(value: str) -> bytes:
    return base64.b64decode(value)


_CONVERTERS: dict[str, list[tuple[str, Any]]] = {}


def _converters(table: Table) -> list[tuple[str, Any]]:
    """(column, how its JSON value becomes a Python value) per column; worked out once per table,
    as the center decodes every row of every push."""
    found = _CONVERTERS.get(table.name)
    if found is None:
        found = []
        for column in table.columns:
            if isinstance(column.type, DateTime):
                found.append((column.name, datetime.fromisoformat))
            elif isinstance(column.type, Date):
                found.append((column.name, date.fromisoformat))
            elif isinstance(column.type, LargeBinary):
                found.append((column.name, _b64decode))
            else:
                found.append((column.name, None))
        _CONVERTERS[table.name] = found
    return found


def _decode(table: Table, values: dict) -> dict:
    out = {}
    for name, convert in _converters(table):
        if name in values:
            value = values[name]
            out[name] = convert(value) if convert is not None and value is not None else value
    return out


class Capture:
    """Collects the rows a session writes, for the outbox (workstation) or the reference log (center)."""

    def __init__(self, session: Session, tables: set[str]):
        self.tables = tables
        self.changed: dict[tuple[str, int], tuple[str, Any]] = {}  # (table, id(object)) -> (op, object)
        event.listen(session, "before_flush", self._before_flush)

    def _before_flush(self, session: Session, _context, _instances) -> None:
        for obj in [*session.new, *session.dirty]:
            if getattr(obj, "__table__", None) is not None and obj.__table__.name in self.tables:
                self.changed[(obj.__table__.name, id(obj))] = ("upsert", obj)
        for obj in session.deleted:
            if getattr(obj, "__table__", None) is not None and obj.__table__.name in self.tables:
                self.changed[(obj.__table__.name, id(obj))] = ("delete", obj)

    def rows(self) -> list[dict]:
        """The captured rows as they stand now, parents before children (deletes: children first).
        Many-to-many links (a window's categories, an authorization's matters) travel as the
        complete set for their parent, after it."""
        upserts = [(op, obj) for op, obj in self.changed.values() if op == "upsert"]
        deletes = [(op, obj) for op, obj in self.changed.values() if op == "delete"]
        upserts.sort(key=lambda item: ORDER[item[1].__table__.name])
        deletes.sort(key=lambda item: -ORDER[item[1].__table__.name])
        out = [{**encode(obj), "op": op} for op, obj in [*deletes, *upserts]]
        out += [link for _op, obj in upserts for link in _links(obj)]
        return out


def _links(obj) -> list[dict]:
    """For each many-to-many collection of obj: {"t": link table, "op": "replace", "v": {parent key},
    "rows": [link rows]}."""
    from sqlalchemy import inspect

    out = []
    for rel in inspect(obj).mapper.relationships:
        if rel.secondary is None:
            continue
        table = rel.secondary
        ((parent_col, parent_key),) = [
            (lc.name, rc.key) for rc, lc in rel.local_remote_pairs if lc.table is table and rc.table is obj.__table__
        ]
        ((child_col, child_key),) = [(lc.name, rc.key) for rc, lc in rel.secondary_synchronize_pairs]
        parent_id = getattr(obj, parent_key)
        out.append(
            {
                "t": table.name,
                "op": "replace",
                "v": {parent_col: parent_id},
                "rows": [
                    {parent_col: parent_id, child_col: getattr(child, child_key)} for child in getattr(obj, rel.key)
                ],
            }
        )
    return out


def _deferred_columns(table: Table) -> list[str]:
    """Columns whose foreign key closes a cycle (matters.current_version_id): set after the inserts."""
    return [fk.parent.name for fk in table.foreign_keys if fk.constraint is not None and fk.constraint.use_alter]


def insert_new(session: Session, rows: list[dict]) -> None:
    """Rows known to be new (a workstation's insert-only records under a fresh mutation id):
    one multi-row INSERT per table, parents first."""
    by_table: dict[str, list[dict]] = {}
    for row in rows:
        by_table.setdefault(row["t"], []).append(row["v"])
    for name in sorted(by_table, key=ORDER.__getitem__):
        table = Base.metadata.tables[name]
        insert_rows(session, table, [_decode(table, v) for v in by_table[name]])


def _unique_column_sets(table: Table) -> list[list[str]]:
    from sqlalchemy import UniqueConstraint

    sets = [[c.name for c in con.columns] for con in table.constraints if isinstance(con, UniqueConstraint)]
    sets += [[c.name] for c in table.columns if c.unique]
    return sets


def apply_rows(session: Session, rows: list[dict], authoritative: bool = False) -> None:
    """Upsert and delete by primary key, so applying the same rows twice changes nothing.

    authoritative: the rows come from the center and win. A local row holding the same unique key
    under another id (e.g. a local guide version the center refused) is replaced.

    Runs of upserts into one table are applied together (one query for the ids already present,
    one multi-row INSERT for the rest); a run that meets a unique-key clash is redone row by row."""
    later: list[tuple[Table, dict, dict]] = []
    for table, op, values_list in _runs(rows):
        if op == "replace":  # the complete set of links for one parent
            for links in values_list:
                ((parent_col, parent_id),) = links["v"].items()
                session.execute(table.delete().where(table.c[parent_col] == parent_id))
                if links["rows"]:
                    session.execute(table.insert(), links["rows"])
            continue
        if op == "delete":
            for values in values_list:
                session.execute(table.delete().where(_pk(table, values)))
            continue
        if not _upsert_run(session, table, values_list, later):
            for values in values_list:
                _upsert_one(session, table, values, authoritative, later)
    for table, values, deferred in later:
        session.execute(table.update().where(_pk(table, values)).values(**deferred))


def _runs(rows: list[dict]):
    run: list[dict] = []
    for row in rows:
        if run and (row["t"], row["op"]) != (run[0]["t"], run[0]["op"]):
            yield _decoded_run(run)
            run = []
        run.append(row)
    if run:
        yield _decoded_run(run)


def _decoded_run(run: list[dict]):
    table = Base.metadata.tables[run[0]["t"]]
    if run[0]["op"] == "replace":
        return table, "replace", run
    return table, run[0]["op"], [_decode(table, r["v"]) for r in run]


def _pk(table: Table, values: dict):
    return and_(*(c == values[c.name] for c in table.primary_key.columns))


def _split_deferred(table: Table, values: dict) -> tuple[dict, dict]:
    deferred_cols = _deferred_columns(table)
    deferred = {c: values[c] for c in deferred_cols if values.get(c) is not None}
    return {k: v for k, v in values.items() if k not in deferred}, deferred


def _upsert_run(session: Session, table: Table, values_list: list[dict], later: list) -> bool:
    pk_cols = list(table.primary_key.columns)
    if len(pk_cols) != 1:
        return False
    pk = pk_cols[0]
    existing = set()
    ids = [v[pk.name] for v in values_list]
    for chunk in range(0, len(ids), 500):
        existing |= set(session.scalars(select(pk).where(pk.in_(ids[chunk : chunk + 500]))))
    new = []
    for values in values_list:
        plain, deferred = _split_deferred(table, values)
        if values[pk.name] in existing:
            session.execute(table.update().where(pk == values[pk.name]).values(**plain))
        else:
            new.append(plain)
        if deferred:
            later.append((table, values, deferred))
    if not new:
        return True
    savepoint = session.begin_nested()
    try:
        session.execute(table.insert(), new)
    except IntegrityError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def _upsert_one(session: Session, table: Table, values: dict, authoritative: bool, later: list) -> None:
    plain, deferred = _split_deferred(table, values)
    pk = _pk(table, values)
    exists = session.execute(select(*table.primary_key.columns).where(pk)).first() is not None
    if authoritative and not exists:
        for columns in _unique_column_sets(table):
            if all(plain.get(c) is not None for c in columns):
                session.execute(table.delete().where(and_(*(table.c[c] == plain[c] for c in columns))))
    if exists:
        session.execute(table.update().where(pk).values(**plain))
    else:
        session.execute(table.insert().values(**plain))
    if deferred:
        later.append((table, values, deferred))


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
