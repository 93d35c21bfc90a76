"""The one notice pipeline (app.notices): the number is reserved before anything is drawn, the PDF
is drawn with no transaction open, a drawing that fails stores nothing and costs only the numbers
it had reserved (as a crash after the reservation does), the stored notice is the one drawn, and
every print is recorded, a print after a successful one as a reprint (补打)."""

import hashlib
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.acceptance.model import Applicant, ApplicantKind, Decision, ItemStatus, Outcome, Person
from app.acceptance.service import AcceptanceService
from app.auth import login
from app.clock import FixedClock
from app.demo import DEMO_PASSWORD
from app.identity import DocumentKind
from app.notices import numbering, qr
from app.notices.issuing import NoticeIssuer
from app.notices.service import NoticeService
from db.models import (
    Application,
    AuditEntry,
    Case,
    Counter,
    Notice,
    NoticePrint,
    OutboxEntry,
    SlipItem,
)

AT = datetime(2026, 3, 2, 9, 0)
LI = Applicant(ApplicantKind.PERSON, Person("李四", DocumentKind.ID_CARD, "11010519491231002X", "13912345678"))
WRITTEN = (Application, Case, Notice, SlipItem, OutboxEntry, AuditEntry)


@pytest.fixture
def clerk(demo_ctx):
    return login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)


@pytest.fixture
def issuer(demo_ctx):
    return NoticeIssuer(demo_ctx.store, demo_ctx.workstation_id)


def counters(store, workstation_id: str) -> dict[str, int]:
    with store.sessions() as s:
        rows = s.scalars(select(Counter).where(Counter.workstation_id == workstation_id))
        return {c.name: c.last for c in rows}


def row_counts(store) -> dict[str, int]:
    with store.sessions() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in WRITTEN}


def complete(ctx, acc: AcceptanceService):
    """食品经营许可 with every material received: it can be accepted."""
    prep = acc.prepare(matter_id=ctx.catalog.search("spjyxk")[0].id)
    for item in prep.items:
        item.status, item.condition_holds = ItemStatus.RECEIVED, item.required
    return prep


def seq(number: str) -> int:
    return int(number.rsplit("-", 1)[1])


def test_the_number_is_reserved_before_drawing_and_nothing_is_held_while_drawing(demo_ctx, issuer, clerk):
    ws = demo_ctx.workstation_id
    before = counters(demo_ctx.store, ws)
    reserved = issuer.reserve(clerk, "受理通知书", "SL", AT, case_years=[2026, 2025])
    after = counters(demo_ctx.store, ws)  # committed, read from another session
    series = numbering.series(ws)
    assert reserved.notice_no == f"SL2026-{series}-{after['notice-2026']:05d}"
    assert reserved.case_nos == (
        f"QS2026-{series}-{after['case-2026']:05d}",
        f"QS2025-{series}-{after['case-2025']:05d}",
    )
    assert after["notice-2026"] == before.get("notice-2026", 0) + 1
    seen: dict = {}

    def facts(s, qr_text: str) -> str:
        seen["session"] = s
        return qr_text

    def render(qr_text: str) -> bytes:
        seen["in transaction while drawing"] = seen["session"].in_transaction()
        # No lock is held: another writer takes a number while this notice is being drawn.
        seen["taken meanwhile"] = issuer.reserve(clerk, "受理通知书", "SL", AT).notice_no
        seen["stored while drawing"] = row_counts(demo_ctx.store)["notices"]
        return f"%PDF {qr_text}".encode()

    stored_before = row_counts(demo_ctx.store)["notices"]
    drawn = issuer.draw(reserved, facts, render)
    assert seen["in transaction while drawing"] is False
    assert seq(seen["taken meanwhile"]) == seq(reserved.notice_no) + 1
    assert seen["stored while drawing"] == stored_before == row_counts(demo_ctx.store)["notices"]
    assert drawn.sha256 == hashlib.sha256(drawn.pdf).hexdigest()
    qr_text = drawn.pdf.decode().removeprefix("%PDF ")
    content = NoticeService(demo_ctx.store).verify_qr(qr_text)  # signed with this workstation's key
    assert content == qr.QrContent(reserved.notice_no, reserved.case_nos, "受理通知书", "20260302", ws)
    assert qr_text.endswith(f"|{drawn.signature}")


