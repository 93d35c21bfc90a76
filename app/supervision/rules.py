"""The rules of 电子监察 (内乡 办法 art. 37–38, DESIGN §6): what in a case's record is a signal,
how serious (黄牌 / 红牌), and the evidence that explains it. Pure, so each rule reads as the
policy does and is tested from tables; the center's sweep feeds it what the store holds.

Every signal carries its evidence (the case, the step, who, where, when) and a sentence that
says why it fired, so a supervisor can judge it without reading code; a false alarm is explained
away elsewhere, never by a rule forgetting it."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from app.approval.rules import steps


class SignalKind(StrEnum):
    OVERDUE = "超时"
    STEP_OVERDUE = "环节超时"
    LATE_EXTENSION = "延期违规"
    DECIDED_TOO_FAST = "提前办结异常"
    BURST = "补录"
    NO_TICKET = "现场无取号"
    OFF_HOURS = "非工作时间办理"
    OUTSIDE_HALL = "厅外办理"
    SAME_PERSON = "同一人办理分离环节"
    NOT_POSTED = "无岗位或授权办理"
    NOTIFICATION_BROKEN = "一次性告知未落实"
    UNLISTED_MATERIAL = "清单外材料"
    UNREGISTERED_STEP = "清单外特别程序"
    NOT_IN_HALL = "应进未进"


class Level(StrEnum):
    YELLOW = "黄牌"
    RED = "红牌"


@dataclass(frozen=True)
class Evidence:
    """One fact behind a signal: a step of a case, who took it, where and when."""

    case_no: str
    what: str  # the step or act, in the words of the record: 受理, 审核, 核准, 听证…
    staff_no: str = ""
    workstation_id: str = ""
    at: datetime | None = None  # local time of the hall


@dataclass(frozen=True)
class Signal:
    kind: SignalKind
    level: Level
    why: str  # one sentence, for the supervisor
    evidence: tuple[Evidence, ...]
    answers: int = 0  # which act's person answers for it (the ledger's 责任人), by its place in evidence

    @property
    def answering(self) -> Evidence:
        return self.evidence[self.answers]


# -- time limits ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseClock:
    case_no: str
    promised_due: date  # the center's promise to the applicant (承诺时限)
    statutory_due: date  # the law's limit, with any extension granted (法定时限)
    decided_on: date | None


def overdue(case: CaseClock, today: date, decided: Evidence | None = None) -> Signal | None:
    """Past the promised limit: yellow; past the statutory one: red. A decided case is judged on
    the day it was decided (`decided`: that act, its evidence), an open one on today."""
    on = case.decided_on or today
    state = f"办结于 {case.decided_on:%Y-%m-%d}" if case.decided_on else "仍未办结"
    if on > case.statutory_due:
        level, why = Level.RED, f"已超过法定时限（{case.statutory_due:%Y-%m-%d}），{state}。"
    elif on > case.promised_due:
        level, why = Level.YELLOW, f"已超过承诺时限（{case.promised_due:%Y-%m-%d}），{state}。"
    else:
        return None
    return Signal(SignalKind.OVERDUE, level, why, (decided or Evidence(case.case_no, "办理时限"),))


@dataclass(frozen=True)
class TimedStep:
    """A step with its own limit: a special step (听证, 现场勘验…) or a review step."""

    case_no: str
    what: str
    staff_no: str
    due_on: date
    ended_on: date | None


def step_overdue(step: TimedStep, case_on_time: bool, today: date) -> Signal | None:
    """A step past its own limit while the case as a whole is still on time: the delay hides
    inside the case's allowance, which is why it is watched apart (yellow; an overdue case is
    already red or yellow through `overdue`)."""
    on = step.ended_on or today
    if not case_on_time or on <= step.due_on:
        return None
    why = f"“{step.what}”环节超过其时限（{step.due_on:%Y-%m-%d}），办件总时限尚未超期。"
    return Signal(SignalKind.STEP_OVERDUE, Level.YELLOW, why, (Evidence(step.case_no, step.what, step.staff_no),))


def late_extension(case_no: str, asked: datetime, staff_no: str, statutory_due: date) -> Signal | None:
    """An extension (延期) asked for after the statutory deadline had passed: red (ALL art. 42
    allows it only within the period)."""
    if asked.date() <= statutory_due:
        return None
    why = f"延期申请于 {asked:%Y-%m-%d} 提出，晚于法定时限 {statutory_due:%Y-%m-%d}。"
    return Signal(SignalKind.LATE_EXTENSION, Level.RED, why, (Evidence(case_no, "延期申请", staff_no, at=asked),))


# -- cases decided before anyone could have reviewed them ---------------------------------------------

TOO_FAST_MINUTES = {"一审一核": 30, "一审两核": 60}  # default per mode; a manager sets one per matter
TOO_FAST_SETTABLE = range(5, 481)  # the minutes a manager may set for one matter (5–480)


def watched_too_fast(mode: str) -> bool:
    """Whether a mode is watched for 提前办结异常: it needs two or more people."""
    return len(steps(mode)) >= 2


def too_fast_default(mode: str) -> int:
    return TOO_FAST_MINUTES.get(mode, 30)


def decided_too_fast(
    case_no: str, mode: str, accepted: Evidence, decided: Evidence, minutes: int | None = None
) -> Signal | None:
    """A matter whose mode needs two or more people decided within N minutes of acceptance: the
    review was likely done outside the hall and entered afterwards (体外循环). Modes one person
    decides are not watched."""
    if not watched_too_fast(mode) or accepted.at is None or decided.at is None:
        return None
    limit = minutes if minutes is not None else too_fast_default(mode)
    took = decided.at - accepted.at
    if took >= timedelta(minutes=limit):
        return None
    why = f"{mode}事项自受理至办结仅用 {_minutes(took)} 分钟（不足 {limit} 分钟）。"
    return Signal(SignalKind.DECIDED_TOO_FAST, Level.RED, why, (accepted, decided), answers=1)  # who decided


def _minutes(span: timedelta) -> int:
    return max(0, int(span.total_seconds() // 60))


# -- work entered in bursts, or without anyone at the window -------------------------------------------

BURST_COUNT, BURST_MINUTES = 5, 10


def bursts(acts: Iterable[Evidence], count: int = BURST_COUNT, minutes: int = BURST_MINUTES) -> list[Signal]:
    """One person's acceptances or decisions, `count` or more within `minutes`: back-entering
    (补录) of work done elsewhere. Overlapping windows are one burst, reported once with all its
    acts, however long it runs."""
    window = timedelta(minutes=minutes)
    by_person: dict[str, list[tuple[datetime, Evidence]]] = {}
    for act in acts:
        if act.at is not None:
            by_person.setdefault(act.staff_no, []).append((act.at, act))
    found: list[Signal] = []
    for staff_no, own in sorted(by_person.items()):
        own.sort(key=lambda pair: pair[0])
        spans: list[list[int]] = []  # [first, last] indexes of each burst
        last = 0
        for first in range(len(own)):
            last = max(last, first)
            while last + 1 < len(own) and own[last + 1][0] - own[first][0] <= window:
                last += 1
            if last - first + 1 >= count:
                if spans and first <= spans[-1][1]:
                    spans[-1][1] = last
                else:
                    spans.append([first, last])
        for first, last in spans:
            run = own[first : last + 1]
            span = f"{run[0][0]:%H:%M}–{run[-1][0]:%H:%M}"
            why = f"{staff_no} 在 {minutes} 分钟内连续办理多件，共 {len(run)} 件（{span}）。"
            found.append(Signal(SignalKind.BURST, Level.YELLOW, why, tuple(e for _, e in run)))
    return found


def no_ticket(acceptance: Evidence, window_no: int, served_there: Sequence[datetime]) -> Signal | None:
    """An acceptance at a window where, that day, nobody was called or served (no ticket, no
    walk-in recorded): the applicant was not in the hall (现场无取号)."""
    if acceptance.at is None or any(t.date() == acceptance.at.date() for t in served_there):
        return None
    why = f"{window_no} 号窗口当天没有取号或现场登记记录，却受理了此件。"
    return Signal(SignalKind.NO_TICKET, Level.YELLOW, why, (acceptance,))


# -- where and when the work was done --------------------------------------------------------------------


@dataclass(frozen=True)
class HallHours:
    opens: time
    closes: time


def off_hours(act: Evidence, hours: HallHours, is_working_day: Callable[[date], bool]) -> Signal | None:
    """A step taken outside the hall's hours or on a rest day."""
    if act.at is None:
        return None
    if not is_working_day(act.at.date()):
        why = f"于休息日（{act.at:%Y-%m-%d}）办理。"
    elif not hours.opens <= act.at.time() <= hours.closes:
        why = f"于 {act.at:%H:%M} 办理，不在大厅办公时间（{hours.opens:%H:%M}–{hours.closes:%H:%M}）内。"
    else:
        return None
    return Signal(SignalKind.OFF_HOURS, Level.YELLOW, why, (act,))


