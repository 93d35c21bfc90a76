"""Acceptance at the comprehensive window: outcome rules, notices, slips, deadlines, atomicity."""

import json
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.acceptance.model import Applicant, ApplicantKind, Decision, ItemStatus, Outcome, Person
from app.acceptance.rules import OutcomeRefused
from app.acceptance.service import AcceptanceService
from app.auth import login
from app.demo import DEMO_PASSWORD
from app.errors import PermissionDenied, ValidationFailed
from app.identity import DocumentKind
from app.notices import qr
from db.models import Application, Case, ChiefAuthorization, Commitment, Notice, OutboxEntry, ReviewStep, SlipItem
from tests import pdf_reading
from tests.helpers import QUICK_KEYS, ROOT, SET_UP, ZHANG, prepared, required, slip_with_three_problems
from tests.store_templates import migrated_store


def test_complete_application_is_accepted_with_deadlines_across_the_spring_festival(demo_ctx, acc, clerk):
    prep = prepared(demo_ctx, acc, "spjyxk")  # 食品经营许可: promised 3, statutory 10 working days
    result = acc.decide(clerk, prep, ZHANG, Decision(Outcome.ACCEPT))
    assert result.status == "已受理" and len(result.case_nos) == 1
    with demo_ctx.store.sessions() as s:
        case = s.scalar(select(Case).where(Case.case_no == result.case_nos[0]))
        assert case.accepted_on == date(2026, 2, 12)
        # Feb 13, make-up Saturday Feb 14, then the holiday to Feb 23.
        assert case.promised_due_on == date(2026, 2, 24)
        assert case.statutory_due_on == date(2026, 3, 4)
    notice = result.notices[0]
    assert notice.kind == "受理通知书" and notice.pdf.startswith(b"%PDF")


def test_on_the_spot_is_closed_at_once(demo_ctx, acc, clerk):
    result = acc.decide(clerk, prepared(demo_ctx, acc, "gtgsh"), ZHANG, Decision(Outcome.ON_THE_SPOT))
    assert result.status == "已办结"
    with demo_ctx.store.sessions() as s:
        case = s.scalar(select(Case).where(Case.case_no == result.case_nos[0]))
        step = s.scalar(select(ReviewStep).where(ReviewStep.case_id == case.id))
    # Decided at acceptance, by the clerk, under the letter of the department that covers 即办件.
    assert (case.status, case.decision) == ("已办结", "准予")
    assert (step.step, step.staff_no, step.authorization_no) == ("即办决定", "C001", "青市场监管局即授〔2026〕C001号")


def test_on_the_spot_needs_a_letter_covering_the_matter(demo_ctx, acc, clerk):
    with demo_ctx.store.sessions.begin() as s:  # the department ends C001's 即办 letter
        letter = s.scalar(
            select(ChiefAuthorization).where(ChiefAuthorization.document_no == "青市场监管局即授〔2026〕C001号")
        )
        letter.revoked_on = date(2026, 1, 1)
    with pytest.raises(OutcomeRefused, match="没有以下事项的有效授权：个体工商户设立登记"):
        acc.decide(clerk, prepared(demo_ctx, acc, "gtgsh"), ZHANG, Decision(Outcome.ON_THE_SPOT))
    with demo_ctx.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Application)) == 0  # nothing written
    assert acc.decide(clerk, prepared(demo_ctx, acc, "gtgsh"), ZHANG, Decision(Outcome.ACCEPT)).status == "已受理"


@pytest.mark.parametrize(
    ("query", "outcome", "why"),
    [
        ("spjyxk", Outcome.ON_THE_SPOT, "不是即办件"),
        ("gtgsh", Outcome.COMMITMENT, "不适用告知承诺制"),
        ("gtgsh", Outcome.CORRECTION, "材料齐全"),
        ("gtgsh", Outcome.TOLERANCE, "材料齐全"),
    ],
)
def test_outcomes_the_matter_or_checklist_does_not_allow(demo_ctx, acc, clerk, query, outcome, why):
    with pytest.raises(OutcomeRefused, match=why):
        acc.decide(clerk, prepared(demo_ctx, acc, query), ZHANG, Decision(outcome))


