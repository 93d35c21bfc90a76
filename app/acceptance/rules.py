"""Which outcomes the checklist allows (DESIGN §3.2, §4 rules 2–3). Checked in the service, so a
hidden button is never the only guard."""

from dataclasses import dataclass
from datetime import date

from app.acceptance.model import CheckItem, Decision, ItemStatus, Outcome
from app.errors import DomainError


@dataclass(frozen=True)
class MatterFlags:
    code: str
    name: str
    on_the_spot: bool
    commitment_eligible: bool


class OutcomeRefused(DomainError):
    pass


class LateProblems(OutcomeRefused):
    """A later slip raises problems the first did not list, without a recorded reason for each:
    the window asks the clerk for the reasons and tries again."""


def _names(items: list[CheckItem]) -> str:
    return "、".join(i.name for i in items)


def refusal(decision: Decision, items: list[CheckItem], matters: list[MatterFlags], today: date) -> str | None:
    """None when the outcome is lawful for this checklist, else why not (in Chinese)."""
    outcome = decision.outcome
    if outcome == Outcome.REJECT:
        return None if decision.reason.strip() else "不予受理必须写明理由。"
    if outcome == Outcome.DEFER:
        return None
    unchecked = [i for i in items if i.applies and i.status == ItemStatus.UNCHECKED]
    if unchecked:
        return f"还有材料未核验：{_names(unchecked)}。"
    unanswered = [i for i in items if not i.required and i.condition_holds is None]
    if unanswered:
        return f"请先确认以下材料的适用情形：{_names(unanswered)}。"
    undescribed = [i for i in items if i.applies and i.status == ItemStatus.DEFECTIVE and not i.defect.strip()]
    if undescribed:
        return f"有误的材料必须写明问题：{_names(undescribed)}。"
    problems = [i for i in items if i.problem]
    if outcome == Outcome.CORRECTION:
        return None if problems else "材料齐全，无需出具一次性告知单。"
    if outcome == Outcome.COMMITMENT:
        not_eligible = [m.name for m in matters if not m.commitment_eligible]
        return f"以下事项不适用告知承诺制：{'、'.join(not_eligible)}。" if not_eligible else None
    if outcome == Outcome.TOLERANCE:
        if not problems:
            return "材料齐全，应直接受理，无需容缺。"
        not_tolerable = [i for i in problems if not i.tolerance_eligible]
        if not_tolerable:
            return f"以下材料不可容缺，不能容缺受理：{_names(not_tolerable)}。"
        if decision.supply_by is None or decision.supply_by <= today:
            return "容缺受理必须约定今天以后的补交日期。"
        return None
    if problems:
        return f"材料不齐或有误，不能{outcome.value}：{_names(problems)}。"
    if outcome == Outcome.ON_THE_SPOT:
        not_spot = [m.name for m in matters if not m.on_the_spot]
        return f"以下事项不是即办件：{'、'.join(not_spot)}。" if not_spot else None
    return None


def supply_day_refusal(supply_by: date, statutory_dues: list[date]) -> str | None:
    """A 容缺 case is decided once its missing material is in, and the law's limit for the decision
    runs from acceptance (ALL art. 42): so the material cannot be agreed for after that limit."""
    latest = min(statutory_dues)
    if supply_by > latest:
        return (
            f"容缺材料的补交日期不能晚于法定办结期限 {latest:%Y年%m月%d日}：补交前不能作出决定。"
            "请约定该日或之前的日期，或出具一次性告知单。"
        )
    return None


def check(decision: Decision, items: list[CheckItem], matters: list[MatterFlags], today: date) -> None:
    why = refusal(decision, items, matters, today)
    if why is not None:
        raise OutcomeRefused(why)
