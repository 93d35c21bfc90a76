"""What many test modules share: the tests' fixed days, the applicant they accept for, work done at
the window and the approval desk on a demo store, a sample notice on a case, PostgreSQL schemas to
throw away. Test modules
import from here (and from the other helper modules beside it), never from one another."""

import os
import struct
import zlib
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.pool import NullPool

from app.acceptance.model import Applicant, ApplicantKind, Decision, ItemStatus, Outcome, Person
from app.actor import Actor
from app.approval.notice_text import CaseNoticeFacts
from app.approval.service import ApprovalService
from app.auth import login
from app.clock import FixedClock
from app.delivery.service import DeliveryService
from app.demo import DEMO_PASSWORD
from app.documents.letterhead import Letterhead, Seal
from app.help.dto import NewRequest, PlanStep
from app.identity import DocumentKind
from app.notices.kinds import NoticeKind
from app.supervision.ledger_dto import NewLedgerItem
from app.supervision.ledger_rules import ProblemType, Source
from db.models import Case, Department, Matter, MatterVersion, ReviewStep
from db.scratch_schema import scratch_schema

ROOT = Path(__file__).resolve().parents[1]

# The day every test sets the demo up: its authorization letters run from 90 days before to a year
# after, around the fixed clocks the tests use (February to April 2026), whatever today is.
SET_UP = FixedClock(datetime(2026, 3, 1, 8, 0))
MONDAY_9 = datetime(2026, 3, 2, 9, 0)
# Argon2id at its least cost, for the demo staff the tests seed: their many logins each open a key
# in microseconds instead of a quarter of a second. Keys a test makes (a new person, a reset, a
# changed password) are still wrapped at the hall's cost, the only one the center accepts.
QUICK_KEYS = (1, 8, 1)

ZHANG = Applicant(ApplicantKind.PERSON, Person("张三", DocumentKind.ID_CARD, "11010519491231002X", "13912345678"))


class Ticking(FixedClock):
    """A clock that moves one second each time it is read, so events have an order."""

    def now(self) -> datetime:
        self.at += timedelta(seconds=1)
        return self.at


def at(day: date, hour: int = 9) -> FixedClock:
    return FixedClock(datetime.combine(day, datetime.min.time().replace(hour=hour)))


# -- PostgreSQL ----------------------------------------------------------------------------------

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pg_server() -> str:
    """The test PostgreSQL's URL, once it answers. Skips where no server answers, except under
    CI=true, where PostgreSQL is required and its absence fails the test."""
    pg_url = os.environ.get("HALL_TEST_PG_URL", DEFAULT_PG_URL)
    engine = create_engine(pg_url, connect_args={"connect_timeout": 3}, poolclass=NullPool)
    try:
        engine.connect().close()
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI but not reachable at {pg_url}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {pg_url} (set HALL_TEST_PG_URL): {exc}")
    return pg_url


def pg_schema_url(prefix: str = "hall_test"):
    """A fresh schema on the test PostgreSQL: (url that uses it, cleanup)."""
    return scratch_schema(pg_server(), prefix)


# A test taking the `center` fixture runs once on a center on SQLite and once on PostgreSQL.
ON_BOTH_BACKENDS = pytest.mark.parametrize(
    "center", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True
)


# -- at the window -------------------------------------------------------------------------------


def person(ctx, staff_no: str) -> Actor:
    return login(ctx.store, ctx.workstation_id, staff_no, DEMO_PASSWORD)


def prepared(ctx, acc, query):
    hit = ctx.catalog.search(query)[0]
    prep = acc.prepare(bundle_id=hit.id) if hit.kind == "bundle" else acc.prepare(matter_id=hit.id)
    for item in prep.items:
        item.status = ItemStatus.RECEIVED
        if not item.required:
            item.condition_holds = False
    return prep


def required(prep, n=None):
    items = [i for i in prep.items if i.required]
    return items if n is None else items[:n]


def accept(ctx, query, outcome=Outcome.ACCEPT):
    """`query`'s matter decided for 张三 by C001 on Monday 2 March 2026, 9:00."""
    clerk = login(ctx.store, ctx.workstation_id, "C001", DEMO_PASSWORD)
    acc = ctx.acceptance
    acc.clock = FixedClock(datetime(2026, 3, 2, 9, 0))
    return acc.decide(clerk, prepared(ctx, acc, query), ZHANG, Decision(outcome))


def accepted_case(ctx, code: str, on: date, clerk_no: str = "C001") -> str:
    """The id of the case of `code`'s matter, accepted for 张三 on `on`."""
    clerk = login(ctx.store, ctx.workstation_id, clerk_no, DEMO_PASSWORD)
    acc = ctx.acceptance
    acc.clock = FixedClock(datetime.combine(on, datetime.min.time().replace(hour=9)))
    result = acc.decide(clerk, prepared(ctx, acc, code), ZHANG, Decision(Outcome.ACCEPT))
    with ctx.store.sessions() as s:
        return s.scalar(select(Case.id).where(Case.application_id == result.application_id))


def slip_with_three_problems(ctx, acc, clerk):
    prep = prepared(ctx, acc, "spjyxk")
    a, b, c = required(prep, 3)
    a.status = b.status = ItemStatus.MISSING
    c.status, c.defect = ItemStatus.DEFECTIVE, "身份证已过有效期"
    return acc.decide(clerk, prep, ZHANG, Decision(Outcome.CORRECTION)), (a, b, c)


