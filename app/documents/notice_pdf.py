"""One layout for every notice (文书): title, number, addressee, body, an optional table, the
seal and date, signature lines, and a QR code with the signed notice and case numbers."""

from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from app.documents.a4 import render_a4
from app.documents.chinese_date import long_date
from app.documents.fonts import chinese_font
from app.documents.letterhead import Seal
from app.documents.qr_canvas import draw_qr
from app.documents.seal import draw_seal

CELL_PADDING = 6  # points, left and right: reportlab's default


@dataclass(frozen=True)
class NoticeDocument:
    title: str
    notice_no: str
    issued_at: datetime
    addressee: str
    paragraphs: tuple[str, ...]
    seal: Seal
    issuer: str  # the body that issues it, printed above the date
    footer: str  # window, clerk, contact
    qr_text: str
    table_headers: tuple[str, ...] = ()
    table_rows: tuple[tuple[str, ...], ...] = ()
    closing: tuple[str, ...] = ()  # paragraphs after the table
    signatures: tuple[str, ...] = ("申请人（或代理人）签名：", "签收日期：")
    col_widths: tuple[float, ...] = field(default=())  # mm; the table's width is their sum
    fit_cols: tuple[int, ...] = ()  # columns never wrapped (numbers, 序号): as wide as their widest cell


def _styles() -> dict[str, ParagraphStyle]:
    font = chinese_font()
    body = ParagraphStyle("b", fontName=font, fontSize=11, leading=19, wordWrap="CJK", firstLineIndent=22)
    return {
        "title": ParagraphStyle("t", parent=body, fontSize=20, leading=30, alignment=1, firstLineIndent=0),
        "no": ParagraphStyle("n", parent=body, fontSize=10, alignment=2, firstLineIndent=0),
        "to": ParagraphStyle("to", parent=body, firstLineIndent=0, spaceBefore=6),
        "body": body,
        "cell": ParagraphStyle("c", parent=body, fontSize=9, leading=13, firstLineIndent=0),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def render_notice(doc: NoticeDocument) -> bytes:
    st = _styles()
    story = [_p(doc.title, st["title"]), _p(doc.notice_no, st["no"]), _p(f"{doc.addressee}：", st["to"])]
    story += [_p(t, st["body"]) for t in doc.paragraphs]
    if doc.table_rows:
        rows = [[_p(h, st["cell"]) for h in doc.table_headers]]
        rows += [[_p(c, st["cell"]) for c in row] for row in doc.table_rows]
        table = Table(rows, colWidths=_widths(doc, st["cell"]), repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), chinese_font()),  # else the table sets Helvetica, unembedded
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story += [Spacer(1, 3 * mm), table, Spacer(1, 3 * mm)]
    story += [_p(t, st["body"]) for t in doc.closing]

    def decorate(canvas, template) -> None:
        _last_page_block(canvas, template, doc)

    # The bottom margin keeps the seal, date, signature lines and QR clear of the text on every page.
    return render_a4(
        story, title=f"{doc.title} {doc.notice_no}", author=doc.issuer, on_page=decorate, margins_mm=(22, 22, 20, 80)
    )


def _widths(doc: NoticeDocument, style: ParagraphStyle) -> list[float] | None:
    """The columns in doc.fit_cols get the width of their widest line (at least the one given); the
    others share what is left in proportion to their given widths."""
    if not doc.col_widths:
        return None
    widths = [w * mm for w in doc.col_widths]
    for i in doc.fit_cols:
        lines = [line for text in (doc.table_headers[i], *(r[i] for r in doc.table_rows)) for line in text.split("\n")]
        needed = max(stringWidth(line, style.fontName, style.fontSize) for line in lines) + 2 * CELL_PADDING + 1
        widths[i] = max(widths[i], needed)
    rest = [i for i in range(len(widths)) if i not in doc.fit_cols]
    free = sum(doc.col_widths) * mm - sum(widths[i] for i in doc.fit_cols)
    given = sum(doc.col_widths[i] for i in rest)
    for i in rest:
        widths[i] = free * doc.col_widths[i] / given
    return widths


def _last_page_block(canvas, template, doc: NoticeDocument) -> None:
    """Seal, issuer, date, signature lines and QR sit in the bottom margin of every page."""
    font = chinese_font()
    width, _height = A4
    canvas.saveState()
    base = 32 * mm
    canvas.setFont(font, 11)
    right = width - 30 * mm
    canvas.drawRightString(right, base + 24 * mm, doc.issuer)
    canvas.drawRightString(right, base + 17 * mm, long_date(doc.issued_at.date()))
    draw_seal(canvas, right - 22 * mm, base + 20 * mm, doc.seal)
    for i, label in enumerate(doc.signatures):
        y = base + 8 * mm - i * 9 * mm
        canvas.drawString(60 * mm, y, label)
        start = 60 * mm + canvas.stringWidth(label, font, 11)
        canvas.line(start, y - 1, start + 40 * mm, y - 1)
    draw_qr(canvas, doc.qr_text, 20 * mm, base - 8 * mm, 30 * mm)
    canvas.setFont(font, 7)
    canvas.drawString(20 * mm, base - 11 * mm, "扫码核验文书真伪")
    canvas.setFont(font, 8)
    canvas.setFillColor(colors.grey)
    canvas.drawString(22 * mm, 12 * mm, doc.footer)
    canvas.drawRightString(width - 22 * mm, 12 * mm, f"{doc.notice_no} · 第 {template.page} 页")
    canvas.restoreState()
