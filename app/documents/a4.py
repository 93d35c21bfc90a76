"""Building an A4 document from flowables: the one place the page size and the build live."""

from collections.abc import Callable
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from app.documents.fonts import chinese_font


def render_a4(
    story: list, *, title: str, author: str, on_page: Callable, margins_mm: tuple[float, float, float, float]
) -> bytes:
    """margins_mm: left, right, top, bottom. on_page(canvas, doc) draws what every page carries."""
    left, right, top, bottom = (m * mm for m in margins_mm)
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=author,
        initialFontName=chinese_font(),  # else every page starts in Helvetica, which is never embedded
    ).build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