def outside_hall(act: Evidence, in_hall: bool, place: str) -> Signal | None:
    """A step taken from a workstation recorded as standing outside the hall (a back office)."""
    if in_hall:
        return None
    why = f"在大厅以外的工作站（{place}）办理。"
    return Signal(SignalKind.OUTSIDE_HALL, Level.RED, why, (act,))


# -- who took the steps (after proven identity these should never fire; the signals prove it) ----------


def same_person(mode: str, taken: Sequence[Evidence]) -> Signal | None:
    """One person on two steps the mode separates (一审一核, 一审两核: every step a different person)."""
    if len(steps(mode)) < 2:
        return None
    seen: dict[str, Evidence] = {}
    for step in taken:
        first = seen.setdefault(step.staff_no, step)
        if first is not step:
            why = f"{step.staff_no} 同时办理了“{first.what}”和“{step.what}”，{mode}要求由不同人员办理。"
            return Signal(SignalKind.SAME_PERSON, Level.RED, why, (first, step))
    return None


def not_posted(step: Evidence, posted: bool, authorized: bool, decides: bool) -> Signal | None:
    """A step by someone without a hall posting, or a decision without a 授权书 in force that day."""
    if not posted:
        why = f"{step.staff_no} 没有大厅岗位，却办理了“{step.what}”。"
    elif decides and not authorized:
        why = f"{step.staff_no} 当天没有有效的授权书，却作出了决定。"
    else:
        return None
    return Signal(SignalKind.NOT_POSTED, Level.RED, why, (step,))


