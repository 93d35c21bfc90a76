"""The checklist of an application: every material of its matters' guide versions, each asked once."""

import json

from app.acceptance.model import CheckItem, ItemStatus
from app.acceptance.rules import MatterFlags
from db.models import ChecklistItem, MatterVersion


def material_key(shared_key: str | None, name: str) -> str:
    return shared_key or f"name:{name}"


def build_items(versions: list[MatterVersion]) -> list[CheckItem]:
    items: dict[str, CheckItem] = {}
    for v in versions:
        for m in v.materials:
            key = material_key(m.shared_key, m.name)
            if key in items:
                item = items[key]
                item.matter_codes += (v.matter.code,)
                # Asked once: required if any matter requires it, tolerable only if every matter tolerates it.
                item.required = item.required or m.required
                item.tolerance_eligible = item.tolerance_eligible and m.tolerance_eligible
                continue
            items[key] = CheckItem(
                key=key,
                name=m.name,
                required=m.required,
                condition=m.condition,
                tolerance_eligible=m.tolerance_eligible,
                form=m.form,
                copies=m.copies,
                format_rules=m.format_rules,
                common_errors=tuple(json.loads(m.common_errors)),
                matter_codes=(v.matter.code,),
            )
    return list(items.values())


def flags_of(versions: list[MatterVersion]) -> list[MatterFlags]:
    return [MatterFlags(v.matter.code, v.name, v.on_the_spot, v.commitment_eligible) for v in versions]


def overlay(items: list[CheckItem], stored: list[ChecklistItem]) -> list[CheckItem]:
    """Put the statuses recorded for an application back onto a freshly built checklist."""
    by_key = {s.key: s for s in stored}
    for item in items:
        s = by_key.get(item.key)
        if s is None:
            continue
        item.status = ItemStatus(s.status)
        item.defect = s.defect
        if not item.required and item.status != ItemStatus.UNCHECKED:
            item.condition_holds = item.status != ItemStatus.NOT_APPLICABLE
    return items


def stored_rows(items: list[CheckItem]) -> list[ChecklistItem]:
    rows = []
    for seq, item in enumerate(items, 1):
        status = item.status
        if not item.required and item.condition_holds is False:
            status = ItemStatus.NOT_APPLICABLE
        rows.append(ChecklistItem(seq=seq, key=item.key, name=item.name, status=status.value, defect=item.defect))
    return rows
