"""The shipped Chinese font (WenQuanYi Micro Hei), registered once; reportlab embeds a subset."""

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import FONT_FILE

FONT = "WQYMicroHei"


@cache
def chinese_font() -> str:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    return FONT
