"""The kiosk's ticket as drawn: 80 mm wide, the number, category, people ahead and the font embedded."""

import shutil
import subprocess

import pytest

from app.documents.ticket_pdf import render_ticket

TICKET = {
    "id": "5a1c4a52-8f2e-4a57-9d63-2f6f3a1e9b10",
    "label": "A012",
    "category_code": "A",
    "category_name": "企业开办",
    "priority": "老年人",
    "ahead": 4,
    "est_wait_min": 16,
    "issued_at": "2026-03-02T09:15:02",
}


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_the_ticket_says_number_category_and_people_ahead(tmp_path):
    pdf = tmp_path / "ticket.pdf"
    pdf.write_bytes(render_ticket(TICKET, "青山县政务服务中心"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
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
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "226.772 x 340.158 pts" in info  # 80 x 120 mm
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts and " yes " in fonts  # embedded
