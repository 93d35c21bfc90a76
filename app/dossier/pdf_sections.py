"""The generated pages of a dossier (卷宗) as reportlab flowables: the front (cover and directory,
卷内目录) and the case's sections. Page numbers and footers are app.dossier.pdf's business."""

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table

from app.documents.styles import grid, para, report_styles
from app.dossier.facts import DossierFacts

MARGINS_MM = (18, 18, 18, 20)  # left, right, top, bottom: the footer goes in the bottom margin
WIDTH_MM = 210 - MARGINS_MM[0] - MARGINS_MM[1]  # the A4 text block; each table's columns add up to it
RED = colors.HexColor("#c0392b")


@dataclass(frozen=True)
class DirectoryRow:
    title: str
    by: str = ""
    on: str = ""
    page: int = 0  # set once the pages are counted


class Heading(Paragraph):
    """A section title that notes the page it lands on, for the directory."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, starts: dict[str, int]):
        super().__init__(text, style)
        self._key, self._starts = key, starts

    def draw(self) -> None:
        self._starts[self._key] = self.canv.getPageNumber()
        super().draw()


def section_titles(f: DossierFacts) -> list[tuple[str, str]]:
    return [
        ("materials", f"申请材料清单（依据办事指南第 {f.guide_version_no} 版）"),
        ("history", "办理过程"),
        ("special", "特殊环节"),
        ("delivery", "送达"),
        ("authorizations", "审批授权"),
        ("proxy", "代理委托"),
        ("check", "核对结果"),
    ]


def front(f: DossierFacts, directory: list[DirectoryRow]) -> list:
    """The cover and the directory."""
    st = _dossier_styles()
    return [*_cover(f, st), PageBreak(), *_directory(directory, st)]


def sections(f: DossierFacts, starts: dict[str, int]) -> list:
    """The case's sections; starts receives the page (of these pages alone) each one starts on."""
    st = _dossier_styles()
    build = {
        "materials": _materials,
        "history": _history,
        "special": _special_steps,
        "delivery": _delivery,
        "authorizations": _authorizations,
        "proxy": _proxy_letters,
        "check": _check,
    }
    flow = []
    for key, title in section_titles(f):
        flow += [Heading(title, st["h"], key, starts), *build[key](f, st)]
    return flow


def _dossier_styles() -> dict[str, ParagraphStyle]:
    st = report_styles()
    st["h"] = ParagraphStyle("dossier-h", parent=st["h"], keepWithNext=1)
    st["title"] = ParagraphStyle("dossier-title", parent=st["title"], fontSize=24, leading=34)
    st["red"] = ParagraphStyle("dossier-red", parent=st["body"], textColor=RED)
    st["red-small"] = ParagraphStyle("dossier-red-small", parent=st["small"], textColor=RED)
    st["page-no"] = ParagraphStyle("dossier-page-no", parent=st["body"], alignment=2)
    return st


def _day(d: date | datetime | None) -> str:
    return f"{d:%Y-%m-%d}" if d else ""


def _table(rows: list[list], widths_mm: tuple[float, ...], style: ParagraphStyle, header: bool = True) -> Table:
    """Cells are text, set in style, or a Paragraph already styled."""
    table = Table(
        [[para(cell, style) if isinstance(cell, str) else cell for cell in row] for row in rows],
        colWidths=[w * mm for w in widths_mm],
        repeatRows=1 if header else 0,
    )
    table.setStyle(grid(header=header))
    # Narrow padding lets the eight-column tables keep short headers and dates on one line.
    table.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)])
    return table


def _cover(f: DossierFacts, st: dict) -> list:
    window = f"{f.accepted_window} 号窗口" if f.accepted_window else "—"
    decision = f.decision or "未决定"
    if f.decision and f.decided_at:
        decision += f"（{f.decided_at:%Y-%m-%d %H:%M}）"
    extension = f"延长 {f.extension_days} 个工作日：{f.extension_reason}" if f.extension_days else "未延期"
    rows = [
        ["办件编号", f.case_no],
        ["事项名称", f.matter_name],
        ["事项编码", f.matter_code],
        ["办事指南", f"第 {f.guide_version_no} 版（{_day(f.guide_published_at)} 发布）"],
        ["实施部门", f.department],
        ["申请人", f"{f.applicant}（{f.applicant_kind}）"],
        ["证件号码", f.applicant_document],
        ["代理人", f.proxy or "无"],
        ["受理方式", f.case_kind],
        ["受理", f"{_day(f.accepted_on)} · {f.accepted_by} · {window}"],
        ["审批环节", f.review_mode],
        ["审批决定", decision],
        ["承诺办结期限", _day(f.promised_due)],
        ["法定办结期限", _day(f.statutory_due)],
        ["延长期限", extension],
        ["暂停计时", f"共 {f.paused_days} 个工作日"],
        ["办理状态", f.status],
    ]
    return [
        Spacer(1, 25 * mm),
        para("政务服务办件卷宗", st["title"]),
        para(f"{f.department} · {f.case_no}", st["sub"]),
        Spacer(1, 12 * mm),
        _table(rows, (36, WIDTH_MM - 36), st["body"], header=False),
        Spacer(1, 10 * mm),
        para(f"生成时间 {f.generated_at:%Y-%m-%d %H:%M}　　生成人 {f.generated_by}", st["body"]),
    ]


