"""The printed documents as a reader holds them (issue 12, item 10): every font embedded in every
PDF; the 受理通知书 announces its table before it; case numbers, dates and 序号 on one line; no
stray spaces around dates and titles; the seal of the notice's stage; and the 准予许可决定书's
permitted content apart from the chief's opinion."""

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.approval.service import ApprovalRefused
from app.context import AppContext
from app.documents import notice_pdf
from db.models import Case, Notice
from tests import pdf_reading
from tests.documents_drawn import PERMITTED, every_document
from tests.helpers import accepted_case, approvals, person

AT_WINDOW = {"受理通知书", "容缺受理通知书", "告知承诺书", "一次性告知单", "不予受理通知书"}
# Spaces Chinese typesetting does not put around a date, a number with its unit or a title in 《》.
STRAY_SPACE = re.compile(
    r"\s[《》]|[《》]\s|\d\s+[年月日个项份号天]|[年月]\s+\d|[\u4e00-\u9fff]\s+\d{4}年|\d日\s+[\u4e00-\u9fff]"
)


@pytest.fixture(scope="module")
def drawn(demo_template, tmp_path_factory):
    """(every PDF by kind, every NoticeDocument as the services built it), drawn once on a copy of
    the demo store: the tests that take it only read them."""
    documents: list[notice_pdf.NoticeDocument] = []
    render = notice_pdf.render_notice

    def recording(doc: notice_pdf.NoticeDocument) -> bytes:
        documents.append(doc)
        return render(doc)

    folder = tmp_path_factory.mktemp("drawn")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HALL_DATA_DIR", str(folder / "userdata"))
        patch.setattr(notice_pdf, "render_notice", recording)
        ctx = AppContext.open(Path(shutil.copy(demo_template, folder / "hall.sqlite3")))
        try:
            return every_document(ctx), documents
        finally:
            ctx.store.engine.dispose()


def test_every_pdf_the_product_draws_embeds_every_font(drawn):
    pdfs, _documents = drawn
    assert len(pdfs) == 14  # ten notice kinds, the 授权委托书, the guide, the ticket and the dossier
    assert {kind: pdf_reading.unembedded_fonts(pdf) for kind, pdf in pdfs.items()} == {kind: [] for kind in pdfs}


def test_the_acceptance_notice_announces_its_limits_before_the_table_and_nothing_wraps(drawn):
    pdfs, _documents = drawn
    text = pdf_reading.text(pdfs["受理通知书"])
    lines = text.splitlines()
    assert text.index("本机关将在下列期限内作出决定") < text.index("办件编号 事项")  # "下列": the table follows
    assert any(re.search(r"QS\d{4}-\d{6}-\d{5}", line) for line in lines)  # the case number on one line
    assert any(re.search(r"\d{4}年\d{1,2}月\d{1,2}日 \d{4}年\d{1,2}月\d{1,2}日", line) for line in lines)  # dates too
    assert "序号 材料 问题" in pdf_reading.text(pdfs["一次性告知单"])  # 序号 not broken over two lines


def test_no_stray_spaces_around_dates_numbers_and_titles(drawn):
    _pdfs, documents = drawn
    assert {d.title for d in documents} >= AT_WINDOW | {"准予许可决定书", "不予许可决定书", "送达回证"}
    for d in documents:
        texts = [*d.paragraphs, *d.closing, *(cell for row in d.table_rows for cell in row), d.footer]
        assert [t for t in texts if STRAY_SPACE.search(t)] == [], d.title


def test_notices_at_the_window_carry_the_acceptance_seal_and_later_ones_the_approval_seal(drawn):
    _pdfs, documents = drawn
    for d in documents:
        assert d.seal.purpose == ("受理专用章" if d.title in AT_WINDOW else "审批专用章"), d.title
        assert d.seal.text == "青山县市场监督管理局"  # the demo's settings for 市场监管局


def test_a_grant_needs_its_permitted_content_which_the_decision_prints_apart_from_the_opinion(demo_ctx):
    case_id = accepted_case(demo_ctx, "SCJG-003", date(2026, 3, 2))  # 食品经营许可, 一审一核
    service = approvals(demo_ctx, date(2026, 3, 3))
    reviewer, chief = person(demo_ctx, "R001"), person(demo_ctx, "S001")
    service.review(reviewer, case_id, True, "材料齐全")  # not the deciding step: no permitted content asked
    with pytest.raises(ApprovalRefused, match="准予许可须填写许可内容"):
        service.review(chief, case_id, True, "同意", "  ")
    with demo_ctx.store.sessions() as s:
        assert s.get(Case, case_id).decision is None  # refused: nothing decided, nothing issued
        assert s.scalar(select(Notice.id).where(Notice.kind == "准予许可决定书")) is None
    result = service.review(chief, case_id, True, "经审查，材料齐全，同意准予许可", PERMITTED)
    with demo_ctx.store.sessions() as s:
        text = "".join(pdf_reading.text(s.get(Notice, result.notice_id).pdf).split())
    assert f"许可内容：{PERMITTED}。" in text and "同意准予许可" not in text
