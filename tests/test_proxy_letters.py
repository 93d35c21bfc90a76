"""委托书 and the proxy rule (DESIGN §4 rules 9–10): drafting checked field by field, the letter
printed to sign, signing and revoking; at the window a proxy submission is refused, with nothing
written, unless a signed letter in force names this applicant and this proxy and covers every
matter; the center checks again on push; the dossier keeps the letter."""

import hashlib
import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.acceptance.model import Decision, ItemStatus, Outcome, Person
from app.actor import system_actor
from app.dossier.gather import gather
from app.dossier.service import DossierService
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.help.proxy_client import ProxyLetterClient
from app.help.proxy_letters import ProxyLetterService
from app.help.proxy_rule import ProxyRefused
from app.identity import DocumentKind
from app.notices import qr
from db.models import (
    Application,
    AuditEntry,
    Case,
    Matter,
    Notice,
    ProxyLetter,
    ProxyLetterFile,
    Workstation,
)
from tests import pdf_reading
from tests.helpers import ON_BOTH_BACKENDS, ZHANG, at, count, person, png
from tests.pdf_reading import directory_pages, run_together
from tests.proxy_helpers import DAY, WU, by_proxy, decide, letters, matter_ids, new_letter, qr_of, signed_letter
from tests.sync_harness import People, center_count, workstation

LI = Person("李四", DocumentKind.ID_CARD, "110105198001010016", "13912340000")
FIRM = {  # an enterprise as principal
    "principal_kind": "企业",
    "principal_name": "青山县好味道餐饮有限公司",
    "principal_doc": "91310110666007217T",
    "legal_rep": "孙七",
}


# -- drafting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "why"),
    [
        ({"principal_name": "张"}, "principal.name", "姓名"),
        ({"principal_doc": "110105194912310021"}, "principal.doc_no", "校验位"),
        ({"principal_doc_kind": DocumentKind.PASSPORT, "principal_doc": "E1?"}, "principal.doc_no", "护照"),
        ({"principal_kind": "项目"}, "principal_kind", "个人或企业"),
        ({**FIRM, "principal_doc": ""}, "principal.doc_no", "统一社会信用代码"),
        ({**FIRM, "principal_doc": "91310110666007217X"}, "principal.doc_no", "校验位"),
        ({**FIRM, "principal_name": "青"}, "principal.name", "企业"),
        ({**FIRM, "legal_rep": ""}, "legal_rep", "法定代表人"),
        ({"proxy_name": ""}, "proxy.name", "姓名"),
        ({"proxy_doc_no": "41132119850612003X"}, "proxy.doc_no", "校验位"),
        ({"proxy_phone": ""}, "proxy.phone", "联系电话"),
        ({"proxy_phone": "12345"}, "proxy.phone", "手机号"),
        ({"proxy_doc_no": ZHANG.person.doc_no, "proxy_staff_no": ""}, "proxy.doc_no", "委托人本人"),
        ({"proxy_staff_no": "C001"}, "proxy.staff_no", "不是在岗的帮办代办员"),
        ({"proxy_name": "王五"}, "proxy.staff_no", "与受托人姓名不符"),
        ({"matter_ids": ()}, "matters", "事项"),
        ({"matter_ids": ("no-such-matter",)}, "matters", "事项目录"),
        ({"scope": "  "}, "scope", "委托权限"),
        ({"scope": "代" * 501}, "scope", "500 字以内"),
        ({"valid_to": None}, "valid", "起止日期"),
        ({"valid_from": date(2026, 3, 1)}, "valid", "不能早于今天"),
        ({"valid_to": date(2026, 3, 1)}, "valid", "不能早于起始日期"),
        ({"valid_to": date(2027, 3, 2)}, "valid", "最长一年：自 2026-03-02 起最晚至 2027-03-01"),
        ({"request_id": "no-such-request"}, "request", "帮办代办申请不存在"),
    ],
)
def test_drafting_checks_each_field_and_records_nothing_wrong(demo_ctx, changes, field, why):
    new = new_letter(matter_ids(demo_ctx, "gtgsh"), **changes)
    with pytest.raises(ValidationFailed) as caught:
        letters(demo_ctx).draft(person(demo_ctx, "A001"), new)
    assert [e.field for e in caught.value.errors] == [field]
    assert why in caught.value.errors[0].message
    assert count(demo_ctx, ProxyLetter) == 0


