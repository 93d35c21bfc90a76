import re

from app.documents.guide_pdf import render_guide
from tests import pdf_reading


def test_guide_pdf_embeds_the_chinese_font_and_carries_the_guide(demo_ctx, tmp_path):
    mg = demo_ctx.catalog.guide(demo_ctx.catalog.search("gtgsh")[0].id)
    pdf = render_guide(mg)
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf and re.search(rb"/BaseFont /\w{6}\+WenQuanYiMicroHei", pdf)
    assert pdf_reading.unembedded_fonts(pdf) == []
    text = pdf_reading.text(pdf)
    assert "个体工商户设立登记" in text and "申请材料" in text and "设定依据" in text
    for material in mg.guide.materials:
        assert material.name[:6] in text.replace("\n", "")
