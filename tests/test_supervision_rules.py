"""The rules of 电子监察 from tables, without a database (app/supervision/rules.py)."""

from datetime import date, datetime, time, timedelta

import pytest

from app.supervision.rules import (
    CaseClock,
    Evidence,
    HallHours,
    Level,
    SignalKind,
    Slip,
    TimedStep,
    bursts,
    decided_too_fast,
    late_extension,
    no_letter_in_hall,
    no_ticket,
    not_in_hall,
    not_posted,
    notification_broken,
    off_hours,
    outside_hall,
    overdue,
    same_person,
    step_overdue,
    unlisted_materials,
    unregistered_step,
)

D = date(2026, 12, 3)  # a Thursday
PROMISED, STATUTORY = date(2026, 12, 10), date(2026, 12, 31)


def at(hh: int, mm: int = 0, day: date = D) -> datetime:
    return datetime.combine(day, time(hh, mm))


@pytest.mark.parametrize(
    ("decided_on", "today", "level", "words"),
    [
        (None, PROMISED, None, None),  # the last day of the promise is still on time
        (None, PROMISED + timedelta(days=1), Level.YELLOW, "已超过承诺时限（2026-12-10），仍未办结"),
        (PROMISED + timedelta(days=2), date(2027, 1, 20), Level.YELLOW, "已超过承诺时限（2026-12-10），办结"),
        (STATUTORY, date(2027, 1, 20), Level.YELLOW, "承诺时限"),
        (None, STATUTORY + timedelta(days=1), Level.RED, "已超过法定时限（2026-12-31），仍未办结"),
        (STATUTORY + timedelta(days=1), STATUTORY + timedelta(days=9), Level.RED, "法定时限"),
        (PROMISED, date(2027, 3, 1), None, None),  # decided in time: judged on the day it was decided
        (None, D, None, None),  # open, well within both
        (D, D, None, None),  # decided the day it came in
        (PROMISED - timedelta(days=1), STATUTORY + timedelta(days=30), None, None),  # decided early, read late
    ],
)
def test_a_case_past_its_promise_is_yellow_and_past_the_law_red(decided_on, today, level, words):
    signal = overdue(CaseClock("Q1", PROMISED, STATUTORY, decided_on), today)
    if level is None:
        assert signal is None
    else:
        assert signal is not None
        assert (signal.kind, signal.level) == (SignalKind.OVERDUE, level)
        assert words in signal.why and signal.evidence[0].case_no == "Q1"


def test_a_case_decided_late_names_the_day_and_the_person_who_decided_it():
    decided = Evidence("Q1", "办结", "S001", "ws-1", datetime(2027, 1, 5, 10, 30))
    signal = overdue(CaseClock("Q1", PROMISED, STATUTORY, date(2027, 1, 5)), date(2027, 1, 20), decided)
    assert signal is not None and signal.why == "已超过法定时限（2026-12-31），办结于 2027-01-05。"
    assert signal.evidence == (decided,) and signal.answering.staff_no == "S001"


@pytest.mark.parametrize(
    ("ended_on", "case_on_time", "today", "fires"),
    [
        (None, True, D, False),  # its own due day
        (None, True, D + timedelta(days=1), True),
        (D + timedelta(days=1), True, D + timedelta(days=5), True),  # ended late
        (D, True, D + timedelta(days=5), False),  # ended on time
        (None, False, D + timedelta(days=1), False),  # the whole case is already overdue: `overdue` speaks
        (None, True, D + timedelta(days=30), True),  # still running a month past its limit
        (D + timedelta(days=10), True, D + timedelta(days=10), True),  # ended today, ten days late
        (D + timedelta(days=2), True, D + timedelta(days=90), True),  # ended late, read long after
        (D - timedelta(days=3), True, D + timedelta(days=5), False),  # ended early
        (D + timedelta(days=1), False, D + timedelta(days=5), False),  # late, but the case is late too
    ],
)
def test_a_step_over_its_own_limit_while_the_case_is_on_time_is_yellow(ended_on, case_on_time, today, fires):
    signal = step_overdue(TimedStep("Q1", "现场勘验", "R001", D, ended_on), case_on_time, today)
    assert (signal is not None) == fires
    if signal:
        assert (signal.kind, signal.level) == (SignalKind.STEP_OVERDUE, Level.YELLOW)
        assert "现场勘验" in signal.why and signal.evidence[0].staff_no == "R001"


