"""The 问题台账's rules (南阳 “大厅之外有审批”专项整治方案: 建立问题台账，制定整改措施、限期整改到位):
what a row may be, the way it moves from 待整改 to 已销号, and when it is overdue. Pure, tested
from tables; app.supervision.ledger applies them to the store."""

from datetime import date
from enum import StrEnum


class LedgerStatus(StrEnum):
    OPEN = "待整改"
    IN_PROGRESS = "整改中"
    RECTIFIED = "已整改"
    CLOSED = "已销号"


class ProblemType(StrEnum):
    """The 整治重点 of the campaign."""

    NOT_IN_HALL = "应进未进"  # a matter, a step or an authority kept out of the hall
    SPECIAL_STEP = "特殊环节无依据"  # a special procedure with no legal basis or not in the register
    OUTSIDE_REVIEW = "大厅外受理审查"  # accepted or reviewed outside (体外循环), the hall a formality (走形式)
    EXTRA_MATERIALS = "增加办事材料"  # materials asked for beyond the published guide
    OTHER = "其他"


class Source(StrEnum):
    """How the problem came to light."""

    MONITORING = "电子监察"
    UNANNOUNCED_VISIT = "暗访"
    HIGHER_INSPECTION = "上级督查"
    BAD_RATING = "差评"
    COULD_NOT_GET_DONE = "办不成事"


MIN_DEADLINE_DAYS, MAX_DEADLINE_DAYS = 1, 60  # working days to rectify, from the day it was found

# Forward one step at a time; 销号 only once rectified; a rectification that fails verification
# goes back to 整改中 (with the reason). A closed row is final.
MOVES: dict[LedgerStatus, frozenset[LedgerStatus]] = {
    LedgerStatus.OPEN: frozenset({LedgerStatus.IN_PROGRESS}),
    LedgerStatus.IN_PROGRESS: frozenset({LedgerStatus.RECTIFIED}),
    LedgerStatus.RECTIFIED: frozenset({LedgerStatus.CLOSED, LedgerStatus.IN_PROGRESS}),
    LedgerStatus.CLOSED: frozenset(),
}


def is_member(enum: type[StrEnum], value: str) -> bool:
    """`value in enum` that answers False for a stranger on Python 3.11 too (which raises there)."""
    return value in enum._value2member_map_


def can_move(current: LedgerStatus, target: LedgerStatus) -> bool:
    return target in MOVES[current]


def refusal(
    current: LedgerStatus,
    target: LedgerStatus,
    *,
    measure: str = "",
    note: str = "",
    verifier: str = "",
    responsible: str = "",
) -> str | None:
    """Why the row may not move from `current` to `target`, in Chinese; None when it may.

    measure: the row's rectification measure (or the one given with the move); note: the reason
    given with the move; verifier: who closes it; responsible: the staff number the row names."""
    if current == LedgerStatus.CLOSED:
        return "该问题已销号，不能再变更。"
    if not can_move(current, target):
        if target == LedgerStatus.CLOSED:
            return "只有已整改的问题才能销号。"
        return f"问题状态不能从“{current}”改为“{target}”。"
    if target == LedgerStatus.IN_PROGRESS and current == LedgerStatus.RECTIFIED and not note.strip():
        return "整改验收未通过，请填写退回原因。"
    if target == LedgerStatus.IN_PROGRESS and not measure.strip():
        return "请先填写整改措施。"
    if target == LedgerStatus.CLOSED and responsible and verifier == responsible:
        return "销号须由责任人以外的人员验收。"
    return None


def is_overdue(due_on: date, status: LedgerStatus, today: date) -> bool:
    """Past its deadline and not yet 销号: the row turns red."""
    return due_on < today and status != LedgerStatus.CLOSED
