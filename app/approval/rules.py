"""Who may take which review step (DESIGN §4 rule 5). Pure, so the rules read as the law does.

Review modes: 审核合一 one person reviews and decides; 一审一核 two distinct people; 一审两核 three.
A matter's registered special steps (shown as 特别程序) are added to its mode and change neither
its steps nor its people; they pause the clock (app.approval.service). The last step
decides, and only a chief representative whose written authorization covers the matter and is
valid that day may take it. Earlier steps: a reviewer or chief of the matter's department. Nobody
takes two steps of one case, and the clerk who accepted it cannot be its sole reviewer.

No case is stranded (rule 12): a step is refused to a person when, after they take it, the
remaining steps cannot each go to a distinct other eligible person (a small assignment problem),
and a case whose steps cannot all be staffed any more says why."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

ON_THE_SPOT_STEP = "即办决定"  # 即办件: decided at acceptance by a person authorized for the matter
STEPS = {
    "审核合一": ["审核决定"],
    "一审一核": ["审核", "核准"],
    "一审两核": ["审核", "复核", "核准"],
}


@dataclass(frozen=True)
class Authorization:
    document_no: str
    department_id: str
    matter_ids: frozenset[str]
    valid_from: date
    valid_to: date
    revoked_on: date | None = None  # ended early: no decision from that day on

    def valid_on(self, on: date) -> bool:
        return self.valid_from <= on <= self.valid_to and (self.revoked_on is None or on < self.revoked_on)


@dataclass(frozen=True)
class Person:
    staff_no: str
    roles: frozenset[str]
    department_id: str | None
    authorizations: tuple[Authorization, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class CaseFacts:
    review_mode: str
    matter_id: str
    department_id: str
    accepted_by: str
    done: tuple[str, ...]  # staff numbers of the steps taken, in order
    decided: bool


def steps(mode: str) -> list[str]:
    # A guide version synced from a center not yet migrated (0009) may still say 特别程序, which
    # meant 一审一核.
    return STEPS.get(mode, STEPS["一审一核"])


def next_step(case: CaseFacts) -> str | None:
    remaining = steps(case.review_mode)[len(case.done) :]
    return None if case.decided or not remaining else remaining[0]


def letter_for(person: Person, department_id: str, matter_id: str, on: date) -> Authorization | None:
    """The person's letter from the department that covers the matter and is in force that day."""
    for a in person.authorizations:
        if a.department_id == department_id and matter_id in a.matter_ids and a.valid_on(on):
            return a
    return None


def covering(person: Person, case: CaseFacts, on: date) -> Authorization | None:
    return letter_for(person, case.department_id, case.matter_id, on)


def _unqualified(person: Person, case: CaseFacts, index: int, on: date) -> str | None:
    """Why this person may not take step `index` of the case, whoever takes the others."""
    names = steps(case.review_mode)
    step, final = names[index], index == len(names) - 1
    if final and len(names) == 1 and person.staff_no == case.accepted_by:
        return "受理该办件的窗口人员不能同时作为唯一审批人。"
    if final:
        if "chief" not in person.roles:
            return f"“{step}”须由首席代表在授权范围内作出。"
        if covering(person, case, on) is None:
            if _lapsed(person, case):
                return "授权书不在有效期内或已终止，不能作出决定。"
            return "该事项不在您的授权书范围内，不能作出决定。"
        return None
    if not ({"chief", "reviewer"} & person.roles) or person.department_id != case.department_id:
        return f"“{step}”须由本事项所属部门的审批人员或首席代表办理。"
    return None


def _lapsed(person: Person, case: CaseFacts) -> bool:
    """The person holds a letter for the matter, but none in force that day."""
    return any(a.department_id == case.department_id and case.matter_id in a.matter_ids for a in person.authorizations)


def refusal(person: Person, case: CaseFacts, on: date, colleagues: Sequence[Person]) -> str | None:
    """Why this person may not take the case's next step now; None when they may. `colleagues`:
    everyone who might take the later steps (DESIGN §4 rule 12: a step is not given to someone
    whose taking it leaves a later step with nobody eligible)."""
    step = next_step(case)
    if step is None:
        return "该办件已作出决定，不能重复审批。"
    if person.staff_no in case.done:
        return "同一人不能承担同一办件的两个审批环节（审核与核准须由不同人员办理）。"
    why = _unqualified(person, case, len(case.done), on)
    if why is not None:
        return why
    later = _unstaffed(case, len(case.done) + 1, colleagues, {*case.done, person.staff_no}, on)
    if later is not None:
        return f"您若办理“{step}”，{later}。请由其他人员办理“{step}”。"
    return None


def stranded(case: CaseFacts, people: Sequence[Person], on: date) -> str | None:
    """Why nobody can take the case's next step so that every step can still be taken; None when
    someone can (or the case is decided). `people`: everyone who might take a step of the case."""
    if next_step(case) is None:
        return None
    return _unstaffed(case, len(case.done), people, set(case.done), on)


def _unstaffed(case: CaseFacts, start: int, people: Sequence[Person], taken: set[str], on: date) -> str | None:
    """Why the steps from `start` on cannot each have their own eligible person among `people`,
    leaving out those in `taken` (they took or take another step); None when they can."""
    names = steps(case.review_mode)
    candidates = []
    for index in range(start, len(names)):
        eligible = [p for p in people if _unqualified(p, case, index, on) is None]
        free = [p for p in eligible if p.staff_no not in taken]
        if not free:
            return f"“{names[index]}”无人可办：{_why_nobody(case, index, people, eligible, on)}"
        candidates.append(free)
    if _assignable(candidates):
        return None
    pool = list({p.staff_no: p for free in candidates for p in free}.values())
    wanted = "、".join(f"“{n}”" for n in names[start:])
    return f"{wanted}须由 {len(candidates)} 名不同人员办理，可以办理的只有{_names(pool)}"


def _why_nobody(case: CaseFacts, index: int, people: Sequence[Person], eligible: list[Person], on: date) -> str:
    if eligible:  # each of them takes another step of the case
        return f"可以办理的只有{_names(eligible)}，同一人不能承担两个审批环节"
    if index < len(steps(case.review_mode)) - 1:
        return "本事项所属部门没有在岗的审批人员或首席代表"
    chiefs = [p for p in people if "chief" in p.roles]
    if any(p.staff_no == case.accepted_by and covering(p, case, on) for p in chiefs):
        return "唯一持有效授权书的首席代表受理了该办件，不能同时作为唯一审批人"
    lapsed = [p for p in chiefs if _lapsed(p, case)]
    if lapsed:
        return f"首席代表{_names(lapsed)}的授权书不在有效期内或已终止"
    return "没有首席代表持有覆盖该事项的授权书"


def _names(people: Sequence[Person]) -> str:
    return "、".join(f"{p.name}（{p.staff_no}）" if p.name else p.staff_no for p in people)


def _assignable(candidates: list[list[Person]]) -> bool:
    """Whether every step can have a person of its own from its candidates: a matching that
    covers every step (augmenting paths; a case has at most three steps)."""
    taker: dict[str, int] = {}  # person -> the step they take

    def place(step: int, tried: set[str]) -> bool:
        for who in (p.staff_no for p in candidates[step]):
            if who not in tried:
                tried.add(who)
                if who not in taker or place(taker[who], tried):
                    taker[who] = step
                    return True
        return False

    return all(place(step, set()) for step in range(len(candidates)))
