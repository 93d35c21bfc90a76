"""The shipped Chinese font (WenQuanYi Micro Hei), registered once; reportlab embeds a subset."""

from functools import cache

from reportlab.lib import textsplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import paragraph

from app.paths import FONT_FILE

FONT = "WQYMicroHei"


# Chinese punctuation that may not start a line (GB/T 15834's 标点禁则). reportlab's CJK wrapping
# knows the Japanese list only (、。」 and the like), so a full-width comma or a closing quote could
# open a line of a notice. Both of its wrapping paths (a plain paragraph's and a marked-up one's)
# read the list from a module-level name each time they wrap.
CANNOT_START_LINE = "，；：！？）》〉”’…"


@cache
def chinese_font() -> str:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    for module in (textsplit, paragraph):
        module.ALL_CANNOT_START += "".join(c for c in CANNOT_START_LINE if c not in module.ALL_CANNOT_START)
    return FONT


def canvas(target, **kwargs) -> Canvas:
    """A reportlab canvas whose initial font is the embedded one. A canvas starts every page in
    Helvetica otherwise, which lands in the file unembedded even where no text uses it."""
    return Canvas(target, initialFontName=chinese_font(), **kwargs)
