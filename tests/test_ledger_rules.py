"""The 问题台账's rules from tables: which moves a row may make and why one is refused, and when a
row is overdue (red)."""

from datetime import date

import pytest

from app.supervision.ledger_rules import (
    MOVES,
    LedgerStatus,
    ProblemType,
    Source,
    can_move,
    is_member,
    is_overdue,
    refusal,
)

OPEN, DOING, DONE, CLOSED = LedgerStatus.OPEN, LedgerStatus.IN_PROGRESS, LedgerStatus.RECTIFIED, LedgerStatus.CLOSED

ALLOWED = {(OPEN, DOING), (DOING, DONE), (DONE, CLOSED), (DONE, DOING)}


@pytest.mark.parametrize("current", list(LedgerStatus))
@pytest.mark.parametrize("target", list(LedgerStatus))
def test_only_the_listed_moves_are_allowed(current, target):
    assert can_move(current, target) == ((current, target) in ALLOWED)


def test_the_words_are_the_campaigns():
    assert [s.value for s in LedgerStatus] == ["待整改", "整改中", "已整改", "已销号"]
    assert [p.value for p in ProblemType] == ["应进未进", "特殊环节无依据", "大厅外受理审查", "增加办事材料", "其他"]
    assert [s.value for s in Source] == ["电子监察", "暗访", "上级督查", "差评", "办不成事"]
    assert set(MOVES) == set(LedgerStatus)
    assert is_member(Source, "暗访") and not is_member(Source, "举报")


@pytest.mark.parametrize(
    ("current", "target", "given", "refused"),
    [
        (OPEN, DOING, {"measure": "窗口受理权限全部回归大厅"}, None),
        (OPEN, DOING, {}, "整改措施"),
        (OPEN, DOING, {"measure": "  "}, "整改措施"),
        (OPEN, DONE, {"measure": "x"}, "不能从“待整改”改为“已整改”"),
        (OPEN, CLOSED, {"measure": "x"}, "只有已整改的问题才能销号"),
        (DOING, CLOSED, {"measure": "x"}, "只有已整改的问题才能销号"),
        (DOING, DONE, {"measure": "x"}, None),
        (DOING, OPEN, {"measure": "x"}, "不能从“整改中”改为“待整改”"),
        (DONE, DOING, {"measure": "x"}, "退回原因"),
        (DONE, DOING, {"measure": "x", "note": "复查仍在科室受理"}, None),
        (DONE, CLOSED, {"measure": "x", "verifier": "J001", "responsible": "C001"}, None),
        (DONE, CLOSED, {"measure": "x", "verifier": "J001"}, None),  # nobody named: anyone verifies
        (DONE, CLOSED, {"measure": "x", "verifier": "C001", "responsible": "C001"}, "责任人以外"),
        (CLOSED, DOING, {"measure": "x", "note": "再查"}, "已销号"),
        (CLOSED, CLOSED, {"measure": "x"}, "已销号"),
    ],
)
def test_a_move_is_refused_with_its_reason(current, target, given, refused):
    why = refusal(current, target, **given)
    if refused is None:
        assert why is None
    else:
        assert why is not None and refused in why


@pytest.mark.parametrize(
    ("due_on", "status", "today", "overdue"),
    [
        (date(2026, 3, 10), OPEN, date(2026, 3, 11), True),
        (date(2026, 3, 10), DOING, date(2026, 3, 11), True),
        (date(2026, 3, 10), DONE, date(2026, 3, 11), True),  # rectified but not yet verified: still red
        (date(2026, 3, 10), CLOSED, date(2026, 3, 11), False),
        (date(2026, 3, 10), OPEN, date(2026, 3, 10), False),  # the last day itself is in time
        (date(2026, 3, 10), OPEN, date(2026, 3, 9), False),
    ],
)
def test_a_row_past_its_deadline_and_not_closed_is_overdue(due_on, status, today, overdue):
    assert is_overdue(due_on, status, today) == overdue