def test_a_failed_drawing_stores_nothing_and_only_skips_its_number(demo_ctx, issuer, clerk):
    reserved = issuer.reserve(clerk, "一次性告知单", "GZ", AT)
    written = row_counts(demo_ctx.store)

    def broken(_facts) -> bytes:
        raise RuntimeError("字体文件损坏")

    with pytest.raises(RuntimeError, match="字体文件损坏"):
        issuer.draw(reserved, lambda s, qr_text: qr_text, broken)
    assert row_counts(demo_ctx.store) == written
    assert seq(issuer.reserve(clerk, "一次性告知单", "GZ", AT).notice_no) == seq(reserved.notice_no) + 1


def test_a_decision_whose_notice_cannot_be_drawn_writes_nothing_and_costs_only_its_numbers(
    demo_ctx, clerk, monkeypatch
):
    from app.documents import notice_pdf

    acc = AcceptanceService(demo_ctx.store, demo_ctx.workstation_id, FixedClock(AT))
    prep = complete(demo_ctx, acc)
    written, numbered = row_counts(demo_ctx.store), counters(demo_ctx.store, demo_ctx.workstation_id)
    real_render = notice_pdf.render_notice

    def broken(_document) -> bytes:
        raise OSError("打印模板无法读取")

    monkeypatch.setattr(notice_pdf, "render_notice", broken)
    with pytest.raises(OSError, match="打印模板无法读取"):
        acc.decide(clerk, prep, LI, Decision(Outcome.ACCEPT))
    assert row_counts(demo_ctx.store) == written  # no application, case, notice, audit or outbox row
    skipped = counters(demo_ctx.store, demo_ctx.workstation_id)
    assert {name: skipped[name] - numbered.get(name, 0) for name in skipped} == {"notice-2026": 1, "case-2026": 1}

    monkeypatch.setattr(notice_pdf, "render_notice", real_render)
    result = acc.decide(clerk, prep, LI, Decision(Outcome.ACCEPT))
    (notice,) = result.notices
    assert seq(notice.notice_no) == skipped["notice-2026"] + 1 and seq(result.case_nos[0]) == skipped["case-2026"] + 1
    with demo_ctx.store.sessions() as s:
        stored = s.get(Notice, notice.id)
        assert (stored.pdf, stored.sha256, stored.case_no) == (notice.pdf, notice.sha256, result.case_nos[0])


def test_every_print_is_recorded_and_a_print_after_a_good_one_is_a_reprint(demo_ctx, clerk):
    acc = AcceptanceService(demo_ctx.store, demo_ctx.workstation_id, FixedClock(AT))
    prep = complete(demo_ctx, acc)
    (issued,) = acc.decide(clerk, prep, LI, Decision(Outcome.ACCEPT)).notices
    notices = NoticeService(demo_ctx.store)
    assert notices.notice(issued.id) == issued and not notices.printed_before(issued.id)
    assert [notices.record_print(clerk, issued.id, ok) for ok in (False, True, True)] == [False, False, True]
    with demo_ctx.store.sessions() as s:
        prints = s.scalars(select(NoticePrint).where(NoticePrint.notice_id == issued.id).order_by(NoticePrint.at))
        assert [(p.ok, p.reprint, p.staff_no) for p in prints] == [
            (False, False, "C001"),
            (True, False, "C001"),
            (True, True, "C001"),
        ]
        actions = s.scalars(
            select(AuditEntry.action).where(AuditEntry.entity_id == issued.id).order_by(AuditEntry.seq)
        ).all()
    assert actions == ["notice.print_failed", "notice.printed", "notice.printed"]
    assert notices.printed_before(issued.id) and issued.id not in [n.id for n in notices.unprinted()]
