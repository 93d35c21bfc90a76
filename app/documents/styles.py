"""The look shared by the printed reports (guides, dossiers): paragraph styles in the shipped
font, a paragraph from plain text, and the table grid."""

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from app.documents.fonts import chinese_font


def report_styles() -> dict[str, ParagraphStyle]:
    font = chinese_font()
    base = ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=26, alignment=1, spaceAfter=4),
        "sub": ParagraphStyle("sub", parent=base, fontSize=9, textColor=colors.grey, alignment=1),
        "h": ParagraphStyle(
            "h",
            parent=base,
            fontSize=12.5,
            leading=20,
            spaceBefore=10,
            spaceAfter=4,
            textColor=colors.HexColor("#1a4f8b"),
        ),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12),
    }


def para(text: str | None, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text or "—").replace("\n", "<br/>"), style)


def grid(header: bool) -> TableStyle:
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), chinese_font()),  # a table draws in Helvetica unless told otherwise
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9aa7b5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0 if not header else -1, -1 if not header else 0), colors.HexColor("#eef3f8")),
    ]
    return TableStyle(commands)
