"""The dossier (卷宗) of a case as one PDF: the generated pages (cover, directory, sections), then
every notice as issued, every authorization scan and the 委托书 (as printed, and its signed scan),
numbered over the whole file."""

from dataclasses import dataclass, replace
from io import BytesIO

from pypdf import PageObject, PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from app.documents.a4 import render_a4
from app.documents.fonts import canvas, chinese_font
from app.dossier.facts import DossierFacts
from app.dossier.pdf_sections import MARGINS_MM, DirectoryRow, front, section_titles, sections


@dataclass(frozen=True)
class _Sheet:
    """One page of the final PDF, before its number is laid over it."""

    page: PageObject | None  # None: an image scan, drawn on a page of its own
    appended: bool = False  # a notice or scan as issued: its number goes in the top right corner
    label: str = ""  # a scan's caption, printed with its number
    image: bytes | None = None


def render_dossier(facts: DossierFacts) -> bytes:
    # The sections are laid out once, and every page gets its number, with the total, laid over it
    # once all pages are known. The front (cover and directory) goes before the sections, so their
    # numbers depend on its length: it is numbered for the usual two pages and, if it turns out
    # longer, numbered again for its real length. Its rows keep their heights whatever the numbers
    # (the page column holds any number on one line), so that second layout cannot move a page.
    appendices = _appendices(facts)
    starts: dict[str, int] = {}
    body = _generate(sections(facts, starts))

    def numbered(front_count: int) -> list[DirectoryRow]:
        rows = [DirectoryRow(title, page=front_count + starts[key]) for key, title in section_titles(facts)]
        first = front_count + len(body) + 1
        for row, sheets in appendices:
            rows.append(replace(row, page=first))
            first += len(sheets)
        return rows

    directory = numbered(2)
    front_pages = _generate(front(facts, directory))
    if len(front_pages) != 2:
        directory = numbered(len(front_pages))
        again = _generate(front(facts, directory))
        if len(again) != len(front_pages):
            raise RuntimeError("the dossier's directory changed its length when numbered again")
        front_pages = again
    sheets = [_Sheet(p) for p in [*front_pages, *body]] + [s for _row, ss in appendices for s in ss]
    return _assemble(facts, sheets, directory)


def _generate(story: list) -> list[PageObject]:
    # No footer here: it needs the total, known only when every part is laid out (_overlays).
    pdf = render_a4(story, title="政务服务办件卷宗", author="", on_page=lambda canvas, doc: None, margins_mm=MARGINS_MM)
    return list(PdfReader(BytesIO(pdf)).pages)


def _appendices(f: DossierFacts) -> list[tuple[DirectoryRow, list[_Sheet]]]:
    out = [
        (
            DirectoryRow(f"{n.kind} {n.notice_no}", by=f"{n.staff} · {n.workstation}", on=f"{n.issued_at:%Y-%m-%d}"),
            [_Sheet(p, appended=True) for p in _pages(n.pdf)],
        )
        for n in f.notices
    ]
    for a in f.authorizations:
        if not a.scan:
            continue
        row = DirectoryRow(f"授权书 {a.document_no}", by=a.department, on=f"{a.valid_from:%Y-%m-%d}")
        caption = f"授权书扫描件 文号 {a.document_no}" + (f"（{a.scan_name}）" if a.scan_name else "")
        out.append((row, _scan_sheets(a.scan, caption)))
    for p in f.proxy_letters:
        row = DirectoryRow(f"委托书 {p.letter_no}", by=p.principal, on=f"{p.valid_from:%Y-%m-%d}")
        out.append((row, [_Sheet(page, appended=True) for page in _pages(p.pdf)]))
        if p.scan:
            on = f"{p.signed_on:%Y-%m-%d}" if p.signed_on else ""
            signed = DirectoryRow(f"委托书签署件 {p.letter_no}", by=p.principal, on=on)
            out.append((signed, _scan_sheets(p.scan, f"委托书签署件扫描件 编号 {p.letter_no}")))
    return out


def _scan_sheets(scan: bytes, caption: str) -> list[_Sheet]:
    """A scan that cannot be read (damaged, encrypted) still gets its page, saying so: one bad
    file must not stop a dossier, and the archive must show the gap."""
    try:
        if scan.startswith(b"%PDF"):
            return [_Sheet(p, appended=True, label=caption) for p in _pages(scan)]
        ImageReader(BytesIO(scan)).getSize()  # PNG or JPEG: whatever reportlab's image reader takes
        return [_Sheet(None, label=caption, image=scan)]
    except Exception:  # any reader failure means the same to the archive
        return [_Sheet(None, label=f"{caption}：扫描件无法读取，请核对存档的原件")]


def _pages(pdf: bytes) -> list[PageObject]:
    pages = list(PdfReader(BytesIO(pdf)).pages)
    for page in pages:
        if page.rotation:
            page.transfer_rotation_to_content()  # so the number reads upright where the page does
    return pages


def _assemble(f: DossierFacts, sheets: list[_Sheet], directory: list[DirectoryRow]) -> bytes:
    writer = PdfWriter()
    for sheet, overlay in zip(sheets, _overlays(f, sheets), strict=True):
        if sheet.page is None:
            writer.add_page(overlay)
        else:  # pypdf merges only into a page the writer owns
            page = writer.add_page(sheet.page)
            page.merge_translated_page(overlay, float(page.mediabox.left), float(page.mediabox.bottom))
    for row in directory:
        writer.add_outline_item(title=row.title, page_number=row.page - 1)
    writer.add_metadata({"/Title": f"政务服务办件卷宗 {f.case_no}", "/Author": f.department})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _overlays(f: DossierFacts, sheets: list[_Sheet]) -> list[PageObject]:
    """A page per sheet, drawn in one reportlab canvas: the number to lay over it, or the whole
    page of an image scan."""
    buffer = BytesIO()
    overlay = canvas(buffer, pagesize=A4)
    font, total = chinese_font(), len(sheets)
    for number, sheet in enumerate(sheets, 1):
        text = f"卷宗 {f.case_no} · 第 {number} 页 / 共 {total} 页"
        box = sheet.page.mediabox if sheet.page else None
        width, height = (float(box.width), float(box.height)) if box else A4
        overlay.setPageSize((width, height))
        overlay.setFont(font, 8)
        overlay.setFillColor(colors.grey)
        if sheet.appended:
            # Where archives number pages, and clear of the notices' own footer.
            corner = f"{sheet.label} · {text}" if sheet.label else text
            overlay.drawRightString(width - 12 * mm, height - 10 * mm, corner)
        else:
            overlay.drawCentredString(width / 2, 10 * mm, text)
        if sheet.page is None:
            overlay.setFont(font, 12)
            overlay.setFillColor(colors.black)
            overlay.drawCentredString(width / 2, height - 20 * mm, sheet.label)
        if sheet.image is not None:
            image = ImageReader(BytesIO(sheet.image))
            box_w, box_h = width - 36 * mm, height - 50 * mm
            overlay.drawImage(image, 18 * mm, 22 * mm, box_w, box_h, preserveAspectRatio=True, anchor="n")
        overlay.showPage()
    overlay.save()
    return list(PdfReader(BytesIO(buffer.getvalue())).pages)