@pytest.mark.parametrize(
    ("asked", "fires"),
    [
        (at(17, day=STATUTORY), False),  # on the last day
        (at(23, 59, day=STATUTORY), False),
        (at(9, day=STATUTORY - timedelta(days=1)), False),
        (at(9, day=D), False),  # well before
        (at(0, day=date(2026, 12, 20)), False),
        (at(9, day=STATUTORY + timedelta(days=1)), True),
        (at(0, 1, day=STATUTORY + timedelta(days=1)), True),  # a minute into the next day
        (at(9, day=STATUTORY + timedelta(days=7)), True),
        (at(9, day=date(2027, 2, 1)), True),
        (at(16, day=date(2027, 6, 30)), True),
    ],
)
def test_an_extension_asked_after_the_deadline_is_red(asked, fires):
    signal = late_extension("Q1", asked, "H001", STATUTORY)
    assert (signal is not None) == fires
    if signal:
        assert signal.level is Level.RED and "晚于法定时限 2026-12-31" in signal.why
        assert signal.evidence[0].at == asked


@pytest.mark.parametrize(
    ("mode", "minutes_taken", "limit", "fires"),
    [
        ("审核合一", 1, None, False),  # one person decides: nothing to pre-review
        ("一审一核", 29, None, True),  # default 30 min for two people
        ("一审一核", 30, None, False),
        ("一审两核", 45, None, True),  # default 60 min for three
        ("一审两核", 61, None, False),
        ("一审一核", 50, 120, True),  # a manager's limit for the matter
        ("一审一核", 50, 20, False),
        ("一审一核", 3, None, True),  # three minutes: the scripted month's case
        ("一审两核", 0, None, True),  # decided the minute it was accepted
        ("一审一核", 240, None, False),  # a morning's work
        ("审核合一", 0, 30, False),  # one person, whatever the limit
    ],
)
def test_a_case_needing_several_people_decided_within_minutes_is_red(mode, minutes_taken, limit, fires):
    accepted = Evidence("Q1", "受理", "C001", "ws-1", at(9))
    decided = Evidence("Q1", "核准", "H001", "ws-2", at(9) + timedelta(minutes=minutes_taken))
    signal = decided_too_fast("Q1", mode, accepted, decided, limit)
    assert (signal is not None) == fires
    if signal:
        assert signal.kind is SignalKind.DECIDED_TOO_FAST and signal.level is Level.RED
        assert f"仅用 {minutes_taken} 分钟" in signal.why and signal.evidence == (accepted, decided)


def _acts(staff_no: str, minutes: list[int]) -> list[Evidence]:
    return [
        Evidence(f"{staff_no}-{i}", "受理", staff_no, "ws", at(9) + timedelta(minutes=m)) for i, m in enumerate(minutes)
    ]


