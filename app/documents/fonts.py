"""The shipped Chinese font (WenQuanYi Micro Hei), registered once; reportlab embeds a subset."""

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from app.paths import FONT_FILE

FONT = "WQYMicroHei"


@cache
def chinese_font() -> str:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    return FONT


def canvas(target, **kwargs) -> Canvas:
    """A reportlab canvas whose initial font is the embedded one. A canvas starts every page in
    Helvetica otherwise, which lands in the file unembedded even where no text uses it."""
    return Canvas(target, initialFontName=chinese_font(), **kwargs)
