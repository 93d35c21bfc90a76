"""A past month in the demo hall (issue 15 item 7): when the demo center is first seeded, the 30
days before the day it is set up are played through the services, so a newcomer finds cases in
every state, a queue with its ratings, and something for 电子监察 to find.

Played as the real hall works: tickets issued, called and rated at the center (QueueService), the
applications decided at a throw-away workstation enrolled to the center (AcceptanceService) and
pushed to it by sync, the review steps, extensions, special steps and deliveries taken at the
center (ApprovalService, DeliveryService), each with a fixed clock set to its moment in the month.
Everything random comes from one seed, and the workstation's id from it too: the same seed on the
same day gives the same case and notice numbers.

What supervision is meant to find, each scripted on its own case (SCRIPTED names them):
补录 (a chief deciding six cases within ten minutes), 提前办结异常 (一审一核 decided three minutes
after acceptance), 非工作时间办理 (a review on a Sunday at 22:00), 延期违规 (an extension granted
after the statutory deadline), 一次性告知未落实 (a second slip raising a new problem, with its
recorded reason). The late extension's case is also 超时: it was past its statutory limit before
the extension was asked. Nothing else is to be found: every other case is served under a ticket,
worked on working days within the hall's hours, and decided within the limit promised at its
acceptance, or still open on the day of set-up and not yet past it. That limit is the one the
sweep reads (Case.promised_due_on, as accepted), so a case extended or paused by a special step
is kept within it too."""

import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.acceptance.model import Applicant, ApplicantKind, Decision, ItemStatus, Outcome, Person
from app.acceptance.service import AcceptanceService, DecisionResult, Prepared
from app.actor import Actor
from app.approval.service import ApprovalService
from app.auth import login, on_duty
from app.clock import Clock, FixedClock
from app.context import AppContext
from app.delivery.service import DeliveryService
from app.demo import DEMO_PASSWORD
from app.identity import DocumentKind
from app.notices.numbering import CENTER_ID
from app.queue.service import QueueService
from app.supervision.service import SignalService
from app.workdays import WorkCalendar
from app.workstation import create_local
from db.models import Case, MatterVersion, SpecialStepDef
from db.store import open_sqlite

if TYPE_CHECKING:
    from app.center.loopback import LoopbackCenter
    from app.sync.engine import SyncEngine

SEED = 2026
DAYS_BACK = 30
WORKSTATION_NAME = "往月演示工作站"

# The scripted cases, by what each shows.
TOLERANCE = "容缺受理"
SECOND_SLIP = "二次告知"
TOO_FAST = "提前办结"
SUNDAY_NIGHT = "周日夜间审核"
LATE_EXTENSION = "逾期延期"
EXTENDED = "延期"
SPECIAL_STEP = "现场勘验"
REFUSED = "不予许可"
BURST = "集中补录"  # six cases, decided in one burst
BURST_SIZE = 6

# 一审一核 matters of 市场监管 the windows accept most (category A, 企业开办).
ORDINARY = ("SCJG-003", "SCJG-002", "SCJG-005", "SCJG-008")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国红梅文斌宇浩凯鑫晨"
BAD_REASONS = ("等候时间太长", "窗口人员态度生硬", "材料要求解释不清，跑了两次")
CLERKS = (("C001", 1), ("C002", 2))  # who serves category A, at which window


@dataclass
class PlayedMonth:
    first_day: date
    last_day: date
    scripted: dict[str, list[str]] = field(default_factory=dict)  # what it shows -> case numbers
    cases: int = 0
    tickets: int = 0
    ratings: int = 0
    seconds: float = 0.0


def id_number(rng: random.Random) -> str:
    """A valid 18-digit resident ID number (GB 11643 check digit), made up."""
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(40 * 365))
    body = f"411323{born:%Y%m%d}{rng.randrange(1000):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def applicant(rng: random.Random) -> Applicant:
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    phone = f"139{rng.randrange(10**8):08d}"
    return Applicant(ApplicantKind.PERSON, Person(name, DocumentKind.ID_CARD, id_number(rng), phone))


