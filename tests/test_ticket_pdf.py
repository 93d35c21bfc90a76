"""The kiosk's ticket as drawn: 80 mm wide, the number, category, people ahead and the font embedded."""

from app.documents.ticket_pdf import render_ticket
from tests import pdf_reading
from tests.documents_drawn import TICKET


def test_the_ticket_says_number_category_and_people_ahead():
    pdf = render_ticket(TICKET, "青山县政务服务中心")
    text = pdf_reading.text(pdf)
    for expected in (
        "青山县政务服务中心",
        "A012",
        "企业开办",
        "优先：老年人",
        "您前面还有 4 人",
        "约 16 分钟",
        "2026-03-02 09:15:02",
    ):
        assert expected in text
    assert pdf_reading.page_size_mm(pdf) == (80.0, 120.0)
    fonts = pdf_reading.fonts(pdf)
    assert any("WenQuanYi" in f.name for f in fonts) and pdf_reading.unembedded_fonts(pdf) == []