def test_agents_clerks_and_managers_draft_a_chief_does_not(demo_ctx):
    ids = matter_ids(demo_ctx, "gtgsh")
    with pytest.raises(PermissionDenied):
        letters(demo_ctx).draft(person(demo_ctx, "S001"), new_letter(ids))
    for staff_no in ("A001", "C001", "M001"):
        assert letters(demo_ctx).draft(person(demo_ctx, staff_no), new_letter(ids)).letter_no.startswith("WT2026-")


def test_the_letter_to_sign_names_principal_proxy_matters_scope_and_validity(demo_ctx, tmp_path):
    ids = matter_ids(demo_ctx, "kbcyd")
    drafted = letters(demo_ctx).draft(person(demo_ctx, "A001"), new_letter(ids, **FIRM))
    text = run_together(drafted.pdf)
    with demo_ctx.store.sessions() as s:
        names = [s.get(Matter, i).name for i in ids]
        letter = s.get(ProxyLetter, drafted.id)
        stored = s.get(ProxyLetterFile, drafted.id)
        assert (letter.status, letter.letter_no, letter.principal_doc) == (
            "待签署",
            drafted.letter_no,
            "91310110666007217T",
        )
        assert {m.id for m in letter.matters} == set(ids)
        assert stored.pdf == drafted.pdf and stored.sha256 == hashlib.sha256(drafted.pdf).hexdigest()
    for needle in (
        "授权委托书",
        f"编号：{drafted.letter_no}",
        "青山县好味道餐饮有限公司",
        "91310110666007217T",
        "法定代表人孙七",
        "受托人吴敏",
        WU.doc_no,
        WU.phone,
        "帮办代办员（工号A001）",
        *[n.replace(" ", "") for n in names],
        "代为递交申请材料、补正材料",
        "自2026年3月2日起至2026年8月31日止",  # GB/T 9704: no leading zero
        "委托单位（盖章）",
        "受托人（签名）",
    ):
        assert needle in text, needle
    [scanned] = pdf_reading.qr_codes(drafted.pdf)
    with demo_ctx.store.sessions() as s:  # signed with the issuing key: the center's, where it runs
        content = qr.verify(scanned, s.get(Workstation, demo_ctx.workstation_id).public_key)
    assert content is not None and (content.notice_no, content.kind) == (drafted.letter_no, "授权委托书")


def test_signing_revoking_and_reading_a_letter(demo_ctx):
    service, agent = letters(demo_ctx), person(demo_ctx, "A001")
    drafted = service.draft(agent, new_letter(matter_ids(demo_ctx, "gtgsh")))
    # After today, before the letter was drafted, or a scan that is no PDF or image.
    for signed_on, scan, field in (
        (date(2026, 3, 3), None, "signed_on"),
        (date(2026, 3, 1), None, "signed_on"),
        (DAY, b"x", "scan"),
    ):
        with pytest.raises(ValidationFailed) as caught:
            service.record_signed(agent, drafted.id, signed_on, scan)
        assert [e.field for e in caught.value.errors] == [field]
    service.record_signed(agent, drafted.id, DAY, png())
    with pytest.raises(DomainError, match="不能登记签署"):
        service.record_signed(agent, drafted.id, DAY)
    view = service.letter(agent, drafted.id)
    assert (view.status, view.signed_on, view.has_scan, view.proxy_doc_no) == ("已签署", DAY, True, WU.doc_no)
    # Found by number, by the QR text on the letter, or by the principal's ID number: masked.
    for key in (drafted.letter_no.lower(), qr_of(demo_ctx, drafted.letter_no), ZHANG.person.doc_no):
        (found,) = service.find(agent, key)
        assert found.id == drafted.id and found.principal_doc == "110105********002X" and "*" in found.proxy_doc_no
    assert service.pdf(agent, drafted.id) == drafted.pdf
    with pytest.raises(ValidationFailed, match="原因"):
        service.revoke(agent, drafted.id, " ")
    service.revoke(agent, drafted.id, "委托人书面撤销委托")
    with pytest.raises(DomainError, match="已撤销"):
        service.revoke(agent, drafted.id, "再次撤销")
    assert service.letter(agent, drafted.id).status == "已撤销"
    with demo_ctx.store.sessions() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == drafted.id)))
    assert actions == [
        "proxy_letter.drafted",
        "proxy_letter.signed",
        "proxy_letter.viewed",
        "proxy_letter.printed",
        "proxy_letter.revoked",
        "proxy_letter.viewed",
    ]