def test_accept_with_a_required_material_missing_is_refused_and_nothing_written(demo_ctx, acc, clerk):
    prep = prepared(demo_ctx, acc, "gtgsh")
    required(prep)[0].status = ItemStatus.MISSING
    for outcome in (Outcome.ACCEPT, Outcome.ON_THE_SPOT):
        with pytest.raises(OutcomeRefused, match="材料不齐或有误"):
            acc.decide(clerk, prep, ZHANG, Decision(outcome))
    with demo_ctx.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Application)) == 0


def test_unchecked_defect_without_text_and_unanswered_condition_are_refused(demo_ctx, acc, clerk):
    prep = prepared(demo_ctx, acc, "gtgsh")
    required(prep)[0].status = ItemStatus.UNCHECKED
    with pytest.raises(OutcomeRefused, match="未核验"):
        acc.decide(clerk, prep, ZHANG, Decision(Outcome.ACCEPT))
    required(prep)[0].status = ItemStatus.DEFECTIVE
    with pytest.raises(OutcomeRefused, match="必须写明问题"):
        acc.decide(clerk, prep, ZHANG, Decision(Outcome.CORRECTION))
    required(prep)[0].status = ItemStatus.RECEIVED
    next(i for i in prep.items if not i.required).condition_holds = None
    with pytest.raises(OutcomeRefused, match="适用情形"):
        acc.decide(clerk, prep, ZHANG, Decision(Outcome.ACCEPT))


def test_tolerance_only_for_eligible_materials_and_tracked(demo_ctx, acc, clerk, clock):
    prep = prepared(demo_ctx, acc, "spjyxk")
    eligible = next(i for i in required(prep) if i.tolerance_eligible)
    other = next(i for i in required(prep) if not i.tolerance_eligible)
    other.status = ItemStatus.MISSING
    eligible.status = ItemStatus.MISSING
    with pytest.raises(OutcomeRefused, match="不可容缺"):
        acc.decide(clerk, prep, ZHANG, Decision(Outcome.TOLERANCE, supply_by=date(2026, 3, 2)))
    other.status = ItemStatus.RECEIVED
    with pytest.raises(OutcomeRefused, match="补交日期"):
        acc.decide(clerk, prep, ZHANG, Decision(Outcome.TOLERANCE))
    result = acc.decide(clerk, prep, ZHANG, Decision(Outcome.TOLERANCE, supply_by=date(2026, 3, 2)))
    assert result.notices[0].kind == "容缺受理通知书"
    rows = acc.commitments()
    assert [(r.material, r.due_on, r.overdue) for r in rows] == [(eligible.name, date(2026, 3, 2), False)]
    clock.at = datetime(2026, 3, 3, 9, 0)
    assert acc.commitments()[0].overdue is True
    acc.mark_supplied(clerk, rows[0].id)
    assert acc.commitments() == []
    with pytest.raises(Exception, match="已于"):
        acc.mark_supplied(clerk, rows[0].id)


def test_rejection_needs_a_reason_and_says_where_to_go(demo_ctx, acc, clerk):
    prep = prepared(demo_ctx, acc, "gtgsh")
    with pytest.raises(OutcomeRefused, match="理由"):
        acc.decide(clerk, prep, ZHANG, Decision(Outcome.REJECT))
    result = acc.decide(
        clerk,
        prep,
        ZHANG,
        Decision(Outcome.REJECT, reason="申请事项依法不属于本机关职权范围", redirect="青山县烟草专卖局"),
    )
    assert result.status == "不予受理" and result.case_nos == () and result.notices[0].kind == "不予受理通知书"


def test_bundle_asks_shared_materials_once_and_opens_a_case_per_matter(demo_ctx, acc, clerk):
    prep = prepared(demo_ctx, acc, "kbcyd")
    keys = [i.key for i in prep.items]
    assert len(keys) == len(set(keys)) and "applicant_id" in keys
    assert len(prep.matters) == 4
    result = acc.decide(clerk, prep, ZHANG, Decision(Outcome.ACCEPT))
    assert len(result.case_nos) == 4 and len(set(result.case_nos)) == 4
    assert len(result.notices) == 1  # one 受理通知书 listing every case