def accepted_with_a_commitment(ctx, clerk, outcomes=()) -> None:
    """On 2026-02-12: the `outcomes` first (complete applications), then a 容缺 acceptance with one
    material promised by 2026-02-27."""
    acc = ctx.acceptance
    acc.clock = FixedClock(datetime(2026, 2, 12, 9, 30))
    for outcome in outcomes:
        acc.decide(clerk, prepared(ctx, acc, "spjyxk"), ZHANG, Decision(outcome))
    prep = prepared(ctx, acc, "spjyxk")
    next(i for i in required(prep) if i.tolerance_eligible).status = ItemStatus.MISSING
    acc.decide(clerk, prep, ZHANG, Decision(Outcome.TOLERANCE, supply_by=date(2026, 2, 27)))


def count(ctx, model) -> int:
    with ctx.store.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


# -- after acceptance ----------------------------------------------------------------------------


def approvals(ctx, on: date) -> ApprovalService:
    return ApprovalService(ctx.store, ctx.workstation_id, FixedClock(datetime.combine(on, datetime.min.time())))


def deliveries(ctx, on: date) -> DeliveryService:
    return DeliveryService(ctx.store, ctx.workstation_id, FixedClock(datetime.combine(on, datetime.min.time())))


def taken_before_rule_12(ctx, case_id: str, staff_no: str, name: str) -> None:
    """A 审核 step stored as data from before rule 12 (no case stranded) was enforced."""
    with ctx.store.sessions.begin() as s:
        s.add(
            ReviewStep(
                case_id=case_id,
                seq=1,
                step="审核",
                staff_no=staff_no,
                staff_name=name,
                workstation_id=ctx.workstation_id,
                authorization_no="",
                agreed=True,
                opinion="同意",
                at=datetime(2026, 3, 2, 10),
            )
        )


def png(width: int = 48, height: int = 32) -> bytes:
    """A small valid RGB PNG, written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 5 % 256, y * 7 % 256, 160)) for x in range(width)) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# -- notices on a case --------------------------------------------------------------------------

# The enterprise the case notices are issued to: 李四 its legal person, 王五 its proxy.
SHOP = Applicant(
    ApplicantKind.ENTERPRISE,
    Person("李四", DocumentKind.ID_CARD, "11010519491231002X", "13912345678"),
    enterprise_name="青山县好味道餐饮有限公司",
    credit_code="91330100MA27XXXX0X",
    proxy=Person("王五", DocumentKind.ID_CARD, "110105194912310021"),
)
# The facts every notice the center issues on a case prints: SHOP's 行政许可 case at 市场监督管理局,
# issued by 陈静 on 9 March 2026. A test replaces the kind and adds the facts that kind prints.
CASE_NOTICE = CaseNoticeFacts(
    kind=NoticeKind.GRANT,
    notice_no="ZY2026-CENTER-00001",
    issued_at=datetime(2026, 3, 9, 10, 15),
    applicant=SHOP,
    case_no="BJ2026-CENTER-00042",
    matter_name="食品经营许可",
    department="青山县市场监督管理局",
    letterhead=Letterhead(
        Seal("青山县市场监督管理局", "审批专用章"),
        center="青山县政务服务中心",
        reconsideration_body="青山县人民政府",
        court="青山县人民法院",
    ),
    contact_phone="0571-88886666",
    accepted_on=date(2026, 2, 12),
    staff="陈静（S001）",
    window_no=3,
    qr_text="notice:ZY2026-CENTER-00001;case:BJ2026-CENTER-00042",
    matter_type="行政许可",
)


# -- supervision ---------------------------------------------------------------------------------


def department_id(store, code: str) -> str:
    with store.sessions() as s:
        return s.scalar(select(Department.id).where(Department.code == code))


def out_of_hall(store, code: str) -> str:
    """The matter (its name) now handled outside the hall, with no approved 负面清单 place: what
    the self-check's item 3 answers NO to."""
    with store.sessions.begin() as s:
        matter = s.scalar(select(Matter).where(Matter.code == code))
        assert matter is not None
        version = s.get(MatterVersion, matter.current_version_id)
        assert version is not None
        version.in_hall, version.negative_list_approval = False, None
        return matter.name


def ledger_item(department: str | None, **changes) -> NewLedgerItem:
    """A problem found on a 暗访 to 市场监管's window 3 on Monday 2 March 2026; `changes` replace
    any of its fields."""
    new = NewLedgerItem(
        source=Source.UNANNOUNCED_VISIT,
        found_on=date(2026, 3, 2),
        department_id=department,
        matter="食品经营许可",
        window_no=3,
        responsible_no="C001",
        problem_type=ProblemType.OUTSIDE_REVIEW,
        facts="暗访发现申请材料先交科室预审，窗口仅补录。",
        evidence="暗访记录 2026-03-02",
        responsible_unit="市场监督管理局",
        measure="",
        deadline_days=10,
    )
    return replace(new, **changes)


def green_source_request(kind: str, subject: str, target_on: date, plan: tuple[PlanStep, ...], **more) -> NewRequest:
    """A help request for 青山县绿源食品有限公司, 刘强 its contact (the applicant the help tests
    share); `more` names the request's optional fields."""
    return NewRequest(
        kind=kind,
        subject=subject,
        applicant_name="青山县绿源食品有限公司",
        applicant_doc="91411323MA9F8G2X3E",
        contact_name="刘强",
        contact_phone="13837712345",
        target_on=target_on,
        plan=plan,
        **more,
    )