@pytest.mark.parametrize(
    ("minutes", "bursts_found", "sizes"),
    [
        ([0, 2, 4, 6], 0, []),  # four: not yet a burst
        ([0, 2, 4, 6, 10], 1, [5]),  # five within exactly ten minutes
        ([0, 2, 4, 6, 11], 0, []),  # the fifth just outside
        ([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 1, [13]),  # a long run is one burst
        ([0, 1, 2, 3, 4, 60, 61, 62, 63, 64], 2, [5, 5]),  # two bursts an hour apart
        ([0, 20, 40, 60, 80, 100], 0, []),  # a steady day's work
        ([0, 0, 0, 0, 0], 1, [5]),  # five in the same minute
        ([0, 2, 4, 6, 8, 10, 12, 14], 1, [8]),  # overlapping windows are one burst
        ([0, 9, 18, 27, 36], 0, []),  # one every nine minutes
        ([], 0, []),  # nothing done
    ],
)
def test_five_acts_by_one_person_within_ten_minutes_are_a_burst(minutes, bursts_found, sizes):
    found = bursts(_acts("C001", minutes) + _acts("C002", [0, 30]))
    assert len(found) == bursts_found
    assert [len(s.evidence) for s in found] == sizes
    assert all(s.kind is SignalKind.BURST and "C001" in s.why for s in found)


def test_acts_of_different_people_do_not_make_one_burst():
    mixed = _acts("C001", [0, 1, 2]) + _acts("C002", [3, 4, 5])
    assert bursts(mixed) == []


@pytest.mark.parametrize(
    ("served", "fires"),
    [
        ([], True),
        ([at(8, 50, D - timedelta(days=1))], True),  # served there, but the day before
        ([at(8, 50)], False),
        ([at(16, 59)], False),  # served there later that day
        ([at(8, 50, D - timedelta(days=1)), at(9, 30)], False),
        ([at(0, 1)], False),  # just after midnight, the same day
        ([at(12), at(13), at(14)], False),
        ([at(9, day=D + timedelta(days=1))], True),  # the day after
        ([at(23, 59, D - timedelta(days=1))], True),  # a minute before the day began
        ([at(9, day=date(2025, 12, 3))], True),  # the same date a year before
    ],
)
def test_an_acceptance_at_a_window_nobody_was_served_at_that_day_is_flagged(served, fires):
    signal = no_ticket(Evidence("Q1", "受理", "C001", "ws", at(10)), 3, served)
    assert (signal is not None) == fires
    if signal:
        assert signal.kind is SignalKind.NO_TICKET and "3 号窗口" in signal.why


HOURS = HallHours(time(9), time(17))


def weekdays(day: date) -> bool:
    return day.weekday() < 5


@pytest.mark.parametrize(
    ("when", "words"),
    [
        (at(9), None),
        (at(17), None),
        (at(8, 59), "于 08:59 办理，不在大厅办公时间（09:00–17:00）内"),
        (at(21, 30), "21:30"),
        (at(10, day=date(2026, 12, 5)), "于休息日（2026-12-05）办理"),  # a Saturday
        (at(22, day=date(2026, 12, 6)), "于休息日（2026-12-06）办理"),  # 22:00 on a Sunday: the rest day says it
        (at(6, 30), "06:30"),
        (at(12, 15), None),
        (at(16, 59), None),
        (at(10, day=date(2026, 12, 7)), None),  # a Monday
    ],
)
def test_steps_outside_hall_hours_or_on_a_rest_day_are_flagged(when, words):
    signal = off_hours(Evidence("Q1", "审核", "R001", "ws", when), HOURS, weekdays)
    if words is None:
        assert signal is None
    else:
        assert signal is not None and signal.kind is SignalKind.OFF_HOURS and words in signal.why


STEPS = [("受理", "C001"), ("审核", "R001"), ("核准", "H001"), ("即办决定", "C002"), ("复核", "R002")]


@pytest.mark.parametrize(("what", "staff_no"), STEPS)
@pytest.mark.parametrize(("in_hall", "place"), [(True, "大厅"), (False, "局机关 302 室")])
def test_a_step_from_a_back_office_workstation_is_red(what, staff_no, in_hall, place):
    step = Evidence("Q1", what, staff_no, "ws-9", at(10))
    signal = outside_hall(step, in_hall, place)
    assert (signal is not None) == (not in_hall)
    if signal:
        assert signal.level is Level.RED and place in signal.why and signal.evidence == (step,)


@pytest.mark.parametrize(
    ("mode", "people", "fires"),
    [
        ("一审一核", ["R001", "H001"], False),
        ("一审两核", ["R001", "R002", "H001"], False),
        ("审核合一", ["H001"], False),
        ("一审一核", ["R001"], False),  # one step so far
        ("一审两核", ["R001", "R002"], False),
        ("一审一核", ["R001", "R001"], True),
        ("一审两核", ["R001", "R002", "R001"], True),
        ("一审两核", ["R001", "R001", "H001"], True),
        ("一审两核", ["R002", "H001", "H001"], True),
        ("一审一核", ["H001", "H001"], True),
    ],
)
def test_one_person_on_steps_the_mode_separates_is_red(mode, people, fires):
    taken = [Evidence("Q1", f"第{i + 1}步", p) for i, p in enumerate(people)]
    signal = same_person(mode, taken)
    assert (signal is not None) == fires
    if signal:
        assert signal.level is Level.RED and signal.evidence[0].staff_no == signal.evidence[1].staff_no


@pytest.mark.parametrize(
    ("posted", "authorized", "decides", "words"),
    [
        (True, True, True, None),
        (True, False, False, None),  # a review step needs no letter
        (True, True, False, None),
        (True, True, True, None),
        (True, False, False, None),
        (False, True, False, "没有大厅岗位"),
        (False, False, False, "没有大厅岗位"),
        (False, True, True, "没有大厅岗位"),  # no posting says it first
        (False, False, True, "没有大厅岗位"),
        (True, False, True, "没有有效的授权书"),
    ],
)
def test_a_step_without_a_posting_or_a_decision_without_a_letter_is_red(posted, authorized, decides, words):
    signal = not_posted(Evidence("Q1", "核准", "H001"), posted, authorized, decides)
    if words is None:
        assert signal is None
    else:
        assert signal is not None and signal.level is Level.RED and words in signal.why


def _slip(no: str, hh: int, *new: str) -> Slip:
    return Slip(no, "C001", at(hh), tuple(new))


@pytest.mark.parametrize(
    ("slips", "level", "words"),
    [
        ([], None, None),
        ([_slip("G1", 9)], None, None),
        ([_slip("G1", 15)], None, None),
        ([_slip("G1", 9, "营业执照（首次即列明）")], None, None),  # one slip lists what it lists
        ([_slip("G9", 11)], None, None),
        ([_slip("G2", 11), _slip("G1", 9)], Level.YELLOW, "出具了 2 份一次性告知单。"),
        ([_slip("G1", 9), _slip("G2", 10), _slip("G3", 11)], Level.YELLOW, "出具了 3 份一次性告知单。"),
        (
            [_slip("G1", 9), _slip("G2", 11, "营业执照（申请人新提交的材料有误）")],
            Level.RED,
            "后续告知新增问题：营业执照（申请人新提交的材料有误）",
        ),
        (
            [_slip("G1", 9), _slip("G2", 10, "章程（漏审）", "住所证明（漏审）")],
            Level.RED,
            "章程（漏审）；住所证明（漏审）",
        ),
        ([_slip("G2", 13, "身份证（过期）"), _slip("G1", 9)], Level.RED, "身份证（过期）"),
    ],
)
def test_a_second_slip_is_yellow_and_one_raising_new_problems_red(slips, level, words):
    signal = notification_broken("Q1", slips)
    if level is None:
        assert signal is None
    else:
        assert signal is not None and signal.level is level and words in signal.why
        issued = sorted(slips, key=lambda s: s.at)
        assert [e.what for e in signal.evidence] == [f"一次性告知单 {s.notice_no}" for s in issued]  # in order


GUIDE = {"身份证", "营业执照", "章程"}


@pytest.mark.parametrize(
    ("asked", "extra"),
    [
        ([], ""),
        (["身份证"], ""),
        (["身份证", "营业执照"], ""),
        (["章程", "营业执照", "身份证"], ""),
        (["营业执照"], ""),
        (["村委会证明"], "村委会证明"),
        (["身份证", "村委会证明", "无犯罪记录"], "村委会证明、无犯罪记录"),
        (["身份证 "], "身份证 "),  # not the guide's name, to the letter
        (["房产证复印件", "营业执照"], "房产证复印件"),
        (["结婚证"], "结婚证"),
    ],
)
def test_materials_the_guide_does_not_list_are_red(asked, extra):
    signal = unlisted_materials(Evidence("Q1", "受理", "C001"), asked, GUIDE)
    assert (signal is not None) == bool(extra)
    if signal:
        assert signal.kind is SignalKind.UNLISTED_MATERIAL and signal.level is Level.RED and extra in signal.why


@pytest.mark.parametrize(
    ("step", "registered"),
    [
        ("听证", {"听证", "现场勘验"}),
        ("现场勘验", {"听证", "现场勘验"}),
        ("专家评审", {"专家评审"}),
        ("检验检测", {"检验检测", "公示"}),
        ("公示", {"公示"}),
        ("专家评审", {"听证"}),
        ("听证", set()),
        ("现场勘验", {"现场核查"}),
        ("公示", {"听证", "专家评审"}),
        ("技术审查", {"检验检测"}),
    ],
)
def test_a_special_step_outside_the_register_is_red(step, registered):
    signal = unregistered_step(Evidence("Q1", step, "R001"), registered)
    assert (signal is not None) == (step not in registered)
    if signal:
        assert signal.kind is SignalKind.UNREGISTERED_STEP and step in signal.why


@pytest.mark.parametrize("matter", ["食品经营许可", "个体工商户登记", "不动产登记", "医保报销", "道路运输许可"])
@pytest.mark.parametrize(
    ("in_hall", "exempted", "fires"), [(True, False, False), (False, True, False), (False, False, True)]
)
def test_a_matter_out_of_the_hall_needs_the_negative_list(matter, in_hall, exempted, fires):
    signal = not_in_hall(matter, in_hall, exempted)
    assert (signal is not None) == fires
    if signal:
        assert signal.kind is SignalKind.NOT_IN_HALL and "负面清单" in signal.why and matter in signal.why


@pytest.mark.parametrize(
    ("matters", "letters", "fires"),
    [
        ([], 0, False),
        ([], 3, False),
        (["个体工商户登记"], 1, False),
        (["个体工商户登记", "食品经营备案"], 2, False),
        (["医保报销", "参保登记", "转移接续"], 1, False),
        (["个体工商户登记"], 0, True),
        (["个体工商户登记", "食品经营备案"], 0, True),
        (["医保报销", "参保登记", "转移接续"], 0, True),
        (["道路运输证换发"], 0, True),
        (["不动产查询", "抵押登记"], 0, True),
    ],
)
def test_a_department_with_on_the_spot_matters_and_no_letter_in_the_hall_is_red(matters, letters, fires):
    signal = no_letter_in_hall("市场监管局", matters, letters)
    assert (signal is not None) == fires
    if signal:
        assert f"{len(matters)} 项即办事项" in signal.why and len(signal.evidence) == len(matters)