class _Month:
    """The month's players: the center's store and services, the workstation and its sync."""

    def __init__(self, center: "LoopbackCenter", ctx: AppContext, sync: "SyncEngine", rng: random.Random):
        self.center, self.ctx, self.sync, self.rng = center, ctx, sync, rng
        self.store = center.store
        self.clock = FixedClock(datetime.min)
        self.queue = QueueService(self.store, CENTER_ID, self.clock)
        self.approvals = ApprovalService(self.store, CENTER_ID, self.clock)
        self.delivery = DeliveryService(self.store, CENTER_ID, self.clock)
        self.acceptance: AcceptanceService = ctx.acceptance
        self.acceptance.clock = self.clock
        self.clerks = {no: login(ctx.store, ctx.workstation_id, no, DEMO_PASSWORD) for no, _w in CLERKS}
        self.applicants: dict[str, Applicant] = {}  # case number -> who applied
        self.played = PlayedMonth(date.min, date.min)
        self.accepted_at = datetime.min  # when the last application was decided
        self.last: DecisionResult | None = None  # and what came of it
        with self.store.sessions() as s:
            self.calendar = WorkCalendar.load(s)

    def at(self, moment: datetime) -> None:
        self.clock.at = moment

    def staff(self, staff_no: str) -> Actor:
        with self.store.sessions() as s:
            return on_duty(s, staff_no, self.ctx.workstation_id)

    # -- at the window ---------------------------------------------------------------------------

    def prepared(self, code: str) -> Prepared:
        hit = self.ctx.catalog.search(code)[0]
        prep = self.acceptance.prepare(matter_id=hit.id)
        for item in prep.items:
            item.status = ItemStatus.RECEIVED
            if not item.required:
                item.condition_holds = False
        return prep

    @contextmanager
    def served(self, moment: datetime, clerk_no: str, window_no: int) -> Iterator[str]:
        """A ticket issued, called, served at the window (the block: what is done for it) and ended,
        then rated on the pad (a few badly); yields the ticket's id."""
        self.at(moment)
        ticket = self.queue.issue("A")
        self.at(moment + timedelta(minutes=self.rng.randint(2, 12)))
        self.queue.call_next(clerk_no, window_no)
        self.queue.start(clerk_no, ticket.id)
        self.played.tickets += 1
        yield ticket.id
        self.at(self.clock.at + timedelta(minutes=self.rng.randint(4, 9)))
        self.queue.end(clerk_no, ticket.id)
        roll = self.rng.random()
        if roll < 0.75:
            self.at(self.clock.at + timedelta(seconds=30))
            level = 5 if roll < 0.5 else 4 if roll < 0.68 else 3 if roll < 0.72 else self.rng.choice((1, 2))
            reason = self.rng.choice(BAD_REASONS) if level <= 2 else ""
            self.queue.rate(window_no, level, reason)
            self.played.ratings += 1

    def decide(
        self,
        moment: datetime,
        code: str,
        decision: Decision | None = None,
        prep: Prepared | None = None,
        who: tuple[str, int] | None = None,
        person: Applicant | None = None,
    ) -> list[str]:
        """An application (of `code`'s matter, or as `prep` has it) decided at a window by `who`
        (clerk, window) for `person` (someone new), with the ticket it was served under; pushed to
        the center. Returns the case numbers it opened."""
        clerk_no, window_no = who or self.rng.choice(CLERKS)
        person = person or applicant(self.rng)
        with self.served(moment, clerk_no, window_no) as ticket_id:
            self.at(self.clock.at + timedelta(minutes=1))
            result = self.acceptance.decide(
                self.clerks[clerk_no],
                prep or self.prepared(code),
                person,
                decision or Decision(Outcome.ACCEPT),
                ticket_id=ticket_id,
            )
            self.accepted_at = self.clock.at
            self.push()
        for case_no in result.case_nos:
            self.applicants[case_no] = person
        self.played.cases += len(result.case_nos)
        self.last = result
        return list(result.case_nos)

    def push(self) -> None:
        report = self.sync.sync(retries=0)
        if not report.ok or report.rejected:
            raise RuntimeError(f"往月演示数据未能上传到中心：{report.error or report.rejected}")

    # -- after acceptance, at the center ---------------------------------------------------------

    def case(self, case_no: str) -> Case:
        with self.store.sessions() as s:
            found = s.scalar(select(Case).where(Case.case_no == case_no))
            if found is None:
                raise LookupError(case_no)
            s.expunge(found)
        return found

    def review(self, case_no: str, moment: datetime) -> None:
        self.at(moment)
        self.approvals.review(self.staff("R001"), self.case(case_no).id, True, "材料齐全，符合法定条件")

    def conclude(self, case_no: str, moment: datetime, granted: bool = True) -> None:
        self.at(moment)
        case = self.case(case_no)
        if granted:
            with self.store.sessions() as s:
                matter = s.get_one(MatterVersion, case.matter_version_id).name
            content = f"准予{matter}，许可事项以所发证照载明的内容为准"
            self.approvals.review(self.staff("S001"), case.id, True, "同意，准予许可", content)
        else:
            why = "经核查，申请材料所载经营场所与实际情况不符，不符合法定条件"
            self.approvals.review(self.staff("S001"), case.id, False, why)

    def supply(self, case_no: str, moment: datetime) -> None:
        """The applicant of a 容缺 case back at a window with the missing materials, marked supplied
        there under a ticket and pushed to the center."""
        clerk_no, window_no = self.rng.choice(CLERKS)
        with self.served(moment, clerk_no, window_no):
            self.at(self.clock.at + timedelta(minutes=1))
            for row in self.acceptance.commitments():
                if row.case_no == case_no:
                    self.acceptance.mark_supplied(self.clerks[clerk_no], row.id)
            self.push()

    def hand_over(self, case_no: str, moment: datetime) -> None:
        self.at(moment)
        clerk_no, _window = self.rng.choice(CLERKS)
        person = self.applicants[case_no].person
        assert person is not None  # the month's applicants are all persons
        self.delivery.collect(self.staff(clerk_no), self.case(case_no).id, person.name, person.doc_no)


