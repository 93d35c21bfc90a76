"""Catalog use cases: search, read a guide and its history, edit a guide, read a bundle."""

from dataclasses import dataclass
from itertools import count

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.catalog.guide import Guide, GuideVersionInfo, MaterialSpec, MatterGuide
from app.catalog.records import department_ids, guide_of, matter_guide, version_info, write_version
from app.catalog.search import CatalogEntry, CatalogIndex, EntryKind
from app.catalog.validation import validate_guide
from app.errors import FieldError, NotFound, ValidationFailed
from app.uow import UnitOfWork, found
from db.models import Bundle, Department, Matter, MatterVersion
from db.store import Store


@dataclass(frozen=True)
class DepartmentInfo:
    code: str
    name: str
    id: str = ""
    short_name: str = ""


@dataclass(frozen=True)
class BundleMaterial:
    material: MaterialSpec
    matter_codes: tuple[str, ...]  # the member matters that ask for it


@dataclass(frozen=True)
class BundleView:
    id: str
    code: str
    name: str
    lead_department: str
    description: str
    matters: tuple[MatterGuide, ...]
    materials: tuple[BundleMaterial, ...]  # shared materials appear once


# What build_index reads: a change to any other table leaves the index as it is.
INDEX_TABLES = frozenset({"matters", "bundles", "departments"})


def build_index(session: Session) -> CatalogIndex:
    entries = []
    for kind, table, department_id in (
        (EntryKind.MATTER, Matter, Matter.department_id),
        (EntryKind.BUNDLE, Bundle, Bundle.lead_department_id),
    ):
        rows = session.execute(
            select(
                table.id, table.code, table.name, Department.short_name, table.pinyin, table.initials, Department.code
            ).join(Department, department_id == Department.id)
        )
        entries += [CatalogEntry(kind, *row) for row in rows]
    return CatalogIndex(entries)


class CatalogService:
    def __init__(self, store: Store):
        self.store = store
        self._index: CatalogIndex | None = None
        # Invalidation may come from the sync thread while the UI thread reads the catalog: an index
        # read before an invalidation is used once but not kept.
        self._generations = count()
        self._generation = next(self._generations)

    def index(self) -> CatalogIndex:
        index = self._index
        if index is None:
            generation = self._generation
            with self.store.sessions() as session:
                index = build_index(session)
            if generation == self._generation:
                self._index = index
        return index

    def invalidate(self) -> None:
        self._generation = next(self._generations)
        self._index = None

    def reference_pulled(self, tables: set[str]) -> None:
        """Sync saved reference rows of `tables`: a new or renamed matter is found by the next search."""
        if tables & INDEX_TABLES:
            self.invalidate()

    def search(self, query: str, limit: int = 50, department_code: str = ""):
        return self.index().search(query, limit, department_code)

    def browse(self, department_code: str):
        """A department's matters and the bundles it leads, without a query."""
        return self.index().browse(department_code)

    def departments(self) -> list[DepartmentInfo]:
        with self.store.sessions() as session:
            return [
                DepartmentInfo(d.code, d.name, d.id, d.short_name)
                for d in session.scalars(select(Department).order_by(Department.code))
            ]

    def guide(self, matter_id: str) -> MatterGuide:
        with self.store.sessions() as session:
            matter = session.get(Matter, matter_id)
            if matter is None or matter.current_version_id is None:
                raise NotFound("事项不存在。")
            return matter_guide(session.get_one(MatterVersion, matter.current_version_id))

    def guide_version(self, version_id: str) -> MatterGuide:
        with self.store.sessions() as session:
            return matter_guide(found(session, MatterVersion, version_id, "办事指南版本不存在。"))

    def versions(self, matter_id: str) -> list[GuideVersionInfo]:
        with self.store.sessions() as session:
            rows = session.scalars(
                select(MatterVersion)
                .where(MatterVersion.matter_id == matter_id)
                .order_by(MatterVersion.version_no.desc())
            )
            return [version_info(v) for v in rows]

    def save_guide(self, actor: Actor, guide: Guide, reason: str, *, new: bool = False) -> MatterGuide:
        """A manager edits (or creates) a matter; the change becomes a new guide version."""
        actor.require(Role.MANAGER)
        errors = []
        if not reason.strip():
            errors.append(FieldError("reason", "请填写修改原因。"))
        with UnitOfWork(self.store, actor) as uow:
            errors += validate_guide(guide, set(department_ids(uow.session)))
            existing = uow.session.scalar(select(Matter).where(Matter.code == guide.code))
            if new and existing is not None:
                errors.append(FieldError("code", f"事项编码“{guide.code}”已被使用。"))
            if errors:
                raise ValidationFailed(errors)
            before = guide_of(existing.current_version) if existing and existing.current_version else None
            matter, version = write_version(uow.session, guide, actor.staff_no, reason.strip(), uow.clock.utc_now())
            if version is None:
                raise ValidationFailed([FieldError("reason", "办事指南没有任何改动，无需保存新版本。")])
            uow.record(
                "matter.guide_versioned",
                "matter",
                matter.id,
                reason=reason.strip(),
                detail={
                    "code": guide.code,
                    "version_no": version.version_no,
                    "changed": _changed_fields(before, guide),
                },
            )
            uow.commit()
            result = matter_guide(version)
        self.invalidate()
        return result

    def bundle(self, bundle_id: str) -> BundleView:
        with self.store.sessions() as session:
            b = found(session, Bundle, bundle_id, "一件事不存在。")
            guides = tuple(matter_guide(session.get_one(MatterVersion, m.matter.current_version_id)) for m in b.members)
            return BundleView(
                b.id, b.code, b.name, b.lead_department.name, b.description, guides, shared_materials(guides)
            )


def shared_materials(guides: tuple[MatterGuide, ...]) -> tuple[BundleMaterial, ...]:
    """One entry per distinct material: the same shared_key (or, without one, the same name)."""
    merged: dict[str, tuple[MaterialSpec, list[str]]] = {}
    for mg in guides:
        for m in mg.guide.materials:
            key = m.shared_key or f"name:{m.name}"
            if key in merged:
                merged[key][1].append(mg.guide.code)
            else:
                merged[key] = (m, [mg.guide.code])
    return tuple(BundleMaterial(m, tuple(codes)) for m, codes in merged.values())


def _changed_fields(before: Guide | None, after: Guide) -> list[str]:
    if before is None:
        return ["新建"]
    old, new = before.to_dict(), after.to_dict()
    return [key for key in new if old.get(key) != new[key]]