def test_clerk_role_is_checked_in_the_service(demo_ctx, acc):
    agent = login(demo_ctx.store, demo_ctx.workstation_id, "A001", DEMO_PASSWORD)
    with pytest.raises(PermissionDenied):
        acc.decide(agent, prepared(demo_ctx, acc, "gtgsh"), ZHANG, Decision(Outcome.ON_THE_SPOT))


def test_applicant_fields_are_validated(demo_ctx, acc, clerk):
    bad = Applicant(
        ApplicantKind.ENTERPRISE,
        Person("李", DocumentKind.ID_CARD, "110105194912310021", "123"),
        enterprise_name="青山某某餐饮有限公司",
        credit_code="91350100M000100Y4A",
        proxy=Person("王五", DocumentKind.PASSPORT, "??", ""),
    )
    with pytest.raises(ValidationFailed) as caught:
        acc.decide(clerk, prepared(demo_ctx, acc, "gtgsh"), bad, Decision(Outcome.ON_THE_SPOT))
    fields = {e.field for e in caught.value.errors}
    assert fields == {"person.name", "person.doc_no", "person.phone", "credit_code", "proxy.doc_no", "proxy.phone"}


def test_slip_then_reopen_checks_only_the_listed_items_and_accepts(demo_ctx, acc, clerk):
    slip, listed = slip_with_three_problems(demo_ctx, acc, clerk)
    assert slip.status == "待补正" and slip.notices[0].kind == "一次性告知单"
    reopened = acc.reopen(slip.notices[0].notice_no)
    assert reopened.to_check == frozenset(i.key for i in listed)
    assert {i.key for i in reopened.items if i.status == ItemStatus.UNCHECKED} == reopened.to_check
    for item in reopened.items:
        if item.status == ItemStatus.UNCHECKED:
            item.status = ItemStatus.RECEIVED
    result = acc.decide(clerk, reopened, reopened.applicant, Decision(Outcome.ACCEPT))
    assert result.application_id == slip.application_id and result.status == "已受理"
    # The QR text found on the slip reopens it too; an accepted application cannot be reopened.
    with pytest.raises(Exception, match="已受理"):
        acc.reopen(slip.notices[0].notice_no)


def test_second_slip_cannot_raise_a_new_problem_without_a_recorded_reason(demo_ctx, acc, clerk):
    slip, listed = slip_with_three_problems(demo_ctx, acc, clerk)
    reopened = acc.reopen(slip.notices[0].notice_no)
    for item in reopened.items:
        if item.status == ItemStatus.UNCHECKED:
            item.status = ItemStatus.RECEIVED
    listed_again = next(i for i in reopened.items if i.key == listed[2].key)
    listed_again.status, listed_again.defect = ItemStatus.DEFECTIVE, "复印件不清晰"
    new = next(i for i in reopened.items if i.required and i.key not in reopened.to_check)
    new.status = ItemStatus.MISSING
    with pytest.raises(OutcomeRefused, match="一次性告知只能告知一次") as caught:
        acc.decide(clerk, reopened, ZHANG, Decision(Outcome.CORRECTION))
    assert new.name in str(caught.value) and listed_again.name not in str(caught.value)
    second = acc.decide(
        clerk, reopened, ZHANG, Decision(Outcome.CORRECTION, late_reasons={new.key: "补正后发现原件与复印件不一致"})
    )
    with demo_ctx.store.sessions() as s:
        reasons = dict(
            s.execute(
                select(SlipItem.name, SlipItem.late_reason).where(SlipItem.notice_id == second.notices[0].id)
            ).all()
        )
    assert reasons[new.name] == "补正后发现原件与复印件不一致" and reasons[listed_again.name] == ""
    from app import audit

    with demo_ctx.store.sessions() as s:
        entry = audit.recent(s, 1)[0]
    assert (
        entry.action == "application.correction" and "补正后发现原件与复印件不一致" in entry.detail
    )  # supervision sees it


