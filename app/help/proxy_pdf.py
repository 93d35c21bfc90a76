"""授权委托书 as printed to sign. Not a notice: the applicant (委托人) issues it, so it carries no
department seal; it has the principal's and the proxy's blocks, the matters, the scope and validity,
signature and date lines for both, and the center's signed QR code with the letter's number."""

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from app.acceptance.model import ApplicantKind
from app.documents.a4 import render_a4
from app.documents.chinese_date import long_date
from app.documents.fonts import chinese_font
from app.documents.qr_canvas import draw_qr
from app.documents.styles import grid, para, report_styles
from app.help.proxy_letters import NewProxyLetter

WIDTH_MM = 210 - 2 * 22
LEGAL_EFFECT = (
    "受托人在上述委托权限和期限内办理的事项，委托人均予以承认，并承担相应的法律后果。受托人无转委托权。"
    "本委托书须经委托人签署，交{center}登记后方可使用；委托人撤销委托的，应当书面告知{center}。"
)


@dataclass(frozen=True)
class ProxyLetterFacts:
    letter_no: str
    drafted_at: datetime
    center: str  # where it is registered, as the hall's settings name it; "" until they do
    letter: NewProxyLetter  # as drafted, cleaned (app.help.proxy_letters.cleaned)
    matters: tuple[tuple[str, str, str], ...]  # (code, name, department)
    drafted_by: str  # "吴敏（A001）"
    qr_text: str


def _styles() -> dict[str, ParagraphStyle]:
    st = report_styles()
    body = ParagraphStyle("letter-body", parent=st["body"], fontSize=11, leading=17)
    return {
        "title": ParagraphStyle("letter-title", parent=st["title"], fontSize=20, leading=30),
        "no": ParagraphStyle("letter-no", parent=body, fontSize=10, alignment=2),
        "h": ParagraphStyle("letter-h", parent=body, fontSize=12, spaceBefore=6, spaceAfter=3),
        "body": body,
        "text": ParagraphStyle("letter-text", parent=body, firstLineIndent=22),
        "cell": ParagraphStyle("letter-cell", parent=st["body"], fontSize=10, leading=14),
    }


def _pairs(rows: list[tuple[str, str]], st: dict) -> Table:
    table = Table(
        [[para(label, st["cell"]), para(value, st["cell"])] for label, value in rows],
        colWidths=[34 * mm, (WIDTH_MM - 34) * mm],
    )
    table.setStyle(grid(header=False))
    return table


def _principal(a: NewProxyLetter) -> list[tuple[str, str]]:
    if a.principal_kind == ApplicantKind.ENTERPRISE:
        return [("委托单位", a.principal_name), ("统一社会信用代码", a.principal_doc), ("法定代表人", a.legal_rep)]
    return [("委托人", a.principal_name), ("证件类型", a.principal_doc_kind.value), ("证件号码", a.principal_doc)]


def _proxy(a: NewProxyLetter, center: str) -> list[tuple[str, str]]:
    rows = [("受托人", a.proxy_name), ("证件类型", a.proxy_doc_kind.value), ("证件号码", a.proxy_doc_no)]
    rows.append(("联系电话", a.proxy_phone))
    if a.proxy_staff_no:
        rows.append(("身份", f"{center}帮办代办员（工号 {a.proxy_staff_no}）"))
    return rows


def _matters(f: ProxyLetterFacts, st: dict) -> Table:
    rows = [[para(h, st["cell"]) for h in ("序号", "事项编码", "事项名称", "实施部门")]]
    rows += [
        [para(str(i), st["cell"]), para(code, st["cell"]), para(name, st["cell"]), para(department, st["cell"])]
        for i, (code, name, department) in enumerate(f.matters, 1)
    ]
    table = Table(rows, colWidths=[12 * mm, 52 * mm, 58 * mm, (WIDTH_MM - 122) * mm], repeatRows=1)
    table.setStyle(grid(header=True))
    return table


def _signatures(a: NewProxyLetter, st: dict) -> Table:
    line, day = "________________", "日期：______年____月____日"
    enterprise = a.principal_kind == ApplicantKind.ENTERPRISE
    rows = [[f"{'委托单位（盖章）' if enterprise else '委托人（签名）'}：{line}", f"受托人（签名）：{line}"]]
    if enterprise:
        rows.append([f"法定代表人（签名）：{line}", ""])
    rows.append([day, day])
    table = Table(
        [[para(cell, st["body"]) if cell else "" for cell in row] for row in rows],
        colWidths=[WIDTH_MM / 2 * mm] * 2,
        rowHeights=[10 * mm] * len(rows),
    )
    table.setStyle([("FONTNAME", (0, 0), (-1, -1), chinese_font()), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    return table


def render_proxy_letter(f: ProxyLetterFacts) -> bytes:
    assert f.letter.valid_from and f.letter.valid_to, "a letter is drawn once its dates are checked"
    st = _styles()
    center = f.center or "政务服务中心"  # the generic word until the hall's settings name it
    story = [
        para("授权委托书", st["title"]),
        para(f"编号：{f.letter_no}", st["no"]),
        para("一、委托人", st["h"]),
        _pairs(_principal(f.letter), st),
        para("二、受托人", st["h"]),
        _pairs(_proxy(f.letter, center), st),
        para("三、委托事项", st["h"]),
        para(f"委托人现委托上述受托人，代为办理下列政务服务事项（共{len(f.matters)}项）：", st["text"]),
        Spacer(1, 2 * mm),
        _matters(f, st),
        para("四、委托权限", st["h"]),
        para(f.letter.scope, st["text"]),
        para("五、委托期限", st["h"]),
        para(f"自{long_date(f.letter.valid_from)}起至{long_date(f.letter.valid_to)}止。", st["text"]),
        Spacer(1, 2 * mm),
        para(LEGAL_EFFECT.format(center=center), st["text"]),
        KeepTogether([Spacer(1, 2 * mm), _signatures(f.letter, st)]),
    ]

    def decorate(canvas, template) -> None:
        font = chinese_font()
        canvas.saveState()
        draw_qr(canvas, f.qr_text, 22 * mm, 16 * mm, 22 * mm)
        canvas.setFont(font, 7)
        canvas.drawString(22 * mm, 12 * mm, "扫码核验委托书编号")
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.grey)
        footer = f"{center}出具 · {f.drafted_by} · {f.drafted_at:%Y-%m-%d %H:%M}"
        canvas.drawString(50 * mm, 16 * mm, footer)
        canvas.drawRightString(210 * mm - 22 * mm, 16 * mm, f"{f.letter_no} · 第 {template.page} 页")
        canvas.restoreState()

    # The bottom margin keeps the QR code and footer clear of the text on every page.
    return render_a4(
        story, title=f"授权委托书 {f.letter_no}", author=center, on_page=decorate, margins_mm=(22, 22, 16, 42)
    )