def working_days(calendar: WorkCalendar, today: date) -> list[date]:
    return [d for d in (today - timedelta(days=n) for n in range(DAYS_BACK, 0, -1)) if calendar.is_working_day(d)]


def play(month: _Month, today: date) -> PlayedMonth:
    rng, cal = month.rng, month.calendar
    days = working_days(cal, today)
    played = month.played
    played.first_day, played.last_day = days[0], days[-1]
    scripted: dict[str, list[str]] = {}

    def moment(day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour, minutes=minute)

    def on(k: int) -> date:
        """The k-th of a month's 21 working days, wherever holidays leave fewer (a Spring Festival
        month has about 14)."""
        return days[min(len(days) - 1, k * len(days) // 21)]

    def later(day: date, n: int) -> date:
        """The n-th working day after `day`, never today or after."""
        return min(cal.add_working_days(day, n).day, days[-1])

    # Ordinary traffic: each working day, a few applicants at windows 1 and 2, served between 9:00
    # and 15:00. The eve of the burst is busier: its six cases, reviewed the next morning, are the
    # ones the chief decides on paper that day and enters at its end, all within their promise
    # (one working day at least).
    burst_day = on(14)
    eve = days[days.index(burst_day) - 1]
    ordinary: list[tuple[date, str]] = []
    for day in days:
        count = BURST_SIZE if day == eve else rng.randint(2, 4)
        for n in range(count):
            code = rng.choice(ORDINARY)
            for case_no in month.decide(moment(day, 9 + n * 6 // count, rng.randint(0, 50)), code):
                ordinary.append((day, case_no))

    # Scripted cases, spread over the month. The extended case and the one under inspection are
    # accepted late enough to be still open, within their promise, on the day of set-up.
    scripted[LATE_EXTENSION] = month.decide(moment(days[0], 16, 10), "SCJG-003")
    scripted[EXTENDED] = month.decide(moment(on(13), 16, 10), "SCJG-007")
    scripted[SPECIAL_STEP] = month.decide(moment(on(17), 16, 10), "SCJG-006")

    prep = month.prepared("SCJG-003")
    next(i for i in prep.items if i.required and i.tolerance_eligible).status = ItemStatus.MISSING
    supply_by = cal.add_working_days(on(3), 5).day
    tolerance = Decision(Outcome.TOLERANCE, supply_by=supply_by)
    scripted[TOLERANCE] = month.decide(moment(on(3), 16, 40), "", tolerance, prep)

    # A slip, and at the applicant's second visit a second slip raising a problem the first did not.
    prep = month.prepared("SCJG-003")
    first, second, *_rest = [i for i in prep.items if i.required]
    first.status = ItemStatus.MISSING
    who, person = CLERKS[0], applicant(rng)
    month.decide(moment(on(5), 15, 0), "", Decision(Outcome.CORRECTION), prep, who, person)
    slip = month.last
    assert slip is not None  # just decided
    reopened = month.acceptance.reopen(slip.notices[0].notice_no)
    for item in reopened.items:
        if item.status == ItemStatus.UNCHECKED:
            item.status = ItemStatus.RECEIVED
    late = next(i for i in reopened.items if i.key == second.key)
    late.status, late.defect = ItemStatus.DEFECTIVE, "营业场所平面图与现场不一致"
    reason = "补正的租赁合同载明的经营面积与原平面图不符，补正后方发现"
    second_slip = Decision(Outcome.CORRECTION, late_reasons={late.key: reason})
    month.decide(moment(on(7), 10, 20), "", second_slip, reopened, who, person)
    reopened = month.acceptance.reopen_application(slip.application_id)
    for item in reopened.items:
        if item.required:
            item.status = ItemStatus.RECEIVED
    scripted[SECOND_SLIP] = month.decide(moment(on(9), 9, 40), "", None, reopened, who, person)

    # A slip of the last days: no case yet, the application awaits the applicant's return.
    prep = month.prepared("SCJG-002")
    next(i for i in prep.items if i.required).status = ItemStatus.MISSING
    month.decide(moment(days[-2], 15, 30), "", Decision(Outcome.CORRECTION), prep)

    scripted[TOO_FAST] = month.decide(moment(on(10), 8, 50), "SCJG-003")
    fast_accepted = month.accepted_at
    scripted[REFUSED] = month.decide(moment(on(11), 14, 0), "SCJG-003")
    sunday = next(
        d
        for d in (on(6) + timedelta(days=n) for n in range(DAYS_BACK))
        if d.weekday() == 6 and not cal.is_working_day(d) and any(x > d for x in days)
    )
    friday = max(d for d in days if d < sunday)
    scripted[SUNDAY_NIGHT] = month.decide(moment(friday, 15, 20), "SCJG-003")

    # The review and decision of ordinary cases: reviewed the next working day in the morning and
    # decided that afternoon, within the promise; the last day's cases still at the window, the
    # day before's reviewed and awaiting the decision where their promise runs past the last day
    # (a one-day promise is kept that afternoon); the eve's left for the chief to enter at once.
    burst: list[str] = []
    for accepted_on, case_no in ordinary:
        next_day = cal.add_working_days(accepted_on, 1).day
        if next_day >= today:
            continue  # awaiting review
        month.review(case_no, moment(next_day, rng.choice((9, 10, 11)), rng.randint(0, 59)))
        if accepted_on == eve:
            burst.append(case_no)  # decided on paper, entered at the end of the day
            continue
        if next_day == days[-1] and month.case(case_no).promised_due_on >= today:
            continue  # reviewed, awaiting the decision
        granted = rng.random() > 0.08
        month.conclude(case_no, moment(next_day, rng.choice((14, 15, 16)), rng.randint(0, 59)), granted)
        if granted and rng.random() < 0.6 and later(next_day, 1) < days[-1]:
            month.hand_over(case_no, moment(later(next_day, 1), 11, rng.randint(0, 50)))

    # 补录: six decisions entered by the chief within eight minutes, late one afternoon.
    for n, case_no in enumerate(burst):
        month.conclude(case_no, moment(burst_day, 17, 30 + n + n // 2))
    scripted[BURST] = burst

    (fast,) = scripted[TOO_FAST]
    month.review(fast, fast_accepted + timedelta(minutes=1))
    month.conclude(fast, fast_accepted + timedelta(minutes=3))

    (refused,) = scripted[REFUSED]
    month.review(refused, moment(later(on(11), 1), 10, 5))
    month.conclude(refused, moment(later(on(11), 2), 15, 5), granted=False)

    (night,) = scripted[SUNDAY_NIGHT]
    month.review(night, moment(sunday, 22, 0))
    month.conclude(night, moment(later(sunday, 1), 9, 35))

    # Reviewed, then extended by the chief while a test report is awaited: open, within its promise.
    (extended,) = scripted[EXTENDED]
    month.review(extended, moment(later(on(13), 1), 10, 15))
    month.at(moment(later(on(13), 2), 11, 0))
    month.approvals.extend(month.staff("S001"), month.case(extended).id, 5, "需补充检验报告，延长审查期限")

    # The site inspection still running (within its own limit) on the day of set-up.
    (inspected,) = scripted[SPECIAL_STEP]
    case = month.case(inspected)
    with month.store.sessions() as s:
        registered = select(SpecialStepDef.id).where(SpecialStepDef.version_id == case.matter_version_id)
        step_def = s.execute(registered).scalar_one()
    month.at(moment(later(on(17), 1), 9, 30))
    month.approvals.start_special_step(month.staff("R001"), case.id, step_def, "孙丽（食品检查员证 SC-0123）")

    # The missing material brought back before the agreed day, and the case decided by then (the
    # day agreed is its promise).
    (tolerated,) = scripted[TOLERANCE]
    month.supply(tolerated, moment(later(on(3), 2), 10, 0))
    month.review(tolerated, moment(later(on(3), 3), 9, 50))
    month.conclude(tolerated, moment(later(on(3), 3), 15, 20))

    (resubmitted,) = scripted[SECOND_SLIP]
    month.review(resubmitted, moment(later(on(9), 1), 10, 40))
    month.conclude(resubmitted, moment(later(on(9), 1), 16, 10))

    # Extended the day after its statutory limit, then decided within the extension it should not
    # have had: 延期违规, and 超时 for the limit it was past.
    (overdue,) = scripted[LATE_EXTENSION]
    due = month.case(overdue).statutory_due_on
    asked = min(cal.add_working_days(due, 1).day, days[-1])
    month.at(moment(asked, 10, 30))
    month.approvals.extend(month.staff("S001"), month.case(overdue).id, 5, "申请人补充材料，需延长审查期限")
    month.review(overdue, moment(asked, 14, 0))
    month.conclude(overdue, moment(later(asked, 1), 15, 30))

    # The morning the demo is set up, the supervisor has swept: 电子监察 opens with its findings.
    month.at(moment(today, 8, 30))
    SignalService(month.store, month.clock).sweep(month.staff("J001"))

    played.scripted = scripted
    return played


@contextmanager
def judged_at(center: "LoopbackCenter", clock: Clock) -> Iterator[None]:
    """The center's checks of pushed data (supervision's among them) read the month's clock while
    it plays: a push is judged at the moment of the month it was made, not on the day it is set up."""
    timed = [p for p in center.app.state.service.policies if isinstance(getattr(p, "clock", None), Clock)]
    before = [p.clock for p in timed]
    for policy in timed:
        policy.clock = clock
    try:
        yield
    finally:
        for policy, own in zip(timed, before, strict=True):
            policy.clock = own


def play_month(center: "LoopbackCenter", today: date, seed: int = SEED) -> PlayedMonth:
    """The month before `today` played into `center` (demo-seeded, on this machine's loopback;
    started here if it is not serving), from a throw-away workstation enrolled to it."""
    from app.sync.engine import SyncEngine

    started = time.monotonic()
    serving = center.server is not None
    if not serving:
        center.start(0)
    rng = random.Random(seed)
    try:
        with tempfile.TemporaryDirectory(prefix="hall-past-") as folder:
            store = open_sqlite(Path(folder) / "workstation.sqlite3")
            try:
                create_local(store, str(uuid.UUID(int=rng.getrandbits(128), version=4)), WORKSTATION_NAME)
                ctx = AppContext.from_store(store)
                sync = SyncEngine(store, ctx.workstation_id, timeout=60)
                sync.enroll(center.url, center.code())
                if not sync.sync(retries=0).ok:
                    raise RuntimeError("往月演示工作站未能从中心下载基础数据")
                ctx.catalog.invalidate()
                month = _Month(center, ctx, sync, rng)
                with judged_at(center, month.clock):
                    played = play(month, today)
            finally:
                store.engine.dispose()
    finally:
        if not serving:
            center.stop()
    played.seconds = time.monotonic() - started
    return played