# -- the proxy rule at the window ------------------------------------------------------------------


def _refusals(ctx):
    """(applicant, query, day, what the refusal says) for each way a letter fails."""
    signed = signed_letter(ctx, "gtgsh", "spjyxk").letter_no
    unsigned = signed_letter(ctx, "gtgsh", signed=False).letter_no
    revoked = signed_letter(ctx, "gtgsh")
    letters(ctx).revoke(person(ctx, "A001"), revoked.id, "委托人书面撤销")
    short = signed_letter(ctx, "gtgsh", valid_to=date(2026, 3, 10)).letter_no
    later = letters(ctx).draft(person(ctx, "A001"), new_letter(matter_ids(ctx, "gtgsh"), valid_from=date(2026, 3, 5)))
    letters(ctx).record_signed(person(ctx, "A001"), later.id, DAY)
    return [
        (by_proxy(""), "gtgsh", DAY, "请填写委托书编号"),
        (by_proxy("WT2026-NOSUCH-00099"), "gtgsh", DAY, "没有编号为 WT2026-NOSUCH-00099 的授权委托书"),
        (by_proxy(unsigned), "gtgsh", DAY, "尚未登记签署"),
        (by_proxy(revoked.letter_no), "gtgsh", DAY, "已被撤销"),
        (by_proxy(short), "gtgsh", date(2026, 3, 11), "已于 2026-03-10 到期"),
        (by_proxy(later.letter_no), "gtgsh", DAY, "自 2026-03-05 起生效"),
        (by_proxy(signed, principal=LI), "gtgsh", DAY, "委托人不是本申请人"),
        (by_proxy(signed, proxy=replace(WU, doc_no=LI.doc_no)), "gtgsh", DAY, "受托人不是本次办理的代理人"),
        (by_proxy(unsigned.replace("-", "")), "gtgsh", DAY, "没有编号为"),
        (by_proxy(short), "spjyxk", DAY, "未委托办理以下事项：食品经营许可（新办）。"),
        # 开办餐饮店 is four matters: the letter covers two of them.
        (by_proxy(signed), "kbcyd", DAY, "未委托办理以下事项：城镇污水排入排水管网许可、设置大型户外广告"),
    ]


def test_a_proxy_without_a_letter_allowing_it_is_refused_and_nothing_is_written(demo_ctx):
    for applicant, query, day, why in _refusals(demo_ctx):
        with pytest.raises(ProxyRefused, match=why):
            decide(demo_ctx, query, applicant, day=day)
    assert (count(demo_ctx, Application), count(demo_ctx, Case), count(demo_ctx, Notice)) == (0, 0, 0)


@pytest.mark.parametrize(
    ("outcome", "decision"),
    [
        (Outcome.CORRECTION, {}),
        (Outcome.REJECT, {"reason": "申请事项依法不属于本机关职权范围"}),
        (Outcome.DEFER, {}),
        (Outcome.ON_THE_SPOT, {}),
    ],
)
def test_every_outcome_of_a_proxy_submission_needs_the_letter(demo_ctx, outcome, decision):
    with pytest.raises(ProxyRefused, match="请填写委托书编号"):
        decide(demo_ctx, "gtgsh", by_proxy(""), outcome, **decision)
    assert count(demo_ctx, Application) == 0
    letter = signed_letter(demo_ctx, "gtgsh")
    result = decide(demo_ctx, "gtgsh", by_proxy(letter.letter_no), outcome, **decision)
    with demo_ctx.store.sessions() as s:
        assert s.get(Application, result.application_id).proxy_letter_id == letter.id