def test_deferred_slip_two_day_deadline_and_automatic_acceptance_at_five(demo_ctx, acc, clerk, clock):
    prep = prepared(demo_ctx, acc, "spjyxk")
    result = acc.decide(clerk, prep, ZHANG, Decision(Outcome.DEFER))
    assert result.status == "待告知" and result.notices == ()
    [pending] = acc.pending_slips()
    assert pending.slip_due_on == date(2026, 2, 14)  # Feb 13, make-up Saturday Feb 14
    assert pending.auto_accept_on == date(2026, 2, 26)  # 13, 14, 24, 25, 26
    assert pending.overdue is False
    clock.at = datetime(2026, 2, 24, 9, 0)
    assert acc.pending_slips()[0].overdue is True
    clock.at = datetime(2026, 2, 25, 17, 0)
    assert acc.sweep_deferred() == []
    clock.at = datetime(2026, 2, 26, 8, 30)
    [auto] = acc.sweep_deferred()
    assert auto.status == "已自动受理" and acc.pending_slips() == []
    with demo_ctx.store.sessions() as s:
        case = s.scalar(select(Case).where(Case.case_no == auto.case_nos[0]))
        assert case.kind == "自动受理" and case.accepted_on == date(2026, 2, 12)  # as of receipt
        # The law accepted it, not whoever was logged in: recorded as the machine's, signed by it.
        entry = s.scalar(select(OutboxEntry).where(OutboxEntry.op == "application.auto_accepted"))
        assert json.loads(entry.payload)["by"] == "system" and json.loads(entry.payload)["signer"] == "machine"


def test_slip_issued_for_a_deferred_application(demo_ctx, acc, clerk):
    acc.decide(clerk, prepared(demo_ctx, acc, "spjyxk"), ZHANG, Decision(Outcome.DEFER))
    reopened = acc.open_deferred(acc.pending_slips()[0].application_id)
    required(reopened)[0].status = ItemStatus.MISSING
    with pytest.raises(OutcomeRefused, match="不能再次延后告知"):
        acc.decide(clerk, reopened, ZHANG, Decision(Outcome.DEFER))
    result = acc.decide(clerk, reopened, ZHANG, Decision(Outcome.CORRECTION))
    assert result.status == "待补正" and acc.pending_slips() == []


