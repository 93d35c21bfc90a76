"""The dossier's material list against the published guide (DESIGN §4 rule 10, §6): the list must
be the guide version's own, every material it names must have been checked at the window, and
nothing may have been asked of the applicant that no guide of the application lists."""

from collections.abc import Sequence

from app.acceptance.checklist import material_key
from app.dossier.facts import MaterialLine
from db.models import MatterVersion


def check(
    version: MatterVersion, listed: tuple[MaterialLine, ...], asked: list[str], versions: Sequence[MatterVersion]
) -> tuple[str, ...]:
    """version: the guide the case was accepted under; listed: the dossier's material list;
    asked: the checklist keys recorded at the window; versions: every guide of the application
    (a bundle asks the materials of all its matters once)."""
    problems = []
    published = [(m.name, m.form, m.copies, m.required) for m in version.materials]
    if [(m.name, m.form, m.copies, m.required) for m in listed] != published:
        problems.append(f"卷宗材料清单与办事指南第 {version.version_no} 版公布的材料不一致。")
    for line in listed:
        if line.status == "未登记":
            problems.append(f"办事指南所列材料“{line.name}”受理时未登记核验。")
    known = {material_key(m.shared_key, m.name) for v in versions for m in v.materials}
    for key in asked:
        if key not in known:
            name = key.removeprefix("name:")
            problems.append(f"受理时登记了办事指南未列的材料“{name}”（大厅之外有审批的信号）。")
    return tuple(problems)
