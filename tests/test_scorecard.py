"""The nine self-check items (石龙区 “三个无审批” 自查) judged from a department's facts: each item
是, 否 or 待填 with the sentence saying why; items 1, 2, 5 the department's own recorded answers;
the whole center's answers combined from its departments'."""

from dataclasses import replace
from datetime import datetime

import pytest

from app.supervision.scorecard import ITEMS, DepartmentFacts, Recorded, Verdict, answers, combined

YES, NO, OPEN = Verdict.YES, Verdict.NO, Verdict.OPEN

CLEAN = DepartmentFacts(
    department="青山县市场监督管理局",
    matters=5,
    negative_listed=1,
    out_unlisted=(),
    in_hall_matters=4,
    unauthorized=(),
    letters_in_force=1,
    special_steps=2,
    unregistered_steps=(),
    review_steps=12,
    outside_steps=(),
    approvers=2,
    unposted=(),
    windowed=1,
)


def verdicts(facts: DepartmentFacts) -> dict[int, Verdict]:
    return {a.item_no: a.verdict for a in answers(facts)}


def test_a_clean_department_answers_yes_where_the_record_can_tell_and_waits_for_the_rest():
    out = answers(CLEAN)
    assert [a.item_no for a in out] == list(range(1, 10)) and [a.text for a in out] == list(ITEMS.values())
    assert verdicts(CLEAN) == {1: OPEN, 2: OPEN, 3: YES, 4: YES, 5: OPEN, 6: YES, 7: YES, 8: YES, 9: YES}
    assert [a.item_no for a in out if a.recorded] == [1, 2, 5]
    assert "5 项事项中，4 项进驻大厅，1 项经批准列入负面清单" in out[2].evidence
    assert "实际到岗以考勤为准" in out[6].evidence and "1 名有固定窗口" in out[6].evidence


@pytest.mark.parametrize(
    ("changes", "item", "verdict", "words"),
    [
        ({"out_unlisted": ("食品经营许可",)}, 3, NO, "食品经营许可（1 项）事项未进驻大厅"),
        ({"out_unlisted": ("甲", "乙", "丙", "丁")}, 3, NO, "甲、乙、丙等 4 项"),
        ({"matters": 0}, 3, OPEN, "没有本单位的事项"),
        ({"unauthorized": ("药品零售许可",)}, 4, NO, "没有有效的授权书覆盖"),
        ({"in_hall_matters": 0}, 4, OPEN, "没有进驻大厅的事项"),
        ({"unregistered_steps": ("QS2026-ZX-00001 现场勘验",)}, 6, NO, "未登记的特别程序"),
        ({"outside_steps": ("QS2026-ZX-00001 核准（3 楼科室）",)}, 6, NO, "大厅以外的工作站"),
        ({"review_steps": 0, "special_steps": 0}, 6, OPEN, "没有审批环节"),
        ({"unposted": ("R009 王五",)}, 7, NO, "1 名审批人员没有大厅岗位：R009 王五"),
        ({"approvers": 0}, 7, OPEN, "没有本单位的审批人员"),
        ({"outside_signals": (("厅外办理", 2), ("补录", 1))}, 8, NO, "“厅外办理” 2 条、“补录” 1 条"),
        ({"unlisted_signals": (("清单外材料", 1),)}, 9, NO, "“清单外材料” 1 条"),
    ],
)
def test_each_item_the_record_can_judge(changes, item, verdict, words):
    (answer,) = [a for a in answers(replace(CLEAN, **changes)) if a.item_no == item]
    assert answer.verdict == verdict and words in answer.evidence
    others = {no: v for no, v in verdicts(replace(CLEAN, **changes)).items() if no != item}
    assert others == {no: v for no, v in verdicts(CLEAN).items() if no != item}  # one fact, one item


def test_recorded_answers_fill_items_one_two_and_five():
    at = datetime(2026, 3, 2, 10, 0)
    facts = replace(
        CLEAN,
        recorded={1: Recorded(YES, "", "J001", at), 5: Recorded(NO, "审批系统尚未对接省一体化平台", "M001", at)},
    )
    out = {a.item_no: a for a in answers(facts)}
    assert (out[1].verdict, out[2].verdict, out[5].verdict) == (YES, OPEN, NO)
    assert out[5].evidence == "单位自查填报（M001，2026-03-02）：审批系统尚未对接省一体化平台"
    assert out[2].evidence == "系统无法据办件记录判断，须由单位自查填报。"


def test_the_center_combines_its_departments_answers():
    bad = replace(CLEAN, department="县自然资源局", out_unlisted=("采矿许可",))
    done = replace(CLEAN, recorded={n: Recorded(YES, "", "J001", datetime(2026, 3, 2)) for n in (1, 2, 5)})
    out = {a.item_no: a for a in combined([("市场监管局", answers(done)), ("自然资源局", answers(bad))])}
    assert out[3].verdict == NO and out[3].evidence == "存在问题的单位：自然资源局。"
    assert out[1].verdict == OPEN and out[1].evidence == "待填报或无从判断的单位：自然资源局。"
    assert out[4].verdict == YES and out[4].evidence == "2 个窗口单位均符合。"
    assert all(a.verdict == OPEN for a in combined([]))
    many = combined([(f"第{n}局", answers(CLEAN)) for n in range(1, 6)])
    assert many[0].evidence == "待填报或无从判断的单位：第1局、第2局、第3局等 5 个。"
