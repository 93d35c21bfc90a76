"""Who may take which review step (DESIGN §4 rule 5). Pure, so the rules read as the law does.

Review modes: 审核合一 one person reviews and decides; 一审一核 two distinct people; 一审两核 three.
A matter's registered special steps (shown as 特别程序) are added to its mode and change neither
its steps nor its people; they pause the clock (app.approval.service). The last step
decides, and only a chief representative whose written authorization covers the matter and is
valid that day may take it. Earlier steps: a reviewer or chief of the matter's department. Nobody
takes two steps of one case, and the clerk who accepted it cannot be its sole reviewer."""

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


def refusal(person: Person, case: CaseFacts, on: date) -> str | None:
    """Why this person may not take the case's next step now; None when they may."""
    step = next_step(case)
    if step is None:
        return "该办件已作出决定，不能重复审批。"
    if person.staff_no in case.done:
        return "同一人不能承担同一办件的两个审批环节（审核与核准须由不同人员办理）。"
    final = len(case.done) == len(steps(case.review_mode)) - 1
    if final and len(steps(case.review_mode)) == 1 and person.staff_no == case.accepted_by:
        return "受理该办件的窗口人员不能同时作为唯一审批人。"
    if final:
        if "chief" not in person.roles:
            return f"“{step}”须由首席代表在授权范围内作出。"
        if covering(person, case, on) is None:
            if any(
                a.department_id == case.department_id and case.matter_id in a.matter_ids for a in person.authorizations
            ):
                return "授权书不在有效期内或已终止，不能作出决定。"
            return "该事项不在您的授权书范围内，不能作出决定。"
        return None
    if not ({"chief", "reviewer"} & person.roles) or person.department_id != case.department_id:
        return f"“{step}”须由本事项所属部门的审批人员或首席代表办理。"
    return None