def test_a_valid_letter_accepts_and_links_the_application_and_comes_back_with_the_slip(demo_ctx):
    letter = signed_letter(demo_ctx, "kbcyd")  # 开办餐饮店: every matter of the bundle
    qr_text = qr_of(demo_ctx, letter.letter_no)
    slip = decide(demo_ctx, "kbcyd", by_proxy(qr_text), Outcome.CORRECTION)  # the letter's QR code scanned
    reopened = demo_ctx.acceptance.reopen(slip.notices[0].notice_no)
    assert reopened.applicant.proxy == WU and reopened.applicant.proxy_letter_no == qr_text
    for item in reopened.items:
        if item.status == ItemStatus.UNCHECKED:
            item.status = ItemStatus.RECEIVED
    result = demo_ctx.acceptance.decide(
        person(demo_ctx, "C001"), reopened, reopened.applicant, Decision(Outcome.ACCEPT)
    )
    assert result.status == "已受理" and len(result.case_nos) == 4
    with demo_ctx.store.sessions() as s:
        application = s.get(Application, result.application_id)
        assert application.proxy_letter_id == letter.id
        # The guides' conditional 授权委托书 is the letter on file: received, not "not applicable".
        assert {i.status for i in application.checklist if "委托书" in i.name} == {"已收"}
    # In person, no letter is asked for and none is linked.
    in_person = decide(demo_ctx, "gtgsh", ZHANG)
    with demo_ctx.store.sessions() as s:
        application = s.get(Application, in_person.application_id)
        assert application.proxy_letter_id is None
        assert {i.status for i in application.checklist if "委托书" in i.name} == {"不适用"}


# -- the center ------------------------------------------------------------------------------------


@ON_BOTH_BACKENDS  # the loopback center on SQLite and on PostgreSQL
def test_over_http_a_letter_is_drafted_signed_found_and_revoked(center, tmp_path):
    ws, _engine = workstation(center, tmp_path, "ws")
    client = People(ws, ProxyLetterClient)
    today = date.today()  # the center's own clock
    new = new_letter(matter_ids(ws, "gtgsh"), valid_from=today, valid_to=today)
    with pytest.raises(ValidationFailed) as caught:
        client["A001"].draft(replace(new, proxy_phone="", scope=""))
    assert {e.field for e in caught.value.errors} == {"proxy.phone", "scope"}
    drafted = client["A001"].draft(new)
    assert drafted.pdf.startswith(b"%PDF") and drafted.letter_no.startswith(f"WT{today.year}-ZX-")
    client["A001"].record_signed(drafted.id, today, png())
    view = client["A001"].letter(drafted.id)
    assert (view.status, view.signed_on, view.has_scan, view.matters[0][1]) == (
        "已签署",
        today,
        True,
        "个体工商户设立登记",
    )
    (found,) = client["A001"].find(drafted.letter_no)
    assert found.id == drafted.id and found.proxy_doc_no != WU.doc_no
    assert client["A001"].pdf(drafted.id) == drafted.pdf
    with pytest.raises(DomainError, match="无权操作"):
        client["S001"].revoke(drafted.id, "撤销")
    client["A001"].revoke(drafted.id, "委托人书面撤销")
    assert client["M001"].letter(drafted.id).status == "已撤销"


def test_over_http_the_proxy_agent_is_the_drafting_person_never_a_staff_number_the_body_names(center, tmp_path):
    ws, _engine = workstation(center, tmp_path, "ws")
    client = People(ws, ProxyLetterClient)
    today = date.today()
    new = new_letter(matter_ids(ws, "gtgsh"), valid_from=today, valid_to=today)  # names agent A001
    with pytest.raises(ValidationFailed) as caught:  # the clerk's session is the agent the center takes
        client["C001"].draft(new)
    assert [e.message for e in caught.value.errors] == ["工号 C001 不是在岗的帮办代办员。"]
    assert "proxy_staff_no" not in center.app.openapi()["components"]["schemas"]["DraftRequest"]["properties"]
    drafted = client["A001"].draft(new)
    assert client["A001"].letter(drafted.id).proxy_staff_no == "A001"


