"""Chinese punctuation never opens a line of a printed document (GB/T 15834 标点禁则): reportlab's
CJK wrapping knows only the Japanese list, so a full-width comma could start a notice's line."""

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from app.documents.fonts import CANNOT_START_LINE, chinese_font


def lines_of(text: str, width: float) -> list[str]:
    style = ParagraphStyle("body", fontName=chinese_font(), fontSize=10, leading=15, wordWrap="CJK")
    paragraph = Paragraph(text, style)
    paragraph.wrap(width, 1000)
    # A plain paragraph's lines are (space left, [text]); a marked-up one's carry their fragments.
    return [
        "".join(line[1]) if isinstance(line, tuple) else "".join(w.text for w in line.words)
        for line in paragraph.blPara.lines
    ]


@pytest.mark.parametrize("mark", CANNOT_START_LINE)
@pytest.mark.parametrize("markup", [False, True])
def test_no_line_starts_with_chinese_closing_punctuation(mark, markup):
    ten = "一二三四五六七<b>八</b>九十" if markup else "一二三四五六七八九十"  # exactly one line of 10 pt glyphs
    lines = lines_of(f"{ten}{mark}十一十二十三", 100.5)
    assert len(lines) == 2 and lines[0].endswith(f"十{mark}") and not lines[1].startswith(mark), lines
