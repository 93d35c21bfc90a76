"""A matter's guide (办事指南) as plain data, in the field names of the exchange format."""

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from enum import StrEnum


class MatterType(StrEnum):
    LICENSE = "行政许可"
    CONFIRMATION = "行政确认"
    ADJUDICATION = "行政裁决"
    BENEFIT = "行政给付"
    REWARD = "行政奖励"
    FILING = "行政备案"
    OTHER_POWER = "其他行政权力"
    PUBLIC_SERVICE = "公共服务"


class ReviewMode(StrEnum):
    """The base mode: how many distinct people review and decide. Registered special steps are
    added to it ("特别复杂事项加入特别程序"); they never replace it."""

    SINGLE = "审核合一"
    TWO_PERSON = "一审一核"
    THREE_PERSON = "一审两核"


# How a matter with registered special steps is shown. Older catalogs stored it as the mode itself,
# meaning 一审一核 plus the steps; import still reads it so (app.catalog.transfer).
SPECIAL_PROCEDURE = "特别程序"


class MaterialForm(StrEnum):
    ORIGINAL = "原件"
    COPY = "复印件"
    ORIGINAL_AND_COPY = "原件及复印件"
    ELECTRONIC = "电子证照"


class SpecialStepKind(StrEnum):
    """The kinds a matter may register (ALL art. 45 and the names county catalogs use): an open
    list in law, closed here so that a typing error is caught at import."""

    SITE_INSPECTION = "现场勘验"
    SITE_CHECK = "现场核查"
    SITE_REVIEW = "现场审查"
    TECHNICAL_REVIEW = "技术审查"
    HEARING = "听证"
    EXPERT_REVIEW = "专家评审"
    PUBLIC_NOTICE = "公告公示"
    TESTING = "检验检测检疫"
    COMMITTEE = "委员会决定"
    TENDER = "招标拍卖"
    APPRAISAL = "鉴定"


@dataclass(frozen=True)
class MaterialSpec:
    name: str
    form: str
    copies: int
    required: bool
    condition: str | None = None
    format_rules: str = ""
    sample_text: str = ""
    common_errors: tuple[str, ...] = ()
    tolerance_eligible: bool = False
    shared_key: str | None = None


@dataclass(frozen=True)
class SpecialStepSpec:
    kind: str
    legal_basis: str
    limit_days: int


@dataclass(frozen=True)
class Guide:
    code: str
    name: str
    department: str  # department code
    type: str
    legal_basis: str
    conditions: str
    fees: str
    statutory_limit_days: int
    promised_limit_days: int
    review_mode: str
    on_the_spot: bool = False
    commitment_eligible: bool = False
    in_hall: bool = True
    negative_list_approval: str | None = None
    handling_place: str = ""
    contact_phone: str = ""
    materials: tuple[MaterialSpec, ...] = ()
    special_steps: tuple[SpecialStepSpec, ...] = field(default=())

    def to_dict(self) -> dict:
        data = asdict(self)
        for m in data["materials"]:
            m["common_errors"] = list(m["common_errors"])
        data["materials"] = list(data["materials"])
        data["special_steps"] = list(data["special_steps"])
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Guide":
        scalars = {
            f.name: data[f.name] for f in fields(cls) if f.name in data and f.name not in ("materials", "special_steps")
        }
        materials = tuple(
            MaterialSpec(**{**m, "common_errors": tuple(m.get("common_errors", ()))}) for m in data.get("materials", ())
        )
        steps = tuple(SpecialStepSpec(**s) for s in data.get("special_steps", ()))
        return cls(**scalars, materials=materials, special_steps=steps)

    @property
    def review_mode_label(self) -> str:
        return review_mode_label(self.review_mode, [s.kind for s in self.special_steps])


def review_mode_label(mode: str, step_kinds: Sequence[str]) -> str:
    """The mode as people read it: 特别程序 when special steps are registered, with the base mode
    first because it fixes how many people review, e.g. "一审两核（特别程序：现场勘验）"."""
    return f"{mode}（{SPECIAL_PROCEDURE}：{'、'.join(step_kinds)}）" if step_kinds else mode


@dataclass(frozen=True)
class GuideVersionInfo:
    version_id: str
    version_no: int
    created_at: datetime
    created_by: str  # the staff number, or the command line's code
    change_reason: str
    published_by: str = ""  # who, as people read it: "王建国（M001）", "系统导入"


@dataclass(frozen=True)
class MatterGuide:
    """A guide as shown: the guide itself plus where it comes from."""

    matter_id: str
    guide: Guide
    department_name: str
    version: GuideVersionInfo


def errors_to_json(errors: tuple[str, ...]) -> str:
    return json.dumps(list(errors), ensure_ascii=False)