# -- one-time notification, and what the window asked for ------------------------------------------------


@dataclass(frozen=True)
class Slip:
    """A one-time notification slip (一次性告知单) of an application."""

    notice_no: str
    staff_no: str
    at: datetime
    new_problems: tuple[str, ...]  # problems the first slip did not list, each with its recorded reason


def notification_broken(case_no: str, slips: Sequence[Slip]) -> Signal | None:
    """One-time notification is one time (DESIGN §4 rule 2): a second slip raising new problems is
    red, with the reasons recorded for them; more than one slip otherwise yellow."""
    if len(slips) < 2:
        return None
    ordered = sorted(slips, key=lambda s: s.at)
    evidence = tuple(Evidence(case_no, f"一次性告知单 {s.notice_no}", s.staff_no, at=s.at) for s in ordered)
    new = [p for s in ordered[1:] for p in s.new_problems]
    if new:
        why = f"同一申请出具了 {len(slips)} 份一次性告知单，后续告知新增问题：" + "；".join(new) + "。"
        return Signal(SignalKind.NOTIFICATION_BROKEN, Level.RED, why, evidence)
    why = f"同一申请出具了 {len(slips)} 份一次性告知单。"
    return Signal(SignalKind.NOTIFICATION_BROKEN, Level.YELLOW, why, evidence)


def unlisted_materials(acceptance: Evidence, asked: Sequence[str], listed: set[str]) -> Signal | None:
    """Materials asked for at the window that the published guide does not list (清单外材料)."""
    extra = [name for name in asked if name not in listed]
    if not extra:
        return None
    why = "窗口要求提交办事指南未列明的材料：" + "、".join(extra) + "。"
    return Signal(SignalKind.UNLISTED_MATERIAL, Level.RED, why, (acceptance,))


def unregistered_step(step: Evidence, registered: set[str]) -> Signal | None:
    """A special step (特别程序) the matter's register does not hold: a step added without basis."""
    if step.what in registered:
        return None
    why = f"启动了事项未登记的特别程序“{step.what}”。"
    return Signal(SignalKind.UNREGISTERED_STEP, Level.RED, why, (step,))


# -- matters that should be in the hall (应进未进) ----------------------------------------------------------


def not_in_hall(matter: str, in_hall: bool, exempted: bool) -> Signal | None:
    """A matter handled outside the hall without its place on the approved negative list (负面清单)."""
    if in_hall or exempted:
        return None
    why = f"事项“{matter}”未进驻大厅，也不在经批准的不进驻清单（负面清单）中。"
    return Signal(SignalKind.NOT_IN_HALL, Level.RED, why, (Evidence("", matter),))


def no_letter_in_hall(department: str, on_the_spot_matters: Sequence[str], letters_in_force: int) -> Signal | None:
    """A department whose 即办 matters have no 授权书 in force in the hall: nobody there may decide
    them, so they are decided elsewhere."""
    if not on_the_spot_matters or letters_in_force:
        return None
    why = f"{department} 有 {len(on_the_spot_matters)} 项即办事项，但大厅内没有有效的授权书。"
    return Signal(SignalKind.NOT_IN_HALL, Level.RED, why, tuple(Evidence("", m) for m in on_the_spot_matters))
