"""The 自查评分表 of “三个无审批” (石龙区 实施方案 二（一）: the nine self-check items), one
department at a time: each item answered 是 (符合), 否 (存在问题) or 待填, with the sentence that
says why. Items the record can answer are judged from the facts the center gathers; items it
cannot (1, 2, 5: how the department is organised, whether its system is linked to the platform)
are the department's own recorded answer, 待填 until someone records it. Pure, tested from tables.

The items are worded so that 是 is always the good answer: items 8 and 9 of the policy ask whether
approval outside the hall or outside the list exists, here whether there is none."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Verdict(StrEnum):
    YES = "是"  # 符合要求
    NO = "否"  # 存在问题
    OPEN = "待填"  # the record cannot say, and nobody has recorded an answer yet


ITEMS: dict[int, str] = {
    1: "行政审批职能向一个内设机构集中",
    2: "行政审批服务科室向政务服务大厅集中",
    3: "政务服务事项进驻政务服务大厅到位",
    4: "政务服务事项审批授权到位",
    5: "行政审批系统对接线上一体化政务服务平台",
    6: "事项审批环节全流程进驻到位",
    7: "政务服务审批人员进驻到位",
    8: "不存在政务服务大厅之外有审批的情况",
    9: "不存在政务服务事项清单外审批的情况",
}
RECORDED_ITEMS = frozenset({1, 2, 5})  # what the record cannot tell: the department answers
SHOWN = 3  # names listed in an evidence sentence before “等”


@dataclass(frozen=True)
class Answer:
    item_no: int
    text: str
    verdict: Verdict
    evidence: str  # one or two sentences: the facts behind the verdict
    recorded: bool = False  # answered by a person (items 1, 2, 5), not judged from the record


@dataclass(frozen=True)
class Recorded:
    """A department's own answer to an item the record cannot judge."""

    verdict: Verdict
    note: str
    by: str  # staff number
    at: datetime  # hall time


@dataclass(frozen=True)
class DepartmentFacts:
    """What the center's record says about one department over the period."""

    department: str
    matters: int  # in the catalog (current guides)
    negative_listed: int  # out of the hall with an approved 负面清单 place
    out_unlisted: tuple[str, ...]  # matter names out of the hall without one
    in_hall_matters: int
    unauthorized: tuple[str, ...]  # in-hall matter names no 授权书 in force covers
    letters_in_force: int
    special_steps: int  # special steps started in the period
    unregistered_steps: tuple[str, ...]  # “QS2026-ZX-00001 现场勘验”: steps the register lacks
    review_steps: int  # review steps taken in the period
    outside_steps: tuple[str, ...]  # “QS2026-ZX-00001 核准（3 楼科室）”: taken outside the hall
    approvers: int  # active staff with the reviewer or chief role
    unposted: tuple[str, ...]  # “R009 王五”: of them, without a hall posting (Staff.hall_posted)
    windowed: int = 0  # of them, with a window of their own (reviewers work at hall desks, not windows)
    outside_signals: tuple[tuple[str, int], ...] = ()  # (kind, unexplained count) behind item 8
    unlisted_signals: tuple[tuple[str, int], ...] = ()  # (kind, unexplained count) behind item 9
    recorded: dict[int, Recorded] = field(default_factory=dict)


def _some(names: Sequence[str]) -> str:
    shown = "、".join(names[:SHOWN])
    return f"{shown}等 {len(names)} 项" if len(names) > SHOWN else f"{shown}（{len(names)} 项）"


def _counts(pairs: Sequence[tuple[str, int]]) -> str:
    return "、".join(f"“{kind}” {n} 条" for kind, n in pairs if n)


def _answer(no: int, verdict: Verdict, evidence: str, recorded: bool = False) -> Answer:
    return Answer(no, ITEMS[no], verdict, evidence, recorded)


def recorded_item(no: int, recorded: Recorded | None) -> Answer:
    if recorded is None:
        return _answer(no, Verdict.OPEN, "系统无法据办件记录判断，须由单位自查填报。", True)
    note = f"：{recorded.note}" if recorded.note else "。"
    return _answer(no, recorded.verdict, f"单位自查填报（{recorded.by}，{recorded.at:%Y-%m-%d}）{note}", True)


def _counted(no: int, judged: int, breaking: Sequence[str], nothing: str, broken: str, fine: str) -> Answer:
    """An item judged from how many things there are to judge and those that break it: 待填 with
    nothing to judge (`nothing` says so), 否 naming the first few that break it (`broken` follows
    their names), 是 otherwise (`fine` says what was found)."""
    if not judged:
        return _answer(no, Verdict.OPEN, nothing)
    if breaking:
        return _answer(no, Verdict.NO, f"{_some(breaking)}{broken}")
    return _answer(no, Verdict.YES, fine)


