"""The approval's check of pushed data (app.sync.push_policy): a case's review, decision, extension
and pauses are made at the center (app.approval.service). A workstation may create cases and decide
only a 即办件, at acceptance, under a letter the center holds for the person who accepted it."""

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.approval.case_status import CaseKind
from app.approval.people import person_of
from app.approval.rules import ON_THE_SPOT_STEP, letter_for
from app.replication import encode
from app.sync.push_policy import Pushed, PushPolicy, Refusal, refused_each
from db.models import Case, Matter

ON_THE_SPOT = CaseKind.ON_THE_SPOT  # the case kind a workstation may decide at acceptance
DECIDED_ON_THE_SPOT = ("decision", "decided_at")
DECIDED_AT_CENTER = ("decision", "decided_at", "extension_days", "extension_reason", "extension_by", "paused_days")
NEW_CASE = {
    "decision": None,
    "decided_at": None,
    "extension_days": 0,
    "extension_reason": "",
    "extension_by": "",
    "paused_days": 0,
}


class ApprovalRefusal(StrEnum):
    REVIEW_AT_CENTER = "review_at_center"
    DECISION_AT_CENTER = "decision_at_center"
    NO_LETTER_ON_THE_SPOT = "no_letter_on_the_spot"


def cases_held(s: Session, pending: Sequence[Pushed]) -> dict[str, Case]:
    """The center's copies of the cases a batch carries, read in one query (most are new)."""
    ids = {row["v"]["id"] for m in pending for row in m.rows if row["t"] == "cases" and row["op"] == "upsert"}
    return {c.id: c for c in s.scalars(select(Case).where(Case.id.in_(ids)))} if ids else {}


def decided_here_refusal(s: Session, m: Pushed, held: dict[str, Case]) -> Refusal | None:
    rows = [row for row in m.rows if row["t"] in ("cases", "review_steps")]
    cases = {row["v"]["id"]: row["v"] for row in rows if row["t"] == "cases" and row["op"] == "upsert"}
    on_the_spot = {}
    for row in rows:
        if row["t"] != "review_steps":
            continue
        step, case = row["v"], cases.get(row["v"].get("case_id"))
        if (
            row["op"] != "upsert"
            or case is None
            or case.get("kind") != ON_THE_SPOT
            or step.get("step") != ON_THE_SPOT_STEP
            or step.get("seq") != 1
            or step.get("staff_no") != m.payload.get("by")
        ):
            return Refusal(ApprovalRefusal.REVIEW_AT_CENTER, "审批环节只能在中心办理，工作站提交的审批记录被拒绝。")
        on_the_spot[case["id"]] = step
    for case_id, row in cases.items():
        current = held.get(case_id)
        for column in DECIDED_AT_CENTER:
            ours = encode(current)["v"][column] if current is not None else NEW_CASE[column]
            on_the_spot_decision = current is None and case_id in on_the_spot and column in DECIDED_ON_THE_SPOT
            if row.get(column, ours) != ours and not on_the_spot_decision:
                why = f"办件 {row.get('case_no', '')} 的审批决定、延期和暂停只能在中心办理，工作站的修改被拒绝。"
                return Refusal(ApprovalRefusal.DECISION_AT_CENTER, why)
        if current is None and row.get("kind") == ON_THE_SPOT:
            refused = on_the_spot_refusal(s, row, on_the_spot.get(case_id), m.by)
            if refused:
                return refused
    return None


def on_the_spot_refusal(s: Session, case: dict, step: dict | None, by: str) -> Refusal | None:
    letter = None
    if step is not None and case.get("decision") == "准予":
        department_id = s.scalar(select(Matter.department_id).where(Matter.id == case["matter_id"]))
        accepted_on = date.fromisoformat(case["accepted_on"])
        if department_id is not None:
            letter = letter_for(person_of(s, by), department_id, case["matter_id"], accepted_on)
    if step is None or letter is None or letter.document_no != step["authorization_no"]:
        why = f"办件 {case.get('case_no', '')} 作为即办件当场办结，但办理人在中心没有该事项的有效授权，被拒绝。"
        return Refusal(ApprovalRefusal.NO_LETTER_ON_THE_SPOT, why)
    return None


class ApprovalPushPolicy(PushPolicy):
    def refuse(self, s: Session, pending: Sequence[Pushed]) -> dict[int, Refusal]:
        held = cases_held(s, pending)
        return refused_each(pending, lambda m: decided_here_refusal(s, m, held))
