"""关于“大厅之外有审批”问题的自查自纠报告, as a unit sends it up (南阳 专项整治方案: 形成自查自纠
报告，由单位主要领导签字盖章后报送): the work done, the nine self-check items answered, the problems
by type, each measure with its unit, deadline and status, the closure rate, and the principal
leader's signature line with a blank space for the seal. Pure drawing from a ReportData."""

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from app.documents.a4 import render_a4
from app.documents.chinese_date import long_date
from app.documents.fonts import chinese_font
from app.documents.styles import grid, para, report_styles
from app.supervision.scorecard import Verdict
from app.supervision.self_check_dto import ReportData

TITLE = "关于“大厅之外有审批”问题的自查自纠报告"
MARGINS = (25, 22, 25, 22)  # left, right, top, bottom (mm)
WIDTH_MM = 210 - MARGINS[0] - MARGINS[1]
RED = colors.HexColor("#c0392b")


def _styles() -> dict[str, ParagraphStyle]:
    st = report_styles()
    body = ParagraphStyle("r-body", parent=st["body"], fontSize=11, leading=18)
    return {
        "title": ParagraphStyle("r-title", parent=st["title"], fontSize=17, leading=26, spaceAfter=6),
        "sub": ParagraphStyle("r-sub", parent=body, alignment=1, fontSize=11),
        # A heading never stands alone at a page's foot: it goes over with what it heads.
        "h": ParagraphStyle("r-h", parent=body, fontSize=12.5, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "text": ParagraphStyle("r-text", parent=body, firstLineIndent=22),
        "cell": ParagraphStyle("r-cell", parent=st["body"], fontSize=9.5, leading=13),
        "no": ParagraphStyle("r-no", parent=st["body"], fontSize=9.5, leading=13, textColor=RED),
        "small": ParagraphStyle("r-small", parent=st["small"], leftIndent=22),
        "sign": ParagraphStyle("r-sign", parent=body, fontSize=12, leading=20),
        "seal": ParagraphStyle("r-seal", parent=body, alignment=1, textColor=colors.grey),
    }


def _table(rows: list[list], widths_mm: list[float]) -> Table:
    table = Table(rows, colWidths=[w * mm for w in widths_mm], repeatRows=1)
    table.setStyle(grid(header=True))
    return table


def _work_done(d: ReportData, st: dict) -> list:
    found = d.red + d.yellow
    text = (
        f"依托电子监察系统，对本期受理的 {d.cases} 件办件、{d.matters} 项政务服务事项逐项巡查，"
        f"共发现未排除的监察信号 {found} 条，其中红牌 {d.red} 条、黄牌 {d.yellow} 条；"
        f"经逐条核实，排除误报 {d.explained} 条（留存备查，不计入问题）。"
    )
    out = [para("一、自查工作开展情况", st["h"]), para(text, st["text"])]
    out += [para(f"排除理由：{reason}", st["small"]) for reason in d.explanations]
    return out


def _scorecard(d: ReportData, st: dict) -> list:
    rows = [[para(h, st["cell"]) for h in ("序号", "自查内容", "是否符合", "依据")]]
    for a in d.answers:
        verdict = para(str(a.verdict), st["no"] if a.verdict == Verdict.NO else st["cell"])
        rows.append([para(str(a.item_no), st["cell"]), para(a.text, st["cell"]), verdict, para(a.evidence, st["cell"])])
    return [
        para("二、“三个无审批”自查评分情况", st["h"]),
        _table(rows, [12, 52, 18, WIDTH_MM - 82]),
    ]


def _problems(d: ReportData, st: dict) -> list:
    heading = para("三、发现的问题", st["h"])
    total = sum(n for _, n in d.problems)
    if not total:
        return [heading, para("本期自查未发现问题，问题台账无新增。", st["text"])]
    rows = [[para(h, st["cell"]) for h in ("问题类型", "数量（个）")]]
    rows += [[para(kind, st["cell"]), para(str(n), st["cell"])] for kind, n in d.problems if n]
    counted = para(f"本期共发现问题 {total} 个，均已登记问题台账，按类型统计如下：", st["text"])
    return [KeepTogether([heading, counted, Spacer(1, 1 * mm), _table(rows, [60, 30])])]  # never split


def _measures(d: ReportData, st: dict) -> list:
    out = [para("四、整改措施及进展", st["h"])]
    if d.measures:
        rows = [[para(h, st["cell"]) for h in ("台账编号", "问题", "整改措施", "责任单位", "整改期限", "状态")]]
        for m in d.measures:
            status = f"{m.status}（逾期）" if m.overdue else m.status
            rows.append(
                [
                    para(m.item_no, st["cell"]),
                    para(f"【{m.problem_type}】{m.facts}", st["cell"]),
                    para(m.measure, st["cell"]),
                    para(m.responsible_unit, st["cell"]),
                    para(f"{m.due_on:%Y-%m-%d}", st["cell"]),
                    para(status, st["no"] if m.overdue else st["cell"]),
                ]
            )
        # A ledger number and a date each on one line (9.5 pt, with the cells' padding): broken over
        # two they misread. The problem's facts take the most of the rest.
        out.append(_table(rows, [33, 44, 30, 19, 22, WIDTH_MM - 148]))
    closing = (
        f"截至{long_date(d.drafted_on)}，本期问题共 {len(d.measures)} 个，已销号 {d.closed} 个，"
        f"销号率 {d.closure_rate}。未销号的问题将按期整改到位，逐项验收销号。"
    )
    return [*out, Spacer(1, 2 * mm), para(closing, st["text"])]


def _signature(d: ReportData, st: dict) -> KeepTogether:
    seal = Table([[para("（单位盖章）", st["seal"])]], colWidths=[52 * mm], rowHeights=[40 * mm])
    seal.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), chinese_font()),
            ("BOX", (0, 0), (-1, -1), 0.6, colors.grey, None, (3, 3)),  # dashed: the space the seal takes
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
    )
    lines = [
        para(f"报告单位：{d.unit}", st["sign"]),
        Spacer(1, 6 * mm),
        para("主要领导（签字）：____________________", st["sign"]),
        Spacer(1, 6 * mm),
        para("日期：________年____月____日", st["sign"]),
    ]
    block = Table([[lines, seal]], colWidths=[(WIDTH_MM - 58) * mm, 58 * mm])
    block.setStyle([("FONTNAME", (0, 0), (-1, -1), chinese_font()), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return KeepTogether([Spacer(1, 8 * mm), block])


def _story(d: ReportData) -> list:
    st = _styles()
    period = f"{long_date(d.first)}至{long_date(d.last)}"
    opening = (
        f"按照“大厅之外有审批”专项整治工作要求，{d.unit}围绕“三个无审批”，对{period}的审批服务情况"
        "开展自查自纠，建立问题台账，制定整改措施，限期整改到位。现将有关情况报告如下。"
    )
    return [
        para(TITLE, st["title"]),
        para(f"报告单位：{d.unit}", st["sub"]),
        para(f"自查期间：{period}", st["sub"]),
        Spacer(1, 4 * mm),
        para(opening, st["text"]),
        *_work_done(d, st),
        *_scorecard(d, st),
        *_problems(d, st),
        *_measures(d, st),
        _signature(d, st),
    ]


def render_report(d: ReportData) -> tuple[bytes, int]:
    """The PDF and its page count (drawn twice: the footer says 第 N 页 共 M 页)."""

    def footer(total: int | None):
        def decorate(canvas, template) -> None:
            canvas.saveState()
            canvas.setFont(chinese_font(), 8.5)
            canvas.setFillColor(colors.grey)
            of = f" 共 {total} 页" if total else ""
            canvas.drawCentredString(105 * mm, 12 * mm, f"第 {template.page} 页{of}")
            canvas.drawString(MARGINS[0] * mm, 12 * mm, f"{d.unit} · 自查自纠报告")
            canvas.restoreState()
            pages.append(template.page)

        return decorate

    pages: list[int] = []
    render_a4(_story(d), title=TITLE, author=d.unit, on_page=footer(None), margins_mm=MARGINS)
    total = max(pages)
    pages.clear()
    pdf = render_a4(_story(d), title=TITLE, author=d.unit, on_page=footer(total), margins_mm=MARGINS)
    return pdf, total
