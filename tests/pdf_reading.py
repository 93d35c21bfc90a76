"""Reading a PDF back as a person or a scanner would: its text, its fonts, its page size, the
QR codes on its pages once rendered to pixels, and the page numbers a dossier's directory gives.

Python packages only (pypdfium2 renders and extracts text, pypdf reads the font dictionaries,
zxing-cpp decodes QR codes), so no check depends on poppler-utils or zbar-tools being installed
and none is ever skipped for a missing tool."""

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pypdfium2
import zxingcpp
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

Pdf = bytes | Path


def _bytes(pdf: Pdf) -> bytes:
    return pdf.read_bytes() if isinstance(pdf, Path) else pdf


def text(pdf: Pdf) -> str:
    """All pages' text in reading order, pages separated by a form feed."""
    document = pypdfium2.PdfDocument(_bytes(pdf))
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\f".join(pages)
    finally:
        document.close()


def run_together(pdf: Pdf) -> str:
    """pypdf's text of every page with the spaces and line breaks taken out: CJK lines wrap
    anywhere, so a phrase is looked for in one run."""
    pages = PdfReader(BytesIO(_bytes(pdf))).pages
    return "".join(p.extract_text() for p in pages).replace(" ", "").replace("\n", "")


def page_count(pdf: Pdf) -> int:
    return len(PdfReader(BytesIO(_bytes(pdf))).pages)


def page_size_mm(pdf: Pdf, page: int = 0) -> tuple[float, float]:
    box = PdfReader(BytesIO(_bytes(pdf))).pages[page].mediabox
    return round(float(box.width) * 25.4 / 72, 1), round(float(box.height) * 25.4 / 72, 1)


@dataclass(frozen=True)
class Font:
    name: str
    embedded: bool


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _font_embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = _resolve(font["/DescendantFonts"][0])
    if font.get("/Subtype") == "/Type3":
        return True  # glyphs drawn by the document itself
    descriptor = _resolve(font.get("/FontDescriptor"))
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _walk_fonts(resources, seen: set[int], found: dict[str, bool]) -> None:
    resources = _resolve(resources)
    if not resources or id(resources) in seen:
        return
    seen.add(id(resources))
    for font in _resolve(resources.get("/Font", {})).values():
        font = _resolve(font)
        found[str(font.get("/BaseFont", "?")).lstrip("/")] = _font_embedded(font)
    for xobject in _resolve(resources.get("/XObject", {})).values():
        xobject = _resolve(xobject)
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            _walk_fonts(xobject["/Resources"], seen, found)


def fonts(pdf: Pdf) -> list[Font]:
    """Every font any page (or form drawn on it) uses, and whether the file carries its glyphs."""
    found: dict[str, bool] = {}
    seen: set[int] = set()
    for page in PdfReader(BytesIO(_bytes(pdf))).pages:
        _walk_fonts(page.get("/Resources"), seen, found)
    return [Font(name, embedded) for name, embedded in sorted(found.items())]


def unembedded_fonts(pdf: Pdf) -> list[str]:
    return [f.name for f in fonts(pdf) if not f.embedded]


def render(pdf: Pdf, page: int = 0, dpi: int = 150):
    """One page as a PIL image, as a scanner or a printer would see it."""
    document = pypdfium2.PdfDocument(_bytes(pdf))
    try:
        return document[page].render(scale=dpi / 72).to_pil()
    finally:
        document.close()


def qr_codes(pdf: Pdf, page: int = 0, dpi: int = 200) -> list[str]:
    """The texts of the QR codes printed on a page, read from its rendered pixels."""
    return [r.text for r in zxingcpp.read_barcodes(render(pdf, page, dpi)) if r.format == zxingcpp.BarcodeFormat.QRCode]


def directory_pages(pages: list[str]) -> dict[str, int]:
    """Title → page, read from the directory: the first line of digits alone after a title line.
    The directory is the page titled 卷内目录 and the pages after it that open with its header row."""
    first = next(i for i, text in enumerate(pages) if "卷内目录" in text)
    last = next(i for i in range(first + 1, len(pages)) if not pages[i].startswith("序号\n题名\n责任者"))
    lines = [line.strip() for text in pages[first:last] for line in text.splitlines()]
    out = {}
    for i, line in enumerate(lines):
        if re.fullmatch(r"\d+", line) or not line or line in ("—", "序号", "题名", "责任者", "日期", "页号"):
            continue
        after = next((x for x in lines[i + 1 :] if re.fullmatch(r"\d+", x)), None)
        if after is not None:
            out.setdefault(line, int(after))
    return out
