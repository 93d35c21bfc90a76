"""The notices issued on a case after acceptance: each kind prints its key facts, and a kind or a
fact it cannot print stops the call instead of producing a blank notice."""

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdf
import pytest

from app.approval.notice_text import MAIL, WINDOW_PICKUP, build_case_notice
from app.documents.notice_pdf import render_notice
from app.notices.kinds import NoticeKind
from tests.helpers import CASE_NOTICE, SHOP

OUT = Path("/tmp/notices_after")  # one PDF of each kind, for looking at the layout by eye


def text_of(pdf: bytes) -> str:
    # Lines wrap anywhere in CJK text, so compare without white space.
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in pages))


def rendered(kind: NoticeKind, notice_no: str, **details) -> str:
    """The text of the notice built from CASE_NOTICE with these details; also written to OUT."""
    facts = replace(CASE_NOTICE, kind=kind, notice_no=notice_no, **details)
    pdf = render_notice(build_case_notice(facts))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{notice_no}.pdf").write_bytes(pdf)
    text = text_of(pdf)
    for common in (kind.value, notice_no, CASE_NOTICE.case_no, SHOP.enterprise_name, CASE_NOTICE.department):
        assert common in text
    assert "11010519491231002X" not in text  # the ID number is masked
    return text


def test_special_step_notice_states_the_step_its_limit_and_that_the_clock_stops():
    text = rendered(
        NoticeKind.SPECIAL_STEP,
        "TS2026-CENTER-00001",
        step_kind="现场勘验",
        step_legal_basis="《食品经营许可和备案管理办法》第二十一条",
        step_limit_days=10,
        step_started_on=date(2026, 2, 24),
        step_due_on=date(2026, 3, 10),
        step_people="赵六（食品安全监管员，执法证号 33010001）、孙七（同上，执法证号 33010002）",
    )
    assert "现场勘验" in text
    assert "2026年3月10日" in text and "10个工作日" in text
    assert "第四十五条" in text and "不计算在行政许可期限内" in text
    assert "赵六" in text and "申请人（或代理人）签名" in text


def test_extension_notice_states_the_days_the_reason_and_the_new_deadline():
    text = rendered(
        NoticeKind.EXTENSION,
        "YQ2026-CENTER-00001",
        extension_days=10,
        extension_reason="涉及跨部门联合审查，需征求县卫生健康局意见",
        extension_by="陈静（S001）",
        statutory_due=date(2026, 3, 26),
    )
    assert "延长10个工作日" in text and "2026年3月26日" in text
    assert "县卫生健康局意见" in text and "第四十二条" in text


def test_grant_decision_states_the_content_basis_and_delivery():
    text = rendered(
        NoticeKind.GRANT,
        "ZY2026-CENTER-00001",
        permitted_content="准予食品经营许可，经营项目：预包装食品销售、热食类食品制售，有效期五年",
        legal_basis="《中华人民共和国食品安全法》第三十五条",
    )
    assert "决定准予行政许可" in text and "热食类食品制售" in text
    assert "《中华人民共和国食品安全法》第三十五条" in text
    assert "第三十九条、第四十四条" in text and "十个工作日内" in text


def test_refusal_decision_states_the_reasons_and_both_rights():
    text = rendered(
        NoticeKind.REFUSAL,
        "BX2026-CENTER-00001",
        opinion="经现场勘验，经营场所与有毒、有害场所的距离不足二十五米，不符合许可条件",
    )
    assert "决定不予行政许可" in text and "第三十八条第二款" in text
    assert "距离不足二十五米" in text
    assert "六十日内向青山县人民政府申请行政复议" in text
    assert "六个月内向青山县人民法院提起行政诉讼" in text


RECEIPT = dict(delivered_document="准予许可决定书（ZY2026-CENTER-00001）")


def test_service_receipt_by_mail_carries_the_tracking_number_and_asks_for_it_back():
    text = rendered(
        NoticeKind.SERVICE_RECEIPT,
        "SD2026-CENTER-00001",
        **RECEIPT,
        delivery_method=MAIL,
        recipient="王五",
        address="青山县城关镇人民路 88 号",
        carrier="中国邮政 EMS",
        tracking_no="1190012345678",
    )
    assert "1190012345678" in text and RECEIPT["delivered_document"] in text
    assert "人民路88号" in text and "王五" in text
    assert "受送达人签名" in text and "寄回本机关" in text


def test_service_receipt_at_the_window_names_the_window_and_the_day():
    text = rendered(NoticeKind.SERVICE_RECEIPT, "SD2026-CENTER-00002", **RECEIPT, delivery_method=WINDOW_PICKUP)
    assert "青山县政务服务中心3号窗口" in text and "2026年3月9日" in text
    assert "寄回" not in text


@pytest.mark.parametrize("kind", [NoticeKind.ACCEPTANCE, NoticeKind.SLIP, NoticeKind.REJECTION])
def test_an_acceptance_notice_kind_is_refused(kind):
    with pytest.raises(ValueError):
        build_case_notice(replace(CASE_NOTICE, kind=kind, opinion="x", legal_basis="x"))


@pytest.mark.parametrize(
    "facts",
    [
        replace(CASE_NOTICE, kind=NoticeKind.REFUSAL),  # no reasons (ALL art. 38 para. 2)
        replace(CASE_NOTICE, kind=NoticeKind.REFUSAL, opinion="  "),
        replace(CASE_NOTICE, legal_basis="《中华人民共和国食品安全法》"),  # a grant with no content
        replace(CASE_NOTICE, legal_basis="x", opinion="同意"),  # an opinion is not the permitted content
        replace(CASE_NOTICE, kind=NoticeKind.EXTENSION, extension_days=10, extension_reason="x", extension_by="x"),
        replace(CASE_NOTICE, kind=NoticeKind.SPECIAL_STEP, step_kind="现场勘验"),
        replace(CASE_NOTICE, kind=NoticeKind.SERVICE_RECEIPT, **RECEIPT, delivery_method=MAIL),  # no address
        replace(CASE_NOTICE, kind=NoticeKind.SERVICE_RECEIPT, **RECEIPT, delivery_method="传真"),
    ],
)
def test_a_notice_missing_a_fact_it_prints_is_refused(facts):
    with pytest.raises(ValueError):
        build_case_notice(facts)