def matters_in_hall(f: DepartmentFacts) -> Answer:
    nothing = "事项目录中没有本单位的事项，无从判断。"
    broken = "事项未进驻大厅，也未经批准列入不进驻清单（负面清单）。"
    fine = f"本单位 {f.matters} 项事项中，{f.matters - f.negative_listed} 项进驻大厅"
    fine += f"，{f.negative_listed} 项经批准列入负面清单。" if f.negative_listed else "。"
    return _counted(3, f.matters, f.out_unlisted, nothing, broken, fine)


def authorization(f: DepartmentFacts) -> Answer:
    nothing = "本单位没有进驻大厅的事项，无从判断授权。"
    broken = "进驻事项没有有效的授权书覆盖，大厅内无人可以作出决定。"
    fine = f"进驻大厅的 {f.in_hall_matters} 项事项均有有效授权书覆盖（现行授权书 {f.letters_in_force} 份）。"
    return _counted(4, f.in_hall_matters, f.unauthorized, nothing, broken, fine)


def steps_in_hall(f: DepartmentFacts) -> Answer:
    problems = []
    if f.unregistered_steps:
        problems.append(f"启动了事项未登记的特别程序：{_some(f.unregistered_steps)}")
    if f.outside_steps:
        problems.append(f"在大厅以外的工作站办理审批环节：{_some(f.outside_steps)}")
    if problems:
        return _answer(6, Verdict.NO, "；".join(problems) + "。")
    if not f.review_steps and not f.special_steps:
        return _answer(6, Verdict.OPEN, "本期没有审批环节或特别程序的办理记录，无从判断。")
    why = f"本期 {f.review_steps} 个审批环节均在大厅工作站办理"
    why += f"，{f.special_steps} 个特别程序均为事项登记的程序。" if f.special_steps else "。"
    return _answer(6, Verdict.YES, why)


def approvers_in_hall(f: DepartmentFacts) -> Answer:
    limits = f"（其中 {f.windowed} 名有固定窗口；系统仅记录人员是否在大厅设岗及所在窗口，实际到岗以考勤为准。）"
    if not f.approvers:
        return _answer(7, Verdict.OPEN, "人员名单中没有本单位的审批人员或首席代表，无从判断。")
    if f.unposted:
        why = f"{len(f.unposted)} 名审批人员没有大厅岗位：{'、'.join(f.unposted[:SHOWN])}"
        why += "等。" if len(f.unposted) > SHOWN else "。"
        return _answer(7, Verdict.NO, why + limits)
    return _answer(7, Verdict.YES, f"本单位 {f.approvers} 名审批人员和首席代表均在大厅设岗。" + limits)


def no_approval_outside(f: DepartmentFacts) -> Answer:
    found = _counts(f.outside_signals)
    if found:
        return _answer(8, Verdict.NO, f"电子监察发现未排除的红牌信号：{found}。")
    return _answer(
        8,
        Verdict.YES,
        "本期电子监察没有未排除的厅外办理、提前办结异常、补录或现场无取号红牌（黄牌为待核查线索）。",
    )


def no_approval_off_list(f: DepartmentFacts) -> Answer:
    found = _counts(f.unlisted_signals)
    if found:
        return _answer(9, Verdict.NO, f"电子监察发现未排除的红牌信号：{found}。")
    return _answer(9, Verdict.YES, "本期电子监察没有未排除的清单外特别程序或清单外材料信号。")


def answers(f: DepartmentFacts) -> tuple[Answer, ...]:
    """The nine items in order."""
    judged = {
        3: matters_in_hall(f),
        4: authorization(f),
        6: steps_in_hall(f),
        7: approvers_in_hall(f),
        8: no_approval_outside(f),
        9: no_approval_off_list(f),
    }
    return tuple(judged.get(no) or recorded_item(no, f.recorded.get(no)) for no in ITEMS)


def combined(by_department: Sequence[tuple[str, Sequence[Answer]]]) -> tuple[Answer, ...]:
    """The whole center's answers from its departments': an item is 否 when any department's is,
    待填 when any is still open and none is 否, 是 when all are; the evidence names who (every
    department with a problem; the first few of those still to answer)."""
    out = []
    for no, text in ITEMS.items():
        verdicts = {name: next(a for a in answers if a.item_no == no).verdict for name, answers in by_department}
        no_ones = [name for name, v in verdicts.items() if v == Verdict.NO]
        open_ones = [name for name, v in verdicts.items() if v == Verdict.OPEN]
        recorded = no in RECORDED_ITEMS
        if not verdicts:
            out.append(Answer(no, text, Verdict.OPEN, "没有窗口单位。", recorded))
        elif no_ones:
            out.append(Answer(no, text, Verdict.NO, f"存在问题的单位：{'、'.join(no_ones)}。", recorded))
        elif open_ones:
            named = "、".join(open_ones[:SHOWN]) + (f"等 {len(open_ones)} 个" if len(open_ones) > SHOWN else "")
            out.append(Answer(no, text, Verdict.OPEN, f"待填报或无从判断的单位：{named}。", recorded))
        else:
            out.append(Answer(no, text, Verdict.YES, f"{len(verdicts)} 个窗口单位均符合。", recorded))
    return tuple(out)
