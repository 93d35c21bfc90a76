"""The printable guide (办事指南) of one guide version, as an A4 PDF."""

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from app.catalog.guide import MatterGuide
from app.documents.a4 import render_a4
from app.documents.fonts import chinese_font


def _styles() -> dict[str, ParagraphStyle]:
    font = chinese_font()
    base = ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=26, alignment=1, spaceAfter=4),
        "sub": ParagraphStyle("sub", parent=base, fontSize=9, textColor=colors.grey, alignment=1),
        "h": ParagraphStyle(
            "h",
            parent=base,
            fontSize=12.5,
            leading=20,
            spaceBefore=10,
            spaceAfter=4,
            textColor=colors.HexColor("#1a4f8b"),
        ),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12),
    }


def _p(text: str | None, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text or "—").replace("\n", "<br/>"), style)


def render_guide(mg: MatterGuide, printed_at: datetime | None = None) -> bytes:
    g, st = mg.guide, _styles()
    printed_at = printed_at or datetime.now()
    story = [
        _p(g.name, st["title"]),
        _p(
            f"办事指南 · 事项编码 {g.code} · 第 {mg.version.version_no} 版（{mg.version.created_at:%Y-%m-%d} 发布）",
            st["sub"],
        ),
        Spacer(1, 6 * mm),
    ]
    limit = "即办" if g.on_the_spot and g.promised_limit_days == 0 else f"{g.promised_limit_days} 个工作日"
    flags = [
        label
        for flag, label in (
            (g.on_the_spot, "即办件"),
            (g.commitment_eligible, "可告知承诺"),
            (any(m.tolerance_eligible for m in g.materials), "可容缺受理"),
        )
        if flag
    ]
    basics = [
        ("事项类型", g.type),
        ("实施部门", mg.department_name),
        ("法定办结时限", f"{g.statutory_limit_days} 个工作日"),
        ("承诺办结时限", limit),
        ("审批环节", g.review_mode),
        ("办理方式", "、".join(flags) or "一般程序"),
        ("办理地点", g.handling_place),
        ("咨询电话", g.contact_phone),
    ]
    if not g.in_hall:
        basics.append(("未进驻大厅", f"负面清单事项：{g.negative_list_approval}"))
    rows = [[_p(k, st["body"]), _p(v, st["body"])] for k, v in basics]
    table = Table(rows, colWidths=[32 * mm, 138 * mm])
    table.setStyle(_grid(header=False))
    story += [table]
    for title, text in (("设定依据", g.legal_basis), ("受理条件", g.conditions), ("收费标准", g.fees)):
        story += [_p(title, st["h"]), _p(text, st["body"])]

    story.append(_p("申请材料", st["h"]))
    head = ["序号", "材料名称", "形式与份数", "要求、示范文本与常见错误"]
    rows = [[_p(h, st["small"]) for h in head]]
    for i, m in enumerate(g.materials, 1):
        need = "必需" if m.required else f"视情形：{m.condition}"
        copies = f"{m.form}" + (f" {m.copies} 份" if m.copies else "")
        notes = [x for x in (m.format_rules, f"示范文本：{m.sample_text}" if m.sample_text else "") if x]
        notes += [f"常见错误：{e}" for e in m.common_errors]
        if m.tolerance_eligible:
            notes.append("可容缺：可先受理，按承诺期限补交")
        rows.append(
            [
                _p(str(i), st["small"]),
                _p(f"{m.name}\n（{need}）", st["small"]),
                _p(copies, st["small"]),
                _p("\n".join(notes), st["small"]),
            ]
        )
    table = Table(rows, colWidths=[11 * mm, 52 * mm, 27 * mm, 80 * mm], repeatRows=1)
    table.setStyle(_grid(header=True))
    story.append(table)

    if g.special_steps:
        story.append(_p("特殊环节（不计入审批时限）", st["h"]))
        rows = [[_p(h, st["small"]) for h in ("环节", "法律依据", "时限")]]
        rows += [
            [_p(s.kind, st["small"]), _p(s.legal_basis, st["small"]), _p(f"{s.limit_days} 个工作日", st["small"])]
            for s in g.special_steps
        ]
        table = Table(rows, colWidths=[28 * mm, 112 * mm, 30 * mm], repeatRows=1)
        table.setStyle(_grid(header=True))
        story.append(table)

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(chinese_font(), 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(
            20 * mm, 10 * mm, f"{g.name}（{g.code} 第 {mg.version.version_no} 版） · 打印于 {printed_at:%Y-%m-%d %H:%M}"
        )
        canvas.drawRightString(190 * mm, 10 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    return render_a4(
        story, title=f"{g.name} 办事指南", author=mg.department_name, on_page=footer, margins_mm=(20, 20, 18, 18)
    )


def _grid(header: bool) -> TableStyle:
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9aa7b5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0 if not header else -1, -1 if not header else 0), colors.HexColor("#eef3f8")),
    ]
    return TableStyle(commands)
