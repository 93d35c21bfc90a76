"""The dossier PDF (卷宗), read back with pypdf: directory page numbers, footers, the materials
exactly as the guide lists them, and the notices and scans appended where the directory says."""

import re
from dataclasses import replace
from datetime import date, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import chinese_font
from app.documents.letterhead import Seal
from app.documents.notice_pdf import NoticeDocument, render_notice
from app.dossier.facts import (
    AuthorizationEntry,
    DeliveryEntry,
    DossierFacts,
    MaterialLine,
    NoticeEntry,
    ProxyLetterEntry,
    SpecialStepEntry,
    StepEntry,
)
from app.dossier.pdf import render_dossier
from tests.helpers import png
from tests.pdf_reading import directory_pages

CASE_NO = "QS2026A1B2C3D400017"
QUALIFICATION = "食品安全检查员资格证 SJ-2024-0381"
PROBLEM = "申请材料清单列有办事指南第 3 版未列的材料：房屋租赁合同备案证明"
TRACKING = "EMS1187362540CN"
PDF_SCAN_MARK = "扫描件样张：授权书原件第一页"
LETTER_NO = "WT2026-CENTER-00007"


def text_pdf(*pages: str) -> bytes:
    """A PDF with one line of text a page, standing in for a scan or a notice."""
    buffer = BytesIO()
    canvas = Canvas(buffer)
    for text in pages:
        canvas.setFont(chinese_font(), 14)
        canvas.drawString(100, 700, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def notice(kind: str, no: str, rows: int = 0) -> NoticeEntry:
    issued = datetime(2026, 3, 2, 9, 40)
    document = NoticeDocument(
        title=kind,
        notice_no=f"文书编号：{no}",
        issued_at=issued,
        addressee="青山县味道餐饮有限公司",
        paragraphs=("你（单位）于 2026年03月02日 提交的《食品经营许可（新办）》申请，现告知如下。",),
        seal=Seal("青山县市场监督管理局", "受理专用章"),
        issuer="青山县市场监督管理局",
        footer="青山县政务服务中心 6 号窗口 · 经办人 陈静（S001） · 咨询电话 0571-88880000",
        qr_text=f"N:{no};C:{CASE_NO}",
        table_headers=("序号", "材料", "问题") if rows else (),
        table_rows=tuple((str(i), f"第 {i} 项补正材料的名称", "缺少") for i in range(1, rows + 1)),
        col_widths=(12, 100, 54) if rows else (),
    )
    return NoticeEntry(no, kind, issued, "陈静（S001）", "6号窗口工作站", render_notice(document))


def material(seq: int) -> MaterialLine:
    if seq == 4:
        return MaterialLine(seq, "卫生许可证明（餐饮）", "复印件", 1, True, None, "缺少", supplied_on=date(2026, 3, 5))
    if seq == 7:
        return MaterialLine(seq, "分支机构营业执照", "复印件", 1, False, "申请人为分支机构的", "不适用")
    if seq == 9:
        return MaterialLine(seq, "食品安全管理制度", "原件", 1, True, None, "有误", defect="缺少进货查验制度")
    return MaterialLine(seq, f"申请材料第{seq:02d}号（食品经营场所平面图等）", "原件", 1, True, None, "已收")


def proxy_letter() -> ProxyLetterEntry:
    return ProxyLetterEntry(
        LETTER_NO,
        "青山县味道餐饮有限公司",
        "王五（身份证 1101**********1234）",
        ("食品经营许可（新办）",),
        "代为递交申请材料、签收文书",
        date(2026, 3, 1),
        date(2026, 8, 31),
        date(2026, 3, 1),
        "已签署",
        text_pdf(f"授权委托书 编号：{LETTER_NO}"),
        png(),
    )


def sample_facts(
    notices: tuple[NoticeEntry, ...] | None = None,
    authorizations: tuple[AuthorizationEntry, ...] | None = None,
    proxy_letters: tuple[ProxyLetterEntry, ...] | None = None,
) -> DossierFacts:
    staff = ("李娜（C001）", "孙丽（R001）", "周强（R002）", "陈静（S001）")
    history = tuple(
        StepEntry(
            datetime(2026, 3, 2 + i // 3, 9 + i, 5 * i),
            ("受理", "审核", "特殊环节开始", "特殊环节结束", "核准", "送达")[i % 6],
            staff[i % 4],
            "1号窗口工作站" if i % 2 else "中心",
            f"第 {i + 1} 步意见：材料齐全，符合法定形式。" * (2 if i == 3 else 1),
        )
        for i in range(10)
    )
    if notices is None:
        notices = (
            notice("一次性告知单", "GZ2026-A1B2C3D4-00003", rows=40),
            notice("受理通知书", "SL2026-A1B2C3D4-00004"),
        )
    if authorizations is None:
        authorizations = (
            AuthorizationEntry(
                "青市监授〔2026〕3号",
                "青山县市场监督管理局",
                "陈静（S001）",
                date(2026, 1, 1),
                date(2026, 12, 31),
                None,
                ("食品经营许可（新办）", "食品经营许可（变更）", "食品经营许可（延续）", "小餐饮登记"),
                "授权书.png",
                png(),
                ("核准 2026-03-04 陈静（S001）",),
            ),
            AuthorizationEntry(
                "青市监授〔2026〕5号",
                "青山县市场监督管理局",
                "孙丽（R001）",
                date(2026, 1, 1),
                date(2026, 6, 30),
                date(2026, 5, 1),
                ("食品经营许可（新办）",),
                "授权书（孙丽）.pdf",
                text_pdf(PDF_SCAN_MARK, "扫描件样张：授权书原件第二页"),
                ("审核 2026-03-03 孙丽（R001）",),
            ),
        )
    return DossierFacts(
        case_no=CASE_NO,
        matter_name="食品经营许可（新办）",
        matter_code="11330100MB0000000X4000111001",
        guide_version_no=3,
        guide_published_at=datetime(2026, 1, 15, 10, 0),
        department="青山县市场监督管理局",
        review_mode="一审一核",
        applicant="青山县味道餐饮有限公司",
        applicant_document="91330100MA2******X",
        applicant_kind="企业",
        proxy="王五（身份证 1101**********1234）",
        case_kind="容缺受理",
        accepted_on=date(2026, 3, 2),
        accepted_by="李娜（C001）",
        accepted_window=1,
        status="已办结",
        decision="准予",
        decided_at=datetime(2026, 3, 4, 16, 30),
        promised_due=date(2026, 3, 16),
        statutory_due=date(2026, 3, 30),
        extension_days=10,
        extension_reason="需补充现场核查，经负责人批准延长",
        paused_days=2,
        materials=tuple(material(i) for i in range(1, 21)),
        notices=notices,
        history=history,
        special_steps=(
            SpecialStepEntry(
                "现场勘验",
                "《食品经营许可和备案管理办法》第二十一条",
                5,
                date(2026, 3, 3),
                date(2026, 3, 9),
                date(2026, 3, 4),
                2,
                f"赵磊（S003）{QUALIFICATION}；刘洋（C003）执法证 33010020",
                "孙丽（R001）",
                "孙丽（R001）",
                "经营场所布局符合要求",
                False,
            ),
        ),
        authorizations=authorizations,
        delivery=DeliveryEntry(
            "邮寄",
            "已签收",
            date(2026, 3, 9),
            recipient="张三",
            phone="138****5678",
            address="青山县城关镇人民路 18 号",
            carrier="中国邮政 EMS",
            tracking_no=TRACKING,
            sent_on=date(2026, 3, 5),
            delivered_on=date(2026, 3, 6),
            by="黄丽（C004）",
        ),
        problems=(PROBLEM,),
        generated_at=datetime(2026, 3, 10, 14, 20),
        generated_by="王建国（M001）",
        proxy_letters=(proxy_letter(),) if proxy_letters is None else proxy_letters,
    )


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def dossier() -> tuple[DossierFacts, bytes, list[str]]:
    facts = sample_facts()
    pdf = render_dossier(facts)
    return facts, pdf, [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def appended_counts(facts: DossierFacts) -> list[tuple[str, int]]:
    """(directory title, pages) of each appended document, in order."""
    out = [(f"{n.kind} {n.notice_no}", len(PdfReader(BytesIO(n.pdf)).pages)) for n in facts.notices]
    for a in facts.authorizations:
        pages = len(PdfReader(BytesIO(a.scan)).pages) if a.scan.startswith(b"%PDF") else 1
        out.append((f"授权书 {a.document_no}", pages))
    for letter in facts.proxy_letters:  # the letter as printed, then its signed scan (a PNG here)
        out += [(f"委托书 {letter.letter_no}", len(PdfReader(BytesIO(letter.pdf)).pages))]
        out += [(f"委托书签署件 {letter.letter_no}", 1)] if letter.scan else []
    return out


def test_chinese_text_extracts_and_the_font_is_embedded(dossier):
    facts, pdf, pages = dossier
    assert b"/FontFile2" in pdf and b"/ToUnicode" in pdf
    assert re.search(rb"/BaseFont /\w{6}\+WenQuanYiMicroHei", pdf)
    cover = squash(pages[0])
    for text in ("政务服务办件卷宗", facts.matter_name, facts.matter_code, "第3版（2026-01-15发布）", facts.proxy):
        assert squash(text) in cover
    assert squash("生成时间 2026-03-10 14:20") in cover and "王建国（M001）" in cover
    assert squash("延长 10 个工作日：需补充现场核查") in cover and "准予（2026-03-0416:30）" in cover


def test_directory_points_at_each_section_and_appended_document(dossier):
    facts, _pdf, pages = dossier
    at = directory_pages(pages)
    assert at["申请材料清单（依据办事指南第 3 版）"] == 3
    for title in ("办理过程", "特殊环节", "送达", "审批授权", "代理委托", "核对结果"):
        assert title in pages[at[title] - 1].splitlines(), title  # the heading, a line of its own
    for n in facts.notices:
        assert n.notice_no in pages[at[f"{n.kind} {n.notice_no}"] - 1]
        assert f"文书编号：{n.notice_no}" in pages[at[f"{n.kind} {n.notice_no}"] - 1]
    png_scan, pdf_scan_entry = facts.authorizations
    assert f"授权书扫描件 文号 {png_scan.document_no}" in pages[at[f"授权书 {png_scan.document_no}"] - 1]
    first_scan_page = pages[at[f"授权书 {pdf_scan_entry.document_no}"] - 1]
    assert PDF_SCAN_MARK in first_scan_page and pdf_scan_entry.document_no in first_scan_page
    assert f"授权委托书 编号：{LETTER_NO}" in pages[at[f"委托书 {LETTER_NO}"] - 1]
    assert f"委托书签署件扫描件 编号 {LETTER_NO}" in pages[at[f"委托书签署件 {LETTER_NO}"] - 1]
    # each appended document starts right after the one before: a 2-page slip, a notice, a PNG, a 2-page PDF,
    # the 委托书 and its signed scan
    counts = appended_counts(facts)
    assert [n for _title, n in counts] == [2, 1, 1, 2, 1, 1]
    starts = [at[title] for title, _n in counts]
    assert starts == [starts[0] + sum(n for _t, n in counts[:i]) for i in range(len(counts))]


def test_page_count_and_footers(dossier):
    facts, _pdf, pages = dossier
    at = directory_pages(pages)
    counts = appended_counts(facts)
    generated = at[counts[0][0]] - 1
    assert "核对结果" in pages[generated - 1]  # the last section ends the generated pages
    assert len(pages) == generated + sum(n for _t, n in counts)
    for number, text in enumerate(pages, 1):
        assert f"卷宗 {CASE_NO} · 第 {number} 页 / 共 {len(pages)} 页" in text, number
    # the sections' pages carry nothing of the appended documents
    assert not any(n.notice_no in text for n in facts.notices for text in pages[2:generated])


def test_materials_are_exactly_the_guides_in_order(dossier):
    facts, _pdf, pages = dossier
    at = directory_pages(pages)
    heading = "申请材料清单（依据办事指南第 3 版）"
    text = squash("".join(pages[at[heading] - 1 : at["办理过程"]]))
    listed = text[text.index(squash(heading)) + len(squash(heading)) : text.index("办理过程")]
    listed = re.sub(r"卷宗" + CASE_NO + r"·第\d+页/共\d+页", "", listed)
    listed = listed.replace("序号材料名称形式份数必要性核验结果容缺补交日期", "")  # the header row, on every page
    expected = ""
    for m in facts.materials:
        need = "必需" if m.required else f"条件：{m.condition}"
        result = f"{m.status}：{m.defect}" if m.defect else m.status
        supplied = f"{m.supplied_on:%Y-%m-%d}" if m.supplied_on else "—"
        expected += squash(f"{m.seq}{m.name}{m.form}{m.copies}{need}{result}{supplied}")
    assert listed == expected
    assert "条件：申请人为分支机构的不适用" in listed and "缺少2026-03-05" in listed


def test_steps_delivery_authorizations_and_problems_appear(dossier):
    facts, _pdf, pages = dossier
    text = squash("".join(pages))
    for value in (TRACKING, QUALIFICATION, PROBLEM, "邮寄", "中国邮政EMS", "现场勘验", "经营场所布局符合要求"):
        assert squash(value) in text, value
    for step in facts.history:
        assert squash(f"{step.at:%Y-%m-%d %H:%M}{step.action}{step.person}") in text
    assert "2026-05-01" in text and "审核2026-03-03孙丽（R001）" in text and "小餐饮登记" in text
    assert "申请材料清单与公布的办事指南一致" not in text


def test_a_plain_case_says_what_it_lacks():
    facts = sample_facts(notices=(), authorizations=(), proxy_letters=())
    facts = replace(facts, special_steps=(), delivery=None, problems=(), decision=None, decided_at=None, proxy="")
    pages = [page.extract_text() for page in PdfReader(BytesIO(render_dossier(facts))).pages]
    text = squash("".join(pages))
    lines = (
        "本办件未启动特殊环节。",
        "尚未送达。",
        "本办件无审批授权记录。",
        "本办件未委托代理人办理。",
        "申请材料清单与公布的办事指南一致。",
    )
    for line in (*lines, "审批决定未决定"):
        assert line in text, line
    assert f"共 {len(pages)} 页" in pages[-1]


def test_a_directory_longer_than_a_page_still_points_right():
    numbers = [f"SD2026-A1B2C3D4-{i:05d}" for i in range(1, 46)]
    notices = tuple(
        NoticeEntry(no, "送达回证", datetime(2026, 3, 9), "黄丽（C004）", "中心", text_pdf(*[f"送达回证 {no}"] * pages))
        for no, pages in zip(numbers, [1, 2] * 23, strict=False)
    )
    facts = sample_facts(notices=notices)
    pages = [page.extract_text() for page in PdfReader(BytesIO(render_dossier(facts))).pages]
    assert sum("卷内目录" in text for text in pages[:4]) == 1 and "卷内目录" not in pages[0]
    at = directory_pages(pages)
    for n in notices:
        assert f"送达回证 {n.notice_no}" in pages[at[f"{n.kind} {n.notice_no}"] - 1]
    assert at["申请材料清单（依据办事指南第 3 版）"] > 3  # the directory took more than one page


def test_an_unreadable_scan_keeps_its_page_and_says_so():
    (letter, *_rest) = sample_facts().authorizations
    broken = replace(letter, scan=b"%PDF-1.4 this is not a PDF", scan_name="坏文件.pdf")
    facts = replace(sample_facts(), authorizations=(broken,))
    pages = [page.extract_text() for page in PdfReader(BytesIO(render_dossier(facts))).pages]
    assert "扫描件无法读取" in squash(pages[directory_pages(pages)[f"授权书 {letter.document_no}"] - 1])


def test_a_proxy_without_a_letter_on_file_is_shown():
    pages = PdfReader(BytesIO(render_dossier(sample_facts(proxy_letters=())))).pages
    assert "本办件由代理人办理，但没有存档的委托书。" in squash("".join(page.extract_text() for page in pages))
