"""The matter catalog. A matter's guide (办事指南) is versioned: an edit adds a MatterVersion and
never changes an old one, so a case keeps the guide it was accepted under."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, owned_in_order, utc_now, uuid_pk
from db.models.org import Department


class Matter(Base):
    """Stable identity of a service; its search keys mirror the current guide version."""

    __tablename__ = "matters"

    id: Mapped[str] = uuid_pk()
    code: Mapped[str] = mapped_column(String(40), unique=True)
    department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    current_version_id: Mapped[str | None] = mapped_column(
        ForeignKey("matter_versions.id", use_alter=True, name="fk_matters_current_version")
    )
    name: Mapped[str] = mapped_column(String(120))
    pinyin: Mapped[str] = mapped_column(String(600))  # full pinyin, no separators: getigongshanghu...
    initials: Mapped[str] = mapped_column(String(120))  # gtgsh...
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    department: Mapped[Department] = relationship(lazy="joined")
    current_version: Mapped["MatterVersion | None"] = relationship(foreign_keys=[current_version_id], post_update=True)
    versions: Mapped[list["MatterVersion"]] = relationship(
        back_populates="matter", foreign_keys="MatterVersion.matter_id", order_by="MatterVersion.version_no"
    )


class MatterVersion(Base):
    __tablename__ = "matter_versions"
    __table_args__ = (UniqueConstraint("matter_id", "version_no"),)

    id: Mapped[str] = uuid_pk()
    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(String(60))  # staff number or "导入"
    change_reason: Mapped[str] = mapped_column(Text, default="")

    name: Mapped[str] = mapped_column(String(120))
    department_code: Mapped[str] = mapped_column(String(40))
    matter_type: Mapped[str] = mapped_column(String(20))
    legal_basis: Mapped[str] = mapped_column(Text)
    conditions: Mapped[str] = mapped_column(Text)
    fees: Mapped[str] = mapped_column(Text)
    statutory_limit_days: Mapped[int] = mapped_column(Integer)
    promised_limit_days: Mapped[int] = mapped_column(Integer)
    review_mode: Mapped[str] = mapped_column(String(10))
    on_the_spot: Mapped[bool] = mapped_column(Boolean, default=False)
    commitment_eligible: Mapped[bool] = mapped_column(Boolean, default=False)
    in_hall: Mapped[bool] = mapped_column(Boolean, default=True)
    negative_list_approval: Mapped[str | None] = mapped_column(Text)
    handling_place: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")

    matter: Mapped[Matter] = relationship(back_populates="versions", foreign_keys=[matter_id])
    materials: Mapped[list["MaterialRequirement"]] = owned_in_order("MaterialRequirement")
    special_steps: Mapped[list["SpecialStepDef"]] = owned_in_order("SpecialStepDef")


class GuideLine:
    """A line of a matter version's guide (a material, a special step), in the guide's order; gone
    with its version."""

    # First in the table, as they were before the mixin (a mixin's columns come last otherwise).
    id: Mapped[str] = uuid_pk(sort_order=-3)
    version_id: Mapped[str] = mapped_column(
        ForeignKey("matter_versions.id", ondelete="CASCADE"), index=True, sort_order=-2
    )
    seq: Mapped[int] = mapped_column(Integer, sort_order=-1)


class MaterialRequirement(GuideLine, Base):
    __tablename__ = "material_requirements"

    name: Mapped[str] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(10))  # 原件 / 复印件 / 原件及复印件 / 电子证照
    copies: Mapped[int] = mapped_column(Integer, default=1)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    condition: Mapped[str | None] = mapped_column(String(400))
    format_rules: Mapped[str] = mapped_column(Text, default="")
    sample_text: Mapped[str] = mapped_column(Text, default="")
    common_errors: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of strings
    tolerance_eligible: Mapped[bool] = mapped_column(Boolean, default=False)  # 容缺
    shared_key: Mapped[str | None] = mapped_column(String(40))  # same key = same material across matters


class SpecialStepDef(GuideLine, Base):
    """A special step (特殊环节) registered for a matter; only these may ever be started."""

    __tablename__ = "special_step_defs"

    kind: Mapped[str] = mapped_column(String(20))
    legal_basis: Mapped[str] = mapped_column(Text)
    limit_days: Mapped[int] = mapped_column(Integer)


class Bundle(Base):
    """一件事: several matters under one acceptance, led by one department."""

    __tablename__ = "bundles"

    id: Mapped[str] = uuid_pk()
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    lead_department_id: Mapped[str] = mapped_column(ForeignKey("departments.id"))
    description: Mapped[str] = mapped_column(Text, default="")
    pinyin: Mapped[str] = mapped_column(String(600), default="")
    initials: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    lead_department: Mapped[Department] = relationship(lazy="joined")
    members: Mapped[list["BundleMatter"]] = owned_in_order("BundleMatter")


class BundleMatter(Base):
    __tablename__ = "bundle_matters"

    bundle_id: Mapped[str] = mapped_column(ForeignKey("bundles.id", ondelete="CASCADE"), primary_key=True)
    matter_id: Mapped[str] = mapped_column(ForeignKey("matters.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    matter: Mapped[Matter] = relationship(lazy="joined")
