"""Catalog import and export in the documented exchange format (docs/catalog-format.md).

An import is all-or-nothing: the whole file is checked first (shape against the JSON Schema,
then the guide rules of every row whose shape is sound), and any error rejects it with every
error of the file at once, each on its own row, in Chinese."""

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import jsonschema
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.catalog import excel
from app.catalog.guide import SPECIAL_PROCEDURE, Guide, ReviewMode
from app.catalog.pinyin import search_keys
from app.catalog.records import department_ids, guide_of, write_version
from app.catalog.validation import FIELD_LABELS, validate_guide
from app.clock import Clock
from app.errors import DomainError
from app.uow import UnitOfWork
from db.models import Bundle, BundleMatter, Department, Matter
from db.store import Store

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "catalog.schema.json"
SECTION_LABELS = {"departments": "部门", "matters": "事项", "bundles": "一件事"}

# Names the row an error belongs to, from its path in the document: ("matters", 2) or, for a
# material or special step of that matter, ("matters", 2, "materials", 0).
Locator = Callable[[tuple], str]


@dataclass(frozen=True)
class RowError:
    row: str
    messages: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.row}：" + "；".join(self.messages)


class ImportRejected(DomainError):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"导入文件有 {len(errors)} 处错误，未导入任何内容。")
        self.errors = errors


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    versioned: list[str] = field(default_factory=list)
    unchanged: int = 0
    departments: int = 0
    bundles: int = 0


def default_locator(doc: object) -> Locator:
    """A JSON file's rows are its top-level items; a material's error names its matter."""

    def locate(path: tuple) -> str:
        section, index = path[0], path[1]
        items = doc.get(section) if isinstance(doc, dict) else None
        code = (
            items[index].get("code")
            if isinstance(items, list) and index < len(items) and isinstance(items[index], dict)
            else None
        )
        label = f"第 {index + 1} 条{SECTION_LABELS.get(section, section)}"
        return f"{label}（编码 {code}）" if code else label

    return locate


def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _explain(error: jsonschema.ValidationError) -> str:
    path = [p for p in error.absolute_path if isinstance(p, str)]
    key = path[-1] if path else ""
    label = FIELD_LABELS.get(key, key or "文件")
    inner = list(error.absolute_path)[2:]
    where = "".join(
        f"{FIELD_LABELS.get(str(a), str(a))}第 {b + 1} 项" for a, b in pairwise(inner) if isinstance(b, int)
    )
    prefix = f"{where}：" if where else ""
    v, inst = error.validator, error.instance
    if v == "required":
        missing = error.message.split("'")[1]
        return f"{prefix}缺少必填字段“{FIELD_LABELS.get(missing, missing)}”"
    if v == "additionalProperties":
        return f"{prefix}有无法识别的字段：{error.message.split('(')[-1].rstrip(')')}"
    if v == "const":
        return f"“{label}”应为 {error.validator_value}，这不是事项目录交换文件"
    said = _FIELD_TEXT.get(str(v))
    text = said(label, inst, error.validator_value) if said else f"“{label}”无效（{error.message}）"
    return prefix + text


_TYPES = {
    "string": "文字",
    "integer": "整数",
    "boolean": "是/否",
    "array": "列表",
    "object": "对象",
    "['string', 'null']": "文字或留空",
}

# What a field that fails one schema keyword is told, from its label, its value and the keyword's value.
_FIELD_TEXT: dict[str, Callable[[str, Any, Any], str]] = {
    "type": lambda label, _, kind: f"“{label}”的类型不正确（应为{_TYPES.get(str(kind), kind)}）",
    "enum": lambda label, value, allowed: f"“{label}”的取值“{value}”无效，可选：{'、'.join(map(str, allowed))}",
    "minimum": lambda label, _, bound: f"“{label}”不能小于 {bound}",
    "maximum": lambda label, _, bound: f"“{label}”不能大于 {bound}",
    "minLength": lambda label, _, __: f"“{label}”不能为空",
    "maxLength": lambda label, _, most: f"“{label}”过长（最多 {most} 字）",
    "pattern": lambda label, value, _: f"“{label}”格式不正确：{value}",
    "minItems": lambda label, _, least: f"“{label}”至少需要 {least} 项",
    "uniqueItems": lambda label, _, __: f"“{label}”有重复项",
}