def test_notice_is_stored_immutable_and_its_qr_signature_verifies(demo_ctx, acc, clerk):
    result = acc.decide(clerk, prepared(demo_ctx, acc, "spjyxk"), ZHANG, Decision(Outcome.ACCEPT))
    issued = result.notices[0]
    import hashlib

    assert hashlib.sha256(acc.notice(issued.id).pdf).hexdigest() == issued.sha256
    with demo_ctx.store.sessions() as s:
        notice = s.get(Notice, issued.id)
        qr_message = qr.QrContent(
            notice.notice_no, (notice.case_no,), notice.kind, "20260212", notice.workstation_id
        ).message()
        text = f"{qr_message}|{notice.signature}"
    content = acc.verify_qr(text)
    assert content is not None and content.case_nos == result.case_nos
    assert acc.verify_qr(text.replace(result.case_nos[0], "QS2026FORGED00001")) is None
    flipped = "B" if text[-10] != "B" else "C"  # a signature character that surely changes
    assert acc.verify_qr(text[:-10] + flipped + text[-9:]) is None
    conn = sqlite3.connect(demo_ctx.store.path)
    for sql in ("UPDATE notices SET pdf = x'00'", "DELETE FROM notices"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute(sql)
    conn.close()


def test_numbers_from_two_workstations_never_collide(demo_ctx, acc, clerk, tmp_path):
    from app import demo
    from app.context import AppContext

    other = AppContext.open(migrated_store(tmp_path / "other.sqlite3"))  # a second machine: its own id and key
    demo.seed(other.store, other.system(), SET_UP, QUICK_KEYS)
    other_acc = AcceptanceService(other.store, other.workstation_id, acc.clock)
    clerk2 = login(other.store, other.workstation_id, "C001", DEMO_PASSWORD)
    assert other.workstation_id != demo_ctx.workstation_id
    a = acc.decide(clerk, prepared(demo_ctx, acc, "gtgsh"), ZHANG, Decision(Outcome.ON_THE_SPOT))
    b = other_acc.decide(clerk2, prepared(other, other_acc, "gtgsh"), ZHANG, Decision(Outcome.ON_THE_SPOT))
    assert a.notices[0].notice_no != b.notices[0].notice_no and a.case_nos != b.case_nos
    # Same sequence number on both machines; the workstation part keeps them apart.
    assert a.notices[0].notice_no[-5:] == b.notices[0].notice_no[-5:]
    other.store.engine.dispose()


def test_prints_are_recorded_and_a_second_print_is_a_reprint(demo_ctx, acc, clerk):
    result = acc.decide(clerk, prepared(demo_ctx, acc, "gtgsh"), ZHANG, Decision(Outcome.ON_THE_SPOT))
    nid = result.notices[0].id
    assert [n.id for n in acc.unprinted()] == [nid]
    assert acc.record_print(clerk, nid, ok=False, error="打印机缺纸") is False
    assert [n.id for n in acc.unprinted()] == [nid]  # still listed for reprint
    assert acc.record_print(clerk, nid, ok=True) is False
    assert acc.unprinted() == []
    assert acc.record_print(clerk, nid, ok=True) is True  # 补打


def test_draft_survives_closing_the_window(demo_ctx, acc, clerk):
    acc.save_draft(clerk, {"matter": "SCJG-001", "name": "张三"})
    assert acc.load_draft("C001") == {"matter": "SCJG-001", "name": "张三"}
    acc.clear_draft("C001")
    assert acc.load_draft("C001") is None


def test_interrupted_commit_leaves_no_half_written_case_or_notice(demo_template, tmp_path):
    db = tmp_path / "crash.sqlite3"
    db.write_bytes(demo_template.read_bytes())
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from datetime import datetime
        from pathlib import Path
        from app.context import AppContext
        from app.auth import login
        from app.clock import FixedClock
        from app.acceptance.service import AcceptanceService
        from app.acceptance.model import Decision, ItemStatus, Outcome
        from app.uow import UnitOfWork
        from tests.helpers import ZHANG

        ctx = AppContext.open(Path({str(db)!r}))
        clerk = login(ctx.store, ctx.workstation_id, "C001", "Demo@2026")
        acc = AcceptanceService(ctx.store, ctx.workstation_id, FixedClock(datetime(2026, 2, 12, 9, 30)))
        prep = acc.prepare(matter_id=ctx.catalog.search("spjyxk")[0].id)
        for item in prep.items:
            item.status = ItemStatus.RECEIVED
            item.condition_holds = item.required or False
        real_commit = UnitOfWork.commit
        commits = []
        def power_cut(self):
            commits.append(1)
            if len(commits) == 1:
                return real_commit(self)  # the number reservation goes through
            self.session.flush()  # application, case, notice and audit rows written to the journal...
            os._exit(9)           # ...and the process dies before COMMIT
        UnitOfWork.commit = power_cut
        acc.decide(clerk, prep, ZHANG, Decision(Outcome.ACCEPT))
    """)
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"HALL_DATA_DIR": str(tmp_path / "d"), "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 9, out.stderr
    conn = sqlite3.connect(db)
    counts = [
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("applications", "cases", "notices", "checklist_items", "slip_items")
    ]
    audit_tail = conn.execute("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()[0]
    reserved = conn.execute("SELECT sum(last) FROM counters").fetchone()[0]
    conn.close()
    assert counts == [0, 0, 0, 0, 0]
    assert not audit_tail.startswith("application.")
    assert reserved == 2  # the case and notice numbers reserved before the cut are skipped, never reused
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_commitment_rows_belong_to_cases(demo_ctx, acc, clerk):
    prep = prepared(demo_ctx, acc, "spjyxk")
    next(i for i in required(prep) if i.tolerance_eligible).status = ItemStatus.MISSING
    acc.decide(clerk, prep, ZHANG, Decision(Outcome.TOLERANCE, supply_by=date(2026, 2, 27)))
    with demo_ctx.store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Commitment)) == 1


def test_qr_code_printed_on_the_notice_scans_and_verifies(demo_ctx, acc, clerk, tmp_path):
    result = acc.decide(clerk, prepared(demo_ctx, acc, "spjyxk"), ZHANG, Decision(Outcome.ACCEPT))
    [scanned] = pdf_reading.qr_codes(result.notices[0].pdf, dpi=150)
    content = acc.verify_qr(scanned)
    assert content is not None
    assert content.notice_no == result.notices[0].notice_no and content.case_nos == result.case_nos
    # The slip number typed or the QR scanned at the window reopens the same application.
    assert acc.verify_qr(scanned.replace(content.notice_no, content.notice_no[:-1] + "9")) is None
