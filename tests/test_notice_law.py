"""Every notice cites the law that governs its matter's type: the 行政许可法 and its wording (许可,
听证、检验…, 行政许可期限) on 行政许可 matters only; a notice on a 公共服务, 行政确认, 行政给付…
matter cites no article of it. Tables over every matter type and every notice kind."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from app.acceptance.model import CheckItem, Decision, ItemStatus, Outcome
from app.acceptance.notice_text import CaseLine, NoticeFacts, build
from app.approval.notice_text import MAIL, build_case_notice
from app.catalog.guide import MatterType
from app.catalog.regime import printed_title, regime_of
from app.documents.letterhead import Letterhead, Seal
from app.documents.notice_pdf import NoticeDocument
from app.notices.kinds import NoticeKind
from tests.helpers import CASE_NOTICE, ZHANG

LETTERHEAD = Letterhead(Seal("青山县人力资源和社会保障局", "受理专用章"), center="青山县政务服务中心")
MISSING = CheckItem("k", "身份证明", True, None, True, "原件", 1, "", (), ("M1",), status=ItemStatus.MISSING)
CASE = CaseLine("QS2026-407316-00001", "某事项", date(2026, 3, 2), date(2026, 3, 9), False, False)

AT_WINDOW = {  # kind -> what each acceptance notice needs besides the common facts
    "受理": dict(kind=NoticeKind.ACCEPTANCE, cases=(CASE,)),
    "自动受理": dict(kind=NoticeKind.ACCEPTANCE, cases=(CASE,), auto_accepted=True),
    "容缺受理": dict(
        kind=NoticeKind.TOLERANCE,
        cases=(CASE,),
        items=(MISSING,),
        decision=Decision(Outcome.TOLERANCE, supply_by=date(2026, 3, 2)),
    ),
    "告知承诺": dict(kind=NoticeKind.COMMITMENT, cases=(CASE,)),
    "一次性告知": dict(kind=NoticeKind.SLIP, items=(MISSING,)),
    "不予受理": dict(kind=NoticeKind.REJECTION, decision=Decision(Outcome.REJECT, reason="不属于本机关职权范围")),
}
AFTER = {  # the center's notices on a case
    NoticeKind.SPECIAL_STEP: dict(
        step_kind="现场核查",
        step_legal_basis="《某某办法》第十条",
        step_limit_days=5,
        step_started_on=date(2026, 3, 2),
        step_due_on=date(2026, 3, 9),
        step_people="李工（工程师）",
    ),
    NoticeKind.EXTENSION: dict(
        extension_days=10, extension_reason="情况复杂", extension_by="陈静（S001）", statutory_due=date(2026, 4, 1)
    ),
    NoticeKind.GRANT: dict(permitted_content="同意办理", legal_basis="《某某条例》"),
    NoticeKind.REFUSAL: dict(opinion="不符合条件"),
    NoticeKind.SERVICE_RECEIPT: dict(
        delivered_document="准予办理决定书（ZY2026-ZX-00001）",
        delivery_method=MAIL,
        address="某地",
        tracking_no="SF1",
    ),
}
# What only a 行政许可 notice may say.
LICENSING_WORDS = ("行政许可法", "许可", "听证")


def window_notice(matter_types: tuple[str, ...], **kind) -> NoticeDocument:
    facts = NoticeFacts(
        kind=NoticeKind.ACCEPTANCE,
        notice_no="SL2026-407316-00001",
        issued_at=datetime(2026, 2, 12, 9, 30),
        applicant=ZHANG,
        matter_names=tuple(f"事项{i}" for i in range(len(matter_types))),
        matter_types=matter_types,
        department="青山县人力资源和社会保障局",
        letterhead=LETTERHEAD,
        legal_basis="《中华人民共和国社会保险法》",
        handling_place="一楼",
        contact_phone="0377-1",
        window_no=1,
        clerk="李娜（C001）",
        qr_text="qr",
        received_on=date(2026, 2, 12),
    )
    return build(replace(facts, **kind))


def case_notice(kind: NoticeKind, matter_type: str) -> NoticeDocument:
    # The matter's name is not a licence's, so that any licensing word comes from the notice itself.
    facts = replace(CASE_NOTICE, kind=kind, matter_name="某事项", matter_type=matter_type)
    return build_case_notice(replace(facts, **AFTER[kind]))


def words(doc: NoticeDocument) -> str:
    return "\n".join([doc.title, *doc.paragraphs, *doc.closing, *(c for row in doc.table_rows for c in row)])


OTHER_TYPES = [t for t in MatterType if t != MatterType.LICENSE]


@pytest.mark.parametrize("matter_type", OTHER_TYPES)
@pytest.mark.parametrize("kind", AT_WINDOW)
def test_a_window_notice_on_another_type_of_matter_cites_no_licensing_law(kind, matter_type):
    text = words(window_notice((matter_type,), **AT_WINDOW[kind]))
    assert not [w for w in LICENSING_WORDS if w in text], text


@pytest.mark.parametrize("matter_type", OTHER_TYPES)
@pytest.mark.parametrize("kind", AFTER)
def test_a_case_notice_on_another_type_of_matter_cites_no_licensing_law(kind, matter_type):
    text = words(case_notice(kind, matter_type))
    assert not [w for w in LICENSING_WORDS if w in text], text


CITED = {  # the article a 行政许可 notice cites
    "受理": "《中华人民共和国行政许可法》第三十二条",
    "自动受理": "《中华人民共和国行政许可法》第三十二条",
    "一次性告知": "《中华人民共和国行政许可法》第三十二条",
    "不予受理": "《中华人民共和国行政许可法》第三十二条",
    NoticeKind.SPECIAL_STEP: "《中华人民共和国行政许可法》第四十五条",
    NoticeKind.EXTENSION: "《中华人民共和国行政许可法》第四十二条第一款",
    NoticeKind.GRANT: "《中华人民共和国行政许可法》第三十八条第一款",
    NoticeKind.REFUSAL: "《中华人民共和国行政许可法》第三十八条第二款",
}


@pytest.mark.parametrize("kind", [*AT_WINDOW, *AFTER])
def test_a_licensing_notice_cites_the_licensing_law(kind):
    doc = (
        window_notice((MatterType.LICENSE,), **AT_WINDOW[kind])
        if kind in AT_WINDOW
        else case_notice(kind, MatterType.LICENSE)
    )
    if kind in CITED:
        assert CITED[kind] in words(doc)
    assert "有关规定" not in words(doc)


def test_the_acceptance_notice_names_only_the_special_steps_a_public_service_has():
    plain = words(window_notice((MatterType.PUBLIC_SERVICE,), **AT_WINDOW["受理"]))
    assert "依照有关规定，决定予以受理" in plain and "不计算在内" not in plain
    steps = words(window_notice((MatterType.PUBLIC_SERVICE,), **AT_WINDOW["受理"], special_steps=("现场核查",)))
    assert "依照有关规定需要现场核查的，所需时间不计算在内" in steps
    licensing = words(window_notice((MatterType.LICENSE,), **AT_WINDOW["受理"]))
    assert "依法需要听证、检验、检测、鉴定、专家评审等的，所需时间不计算在内" in licensing


def test_a_bundle_of_both_kinds_cites_the_article_for_its_licences_and_rules_for_the_rest():
    mixed = (MatterType.LICENSE, MatterType.PUBLIC_SERVICE)
    text = words(window_notice(mixed, **AT_WINDOW["受理"]))
    assert "依照《中华人民共和国行政许可法》第三十二条及有关规定，决定予以受理" in text
    commitment = words(window_notice(mixed, **AT_WINDOW["告知承诺"]))
    assert "《事项0》的许可条件；《事项1》的办理条件" in commitment


@pytest.mark.parametrize(
    ("types", "licensing", "only"),
    [
        ((), False, False),
        (("行政许可",), True, True),
        (("公共服务",), False, False),
        (("行政许可", "行政确认"), True, False),
    ],
)
def test_the_regime_of_a_notices_matters(types, licensing, only):
    r = regime_of(types)
    assert (r.licensing, r.only_licensing) == (licensing, only)


def test_decisions_on_other_matters_are_titled_by_what_they_decide():
    assert printed_title(NoticeKind.GRANT, MatterType.LICENSE) == "准予许可决定书"
    assert printed_title(NoticeKind.GRANT, MatterType.PUBLIC_SERVICE) == "准予办理决定书"
    assert printed_title(NoticeKind.REFUSAL, MatterType.CONFIRMATION) == "不予办理决定书"
    assert printed_title(NoticeKind.ACCEPTANCE, MatterType.PUBLIC_SERVICE) == "受理通知书"


def test_the_acceptance_notice_of_a_public_service_read_back_cites_no_licensing_law(demo_ctx):
    """RSJ-005 企业职工基本养老保险关系转移接续, a 公共服务 matter, accepted at the window."""
    from sqlalchemy import select

    from app.acceptance.service import AcceptanceService
    from app.auth import login
    from app.clock import FixedClock
    from app.demo import DEMO_PASSWORD
    from db.models import Matter
    from tests import pdf_reading

    acc = AcceptanceService(demo_ctx.store, demo_ctx.workstation_id, FixedClock(datetime(2026, 2, 12, 9, 30)))
    with demo_ctx.store.sessions() as s:
        matter_id = s.scalar(select(Matter.id).where(Matter.code == "RSJ-005"))
    prep = acc.prepare(matter_id=matter_id)
    for item in prep.items:
        item.status, item.condition_holds = ItemStatus.RECEIVED, (None if item.required else False)
    clerk = login(demo_ctx.store, demo_ctx.workstation_id, "C001", DEMO_PASSWORD)
    result = acc.decide(clerk, prep, ZHANG, Decision(Outcome.ACCEPT))
    text = pdf_reading.text(result.notices[0].pdf)
    assert "依照有关规定，决定予以受理" in text.replace("\n", "")
    assert "行政许可法" not in text and "听证" not in text