def imported_guide(item: dict) -> Guide:
    """A matter as a file writes it. Files from before base modes may give the mode as 特别程序,
    which meant 一审一核 plus the matter's special steps; without steps it is left for the guide
    rules to refuse."""
    if item.get("review_mode") == SPECIAL_PROCEDURE and item.get("special_steps"):
        item = {**item, "review_mode": ReviewMode.TWO_PERSON.value}
    return Guide.from_dict(item)


def check_document(
    session: Session, doc: object, locate: Locator, found: Sequence[tuple[str, str]] = ()
) -> list[RowError]:
    """Every error of the document: `found` (row, message) while reading it, its shape, and the
    rules of each row whose shape is sound, so that one run reports them all."""
    by_row: dict[str, list[str]] = {}

    def add(row: str, message: str) -> None:
        by_row.setdefault(row, []).append(message)

    for row, message in found:
        add(row, message)
    misshapen: set[tuple[str, int]] = set()  # items the rules cannot read
    for error in sorted(
        jsonschema.Draft202012Validator(_schema()).iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))
    ):
        p = tuple(error.absolute_path)
        if len(p) >= 2 and isinstance(p[1], int):
            misshapen.add(p[:2])
            add(locate(p), _explain(error))
        else:
            add("文件", _explain(error))
    if not isinstance(doc, dict) or any(not isinstance(doc.get(s, []), list) for s in SECTION_LABELS):
        return [RowError(r, tuple(m)) for r, m in by_row.items()]  # no rows to read

    def written(section: str) -> set[Any]:  # as the file holds them, checked or not
        return {item.get("code") for item in doc.get(section, []) if isinstance(item, dict)}

    def sound(section: str) -> list[tuple[int, dict]]:
        return [(i, item) for i, item in enumerate(doc.get(section, [])) if (section, i) not in misshapen]

    known = set(department_ids(session)) | written("departments")
    seen: dict[str, dict[str, int]] = {s: {} for s in SECTION_LABELS}
    for section in SECTION_LABELS:
        for i, item in sound(section):
            if item["code"] in seen[section]:
                add(locate((section, i)), f"编码与第 {seen[section][item['code']] + 1} 条重复")
            seen[section][item["code"]] = i
    for i, item in sound("matters"):
        for e in validate_guide(imported_guide(item), known):
            add(locate(("matters", i) if e.index is None else ("matters", i, e.field, e.index)), e.message)
    matter_codes = written("matters") | set(session.scalars(select(Matter.code)))
    for i, b in sound("bundles"):
        if b["lead_department"] not in known:
            add(locate(("bundles", i)), f"牵头部门“{b['lead_department']}”不存在")
        for code in b["matters"]:
            if code not in matter_codes:
                add(locate(("bundles", i)), f"事项“{code}”不存在")
    return [RowError(r, tuple(m)) for r, m in by_row.items()]