def _directory(directory: list[DirectoryRow], st: dict) -> list:
    # The page column holds any page number on one line, so whatever the numbers, every row
    # keeps its height and the directory its length.
    rows = [["序号", "题名", "责任者", "日期", "页号"]]
    for i, r in enumerate(directory, 1):
        rows.append([str(i), r.title, r.by, r.on, para(str(r.page), st["page-no"])])
    return [para("卷内目录", st["title"]), Spacer(1, 8 * mm), _table(rows, (12, 82, 42, 24, 14), st["body"])]


def _materials(f: DossierFacts, st: dict) -> list:
    rows = [["序号", "材料名称", "形式", "份数", "必要性", "核验结果", "容缺补交日期"]]
    for m in f.materials:
        need = "必需" if m.required else f"条件：{m.condition or '视情形'}"
        result = f"{m.status}：{m.defect}" if m.defect else m.status
        rows.append([str(m.seq), m.name, m.form, str(m.copies), need, result, _day(m.supplied_on)])
    return [_table(rows, (11, 50, 20, 11, 28, 30, 24), st["small"])] if f.materials else [para("无", st["body"])]


def _history(f: DossierFacts, st: dict) -> list:
    rows = [["时间", "环节", "人员", "身份验证", "工作站", "说明"]]
    rows += [[f"{s.at:%Y-%m-%d %H:%M}", s.action, s.person, s.proof, s.workstation, s.detail] for s in f.history]
    return [_table(rows, (27, 20, 24, 26, 24, 53), st["small"])] if f.history else [para("无办理记录。", st["body"])]


def _special_steps(f: DossierFacts, st: dict) -> list:
    if not f.special_steps:
        return [para("本办件未启动特殊环节。", st["body"])]
    rows = [["环节", "设定依据", "时限", "起止日期", "暂停工作日", "承担人员及资质", "结果", "超期"]]
    for s in f.special_steps:
        ended = f"止 {_day(s.ended_on)} {s.ended_by}" if s.ended_on else "尚未结束"
        span = f"起 {_day(s.started_on)} {s.started_by}\n{ended}\n应于 {_day(s.due_on)} 前结束"
        limit = f"{s.limit_days} 个工作日"
        overrun = para("超期", st["red-small"]) if s.overrun else "否"
        rows.append([s.kind, s.legal_basis, limit, span, str(s.paused_days), s.people, s.outcome, overrun])
    return [_table(rows, (16, 28, 18, 32, 18, 34, 18, 10), st["small"])]


def _delivery(f: DossierFacts, st: dict) -> list:
    d = f.delivery
    if d is None:
        return [para("尚未送达。", st["body"])]
    rows = [
        ["送达方式", d.method or "未选择"],
        ["状态", d.status],
        ["应送达日期", _day(d.due_on)],
        ["收件人", d.recipient],
        ["联系电话", d.phone],
        ["地址", d.address],
        ["承运单位", d.carrier],
        ["运单号", d.tracking_no],
        ["寄出日期", _day(d.sent_on)],
        ["送达日期", _day(d.delivered_on)],
        ["经办人", d.by],
    ]
    return [_table([r for r in rows if r[1]], (36, WIDTH_MM - 36), st["body"], header=False)]


def _authorizations(f: DossierFacts, st: dict) -> list:
    if not f.authorizations:
        return [para("本办件无审批授权记录。", st["body"])]
    rows = [["文号", "部门", "被授权人", "有效期", "终止日期", "授权事项", "本办件中依此授权的环节", "扫描件"]]
    for a in f.authorizations:
        rows.append(
            [
                a.document_no,
                a.department,
                a.holder,
                f"{_day(a.valid_from)}\n至 {_day(a.valid_to)}",
                _day(a.revoked_on) or "未终止",
                "、".join(a.matters),
                "\n".join(a.used_for),
                a.scan_name if a.scan else "未存档",
            ]
        )
    return [_table(rows, (26, 18, 20, 22, 19, 23, 28, 18), st["small"])]


def _proxy_letters(f: DossierFacts, st: dict) -> list:
    if f.proxy and not f.proxy_letters:  # what DESIGN §4 rule 9 forbids: the archive shows it
        return [para("本办件由代理人办理，但没有存档的委托书。", st["red"])]
    if not f.proxy_letters:
        return [para("本办件未委托代理人办理。", st["body"])]
    rows = [["委托书编号", "委托人", "受托人", "委托事项", "委托权限", "委托期限", "签署日期", "状态"]]
    for p in f.proxy_letters:
        validity = f"{_day(p.valid_from)}\n至 {_day(p.valid_to)}"
        matters = "、".join(p.matters)
        rows.append([p.letter_no, p.principal, p.proxy, matters, p.scope, validity, _day(p.signed_on), p.status])
    return [_table(rows, (26, 17, 28, 26, 24, 22, 19, 12), st["small"])]


def _check(f: DossierFacts, st: dict) -> list:
    if not f.problems:
        return [para("申请材料清单与公布的办事指南一致。", st["body"])]
    return [para(problem, st["red"]) for problem in f.problems]