@ON_BOTH_BACKENDS
def test_the_center_refuses_a_proxy_application_its_own_letter_does_not_allow(center, tmp_path):
    ws, engine = workstation(center, tmp_path, "ws")
    service, actor = ProxyLetterService(center.store, "center", at(DAY, 8)), system_actor("center", "test")
    drafted = service.draft(actor, new_letter(matter_ids(ws, "gtgsh")))
    service.record_signed(actor, drafted.id, DAY)
    assert engine.sync(retries=0).ok  # the workstation pulls the letter
    first = decide(ws, "gtgsh", by_proxy(drafted.letter_no))
    report = engine.sync(retries=0)
    assert report.ok and report.rejected == []
    with center.store.sessions() as s:
        assert s.get(Application, first.application_id).proxy_letter_id == drafted.id
    # A tampered workstation: its copy of the letter now covers 食品经营许可 too.
    with ws.store.sessions.begin() as s:
        copy = s.get(ProxyLetter, drafted.id)
        copy.matters.append(s.get(Matter, matter_ids(ws, "spjyxk")[0]))
    altered = decide(ws, "spjyxk", by_proxy(drafted.letter_no))
    report = engine.sync(retries=0)
    assert report.ok and len(report.rejected) == 1
    assert "未委托办理以下事项：食品经营许可" in report.rejected[0].reason
    assert center_count(center, Application, id=altered.application_id) == 0
    # The principal revokes at the center; the workstation has not heard yet and accepts under it.
    service.revoke(actor, drafted.id, "委托人书面撤销委托")
    stale = decide(ws, "gtgsh", by_proxy(drafted.letter_no))
    report = engine.sync(retries=0)
    assert len(report.rejected) == 1 and "已被撤销" in report.rejected[0].reason
    assert center_count(center, Application, id=stale.application_id) == 0
    with ws.store.sessions() as s:  # and the pull brought the revocation: the window now refuses it
        assert s.get(ProxyLetter, drafted.id).status == "已撤销"
    with pytest.raises(ProxyRefused, match="已被撤销"):
        decide(ws, "gtgsh", by_proxy(drafted.letter_no))


# -- the dossier -----------------------------------------------------------------------------------


def test_the_dossier_lists_the_letter_and_appends_it_with_its_signed_scan(demo_ctx):
    service, agent = letters(demo_ctx), person(demo_ctx, "A001")
    drafted = service.draft(agent, new_letter(matter_ids(demo_ctx, "spjyxk")))
    service.record_signed(agent, drafted.id, DAY, png())
    result = decide(demo_ctx, "spjyxk", by_proxy(drafted.letter_no))
    with demo_ctx.store.sessions() as s:
        case_id = s.scalar(select(Case.id).where(Case.application_id == result.application_id))
    manager = person(demo_ctx, "M001")
    dossier = DossierService(demo_ctx.store).case_file(manager, case_id)
    with demo_ctx.store.sessions() as s:
        (entry,) = gather(s, case_id, "test", datetime(2026, 3, 3, 9)).proxy_letters
    assert (entry.letter_no, entry.principal, entry.status, entry.signed_on) == (
        drafted.letter_no,
        "张三",
        "已签署",
        DAY,
    )
    assert entry.proxy == "吴敏（居民身份证 411321********0037，帮办代办员 A001）" and entry.pdf == drafted.pdf
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(dossier.pdf)).pages]
    at_page = directory_pages(pages)
    section = pages[at_page["代理委托"] - 1].replace(" ", "").replace("\n", "")
    for needle in ("委托书编号", "张三", "帮办代办员A001", "2026-08-31", "已签署"):
        assert needle in section, needle
    letter_page = pages[at_page[f"委托书 {drafted.letter_no}"] - 1]
    assert "授权委托书" in letter_page and f"编号：{drafted.letter_no}" in letter_page
    scan_page = pages[at_page[f"委托书签署件 {drafted.letter_no}"] - 1]
    assert f"委托书签署件扫描件 编号 {drafted.letter_no}" in scan_page
    assert at_page[f"委托书签署件 {drafted.letter_no}"] == at_page[f"委托书 {drafted.letter_no}"] + 1
    assert len(pages) == at_page[f"委托书签署件 {drafted.letter_no}"]  # the last sheets of the file


def test_a_revocation_counts_from_its_day_so_an_earlier_submission_stands():
    from app.acceptance.model import Applicant, ApplicantKind
    from app.help.proxy_rule import REVOKED, LetterOnFile, refusal

    zhang = Applicant(ApplicantKind.PERSON, ZHANG.person, proxy=LI)
    letter = LetterOnFile(
        "id",
        "WT2026-CENTER-00001",
        REVOKED,
        ZHANG.person.doc_no,
        LI,
        date(2026, 1, 1),
        date(2026, 12, 31),
        date(2026, 1, 2),
        frozenset({"m1"}),
        revoked_on=date(2026, 3, 10),
    )
    matters = {"m1": "食品经营许可"}
    assert refusal(letter, letter.letter_no, zhang, matters, date(2026, 3, 9)) is None  # taken offline the day before
    assert "已被撤销" in refusal(letter, letter.letter_no, zhang, matters, date(2026, 3, 10))
