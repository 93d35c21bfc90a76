"""The rules a guide must satisfy beyond its shape, each with a message in Chinese naming the field."""

import re

from app.catalog.guide import SPECIAL_PROCEDURE, Guide, MaterialForm, MatterType, ReviewMode, SpecialStepKind
from app.errors import FieldError

CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,39}$")

FIELD_LABELS = {
    "code": "事项编码",
    "name": "事项名称",
    "department": "实施部门",
    "type": "事项类型",
    "legal_basis": "设定依据",
    "conditions": "受理条件",
    "fees": "收费标准",
    "statutory_limit_days": "法定时限",
    "promised_limit_days": "承诺时限",
    "review_mode": "审批环节模式",
    "on_the_spot": "即办件",
    "commitment_eligible": "可告知承诺",
    "in_hall": "进驻大厅",
    "negative_list_approval": "负面清单批准文件",
    "handling_place": "办理地点",
    "contact_phone": "咨询电话",
    "materials": "申请材料",
    "special_steps": "特殊环节",
    "form": "材料形式",
    "copies": "份数",
    "required": "是否必需",
    "condition": "适用情形",
    "format_rules": "格式要求",
    "sample_text": "示范文本",
    "common_errors": "常见错误",
    "tolerance_eligible": "可容缺",
    "shared_key": "共用材料标识",
    "kind": "环节类型",
    "limit_days": "环节时限",
    "short_name": "简称",
    "phone": "电话",
    "address": "地址",
    "lead_department": "牵头部门",
    "description": "说明",
    "format": "文件格式标识",
    "version": "格式版本",
    "departments": "部门列表",
    "bundles": "一件事列表",
}


def validate_guide(g: Guide, known_departments: set[str] | None = None) -> list[FieldError]:
    errors: list[FieldError] = []

    def need_text(key: str, value: str | None, minimum: int = 2) -> None:
        if value is None or len(value.strip()) < minimum:
            errors.append(FieldError(key, f"{FIELD_LABELS[key]}不能为空。"))

    if not CODE.match(g.code or ""):
        errors.append(FieldError("code", "事项编码只能由大写字母、数字和连字符组成（2–40 位）。"))
    need_text("name", g.name)
    need_text("legal_basis", g.legal_basis)
    need_text("conditions", g.conditions)
    need_text("fees", g.fees, 1)
    if known_departments is not None and g.department not in known_departments:
        errors.append(FieldError("department", f"实施部门“{g.department}”不存在。"))
    if g.type not in set(MatterType):
        errors.append(FieldError("type", f"事项类型“{g.type}”无效。"))
    if g.review_mode == SPECIAL_PROCEDURE:  # the old form, left here only when no step is registered
        errors.append(
            FieldError(
                "review_mode",
                "审批环节模式为“特别程序”的事项必须登记特殊环节；"
                "请填写基本模式（审核合一、一审一核或一审两核）并登记其特殊环节。",
            )
        )
    elif g.review_mode not in set(ReviewMode):
        errors.append(FieldError("review_mode", f"审批环节模式“{g.review_mode}”无效，可选：{'、'.join(ReviewMode)}。"))
    if not 0 <= g.statutory_limit_days <= 365:
        errors.append(FieldError("statutory_limit_days", "法定时限应在 0–365 个工作日之间。"))
    if not 0 <= g.promised_limit_days <= 365:
        errors.append(FieldError("promised_limit_days", "承诺时限应在 0–365 个工作日之间。"))
    elif g.promised_limit_days > g.statutory_limit_days:
        errors.append(FieldError("promised_limit_days", "承诺时限不能长于法定时限。"))
    if g.promised_limit_days == 0 and not g.on_the_spot:
        errors.append(FieldError("promised_limit_days", "承诺时限为 0 天的事项必须是即办件。"))
    if not g.in_hall and not (g.negative_list_approval or "").strip():
        errors.append(FieldError("negative_list_approval", "未进驻大厅的事项必须填写负面清单批准文件。"))
    if not g.materials:
        errors.append(FieldError("materials", "至少需要一项申请材料。"))
    names: set[str] = set()
    for i, m in enumerate(g.materials, 1):
        where = f"第 {i} 项材料"
        if len(m.name.strip()) < 2:
            errors.append(FieldError("materials", f"{where}：材料名称不能为空。", i - 1))
        elif m.name in names:
            errors.append(FieldError("materials", f"{where}：材料“{m.name}”重复。", i - 1))
        names.add(m.name)
        if m.form not in set(MaterialForm):
            errors.append(FieldError("materials", f"{where}：材料形式“{m.form}”无效。", i - 1))
        if not 0 <= m.copies <= 20:
            errors.append(FieldError("materials", f"{where}：份数应在 0–20 之间。", i - 1))
        if m.form in (MaterialForm.COPY, MaterialForm.ORIGINAL_AND_COPY) and m.copies < 1:
            errors.append(FieldError("materials", f"{where}：需要复印件的材料份数至少为 1。", i - 1))
        if not m.required and not (m.condition or "").strip():
            errors.append(FieldError("materials", f"{where}：非必需材料必须写明适用情形。", i - 1))
    for i, s in enumerate(g.special_steps, 1):
        if s.kind not in set(SpecialStepKind):
            errors.append(
                FieldError(
                    "special_steps",
                    f"第 {i} 个特殊环节：环节类型“{s.kind}”无效，可选：{'、'.join(SpecialStepKind)}。",
                    i - 1,
                )
            )
        if len(s.legal_basis.strip()) < 2:
            errors.append(FieldError("special_steps", f"第 {i} 个特殊环节：必须写明法律依据。", i - 1))
        if not 1 <= s.limit_days <= 365:
            errors.append(FieldError("special_steps", f"第 {i} 个特殊环节：时限应在 1–365 个工作日之间。", i - 1))
    return errors
