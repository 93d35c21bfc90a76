"""The agent pool (辅导帮办专家人才库) and the suggestion a manager assigns from: agents ranked by how
many of the request's matters they know, then by how loaded they are. Pure, so the ranking reads
as the rule does."""

from dataclasses import dataclass

from app.help.dto import Suggestion


@dataclass(frozen=True)
class Skill:
    department_id: str
    matter_id: str | None  # None: every matter of the department
    level: int  # 1 熟悉, 2 精通


@dataclass(frozen=True)
class Agent:
    staff_no: str
    name: str
    available: bool
    max_load: int
    load: int  # open requests assigned now
    skills: tuple[Skill, ...]


@dataclass(frozen=True)
class MatterRef:
    matter_id: str
    department_id: str
    name: str


def level_for(agent: Agent, matter: MatterRef) -> int:
    """The agent's level for the matter; 0 when they do not know it."""
    return max(
        (
            s.level
            for s in agent.skills
            if s.department_id == matter.department_id and s.matter_id in (None, matter.matter_id)
        ),
        default=0,
    )


def assess(agent: Agent, matters: list[MatterRef]) -> Suggestion:
    levels = [level_for(agent, m) for m in matters]
    return Suggestion(
        agent.staff_no,
        agent.name,
        sum(1 for lv in levels if lv),
        len(matters),
        sum(levels),
        agent.load,
        agent.max_load,
        agent.available,
        tuple(m.name for m, lv in zip(matters, levels, strict=True) if not lv),
    )


def rank(agents: list[Agent], matters: list[MatterRef]) -> list[Suggestion]:
    """Available agents first; then most matters known, least loaded (as a share of what each
    takes), deepest knowledge; ties by staff number so the order is stable."""
    return sorted(
        (assess(a, matters) for a in agents),
        key=lambda s: (not s.available, -s.covered, s.load / max(s.max_load, 1), -s.level, s.staff_no),
    )


def why_not(s: Suggestion) -> str | None:
    """What makes an assignment need a recorded reason, in the manager's words; None when it fits."""
    problems = []
    if s.missing:
        problems.append(f"不熟悉{'、'.join(s.missing)}")
    if not s.available:
        problems.append("当前不可接单")
    if s.load >= s.max_load:
        problems.append(f"在办 {s.load} 件已达上限 {s.max_load} 件")
    return f"{s.name}（{s.staff_no}）{'；'.join(problems)}" if problems else None