def read_file(path: Path) -> tuple[object, Locator, list[tuple[str, str]]]:
    """The document, where its rows are, and the errors found while reading it (row, message)."""
    try:
        if path.suffix.lower() == ".xlsx":
            return excel.read(path)
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportRejected([RowError("文件", (f"无法读取文件：{exc}",))]) from exc
    except json.JSONDecodeError as exc:
        raise ImportRejected([RowError("文件", (f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）",))]) from exc
    except excel.ExcelUnreadable as exc:
        raise ImportRejected([RowError("文件", (str(exc),))]) from exc
    return doc, default_locator(doc), []


def import_file(store: Store, actor: Actor, path: Path) -> ImportSummary:
    doc, locate, found = read_file(path)
    return import_document(store, actor, doc, locate, source=path.name, found=found)


def import_document(
    store: Store,
    actor: Actor,
    doc: object,
    locate: Locator | None = None,
    source: str = "导入",
    found: Sequence[tuple[str, str]] = (),
    clock: Clock | None = None,
) -> ImportSummary:
    actor.require(Role.MANAGER)
    summary = ImportSummary()
    with UnitOfWork(store, actor, clock) as uow:
        s = uow.session
        errors = check_document(s, doc, locate or default_locator(doc), found)
        if errors:
            raise ImportRejected(errors)
        assert isinstance(doc, dict)
        reason = f"从 {source} 导入"
        for d in doc.get("departments", []):
            if _upsert_department(s, d):
                summary.departments += 1
                uow.record("department.saved", "department", d["code"], reason=reason, detail=d)
        s.flush()
        for item in doc.get("matters", []):
            guide = imported_guide(item)
            existed = s.scalar(select(Matter.id).where(Matter.code == guide.code)) is not None
            matter, version = write_version(s, guide, actor.staff_no, reason, uow.clock.utc_now())
            if version is None:
                summary.unchanged += 1
                continue
            (summary.versioned if existed else summary.created).append(guide.code)
            uow.record(
                "matter.guide_versioned",
                "matter",
                matter.id,
                reason=reason,
                detail={"code": guide.code, "version_no": version.version_no},
            )
        s.flush()
        for b in doc.get("bundles", []):
            if _upsert_bundle(s, b):
                summary.bundles += 1
                uow.record("bundle.saved", "bundle", b["code"], reason=reason, detail=b)
        uow.record(
            "catalog.imported",
            "catalog",
            source,
            reason=reason,
            detail={
                "created": len(summary.created),
                "versioned": len(summary.versioned),
                "unchanged": summary.unchanged,
            },
        )
        uow.commit()
    return summary


def _upsert_department(s: Session, d: dict) -> bool:
    dept = s.scalar(select(Department).where(Department.code == d["code"]))
    values = {
        "name": d["name"],
        "short_name": d.get("short_name", ""),
        "phone": d.get("phone", ""),
        "address": d.get("address", ""),
    }
    if dept is None:
        s.add(Department(code=d["code"], **values))
        return True
    if all(getattr(dept, k) == v for k, v in values.items()):
        return False
    for k, v in values.items():
        setattr(dept, k, v)
    return True


def _upsert_bundle(s: Session, b: dict) -> bool:
    bundle = s.scalar(select(Bundle).where(Bundle.code == b["code"]))
    lead = department_ids(s)[b["lead_department"]]
    ids = {code: mid for code, mid in s.execute(select(Matter.code, Matter.id).where(Matter.code.in_(b["matters"])))}
    wanted = [ids[c] for c in b["matters"]]
    if bundle is not None and (
        bundle.name,
        bundle.lead_department_id,
        bundle.description,
        [m.matter_id for m in bundle.members],
    ) == (b["name"], lead, b.get("description", ""), wanted):
        return False
    if bundle is None:
        bundle = Bundle(code=b["code"])
        s.add(bundle)
    bundle.name, bundle.lead_department_id, bundle.description = b["name"], lead, b.get("description", "")
    bundle.pinyin, bundle.initials = search_keys(b["name"])
    bundle.members = [BundleMatter(matter_id=mid, seq=i) for i, mid in enumerate(wanted, 1)]
    return True


def export_document(store: Store) -> dict:
    with store.sessions() as s:
        departments = [
            {"code": d.code, "name": d.name, "short_name": d.short_name, "phone": d.phone, "address": d.address}
            for d in s.scalars(select(Department).order_by(Department.code))
        ]
        matters = [
            guide_of(m.current_version).to_dict()
            for m in s.scalars(select(Matter).order_by(Matter.code))
            if m.current_version is not None
        ]
        bundles = [
            {
                "code": b.code,
                "name": b.name,
                "lead_department": b.lead_department.code,
                "description": b.description,
                "matters": [m.matter.code for m in b.members],
            }
            for b in s.scalars(select(Bundle).order_by(Bundle.code))
        ]
    return {"format": "hall-catalog", "version": 1, "departments": departments, "matters": matters, "bundles": bundles}


def export_file(store: Store, path: Path) -> dict:
    doc = export_document(store)
    if path.suffix.lower() == ".xlsx":
        excel.write(doc, path)
    else:
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return doc
