"""The printable guide (办事指南) of one guide version, as an A4 PDF; several (a bundle's matters)
printed as one document."""

from datetime import datetime
from io import BytesIO

from pypdf import PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from app.catalog.guide import MatterGuide
from app.documents.a4 import render_a4
from app.documents.fonts import chinese_font
from app.documents.styles import grid, para, report_styles


def render_guide(mg: MatterGuide, printed_at: datetime | None = None) -> bytes:
    g, st = mg.guide, report_styles()
    printed_at = printed_at or datetime.now()
    story = [
        para(g.name, st["title"]),
        para(
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
        ("审批环节", g.review_mode_label),
        ("办理方式", "、".join(flags) or "一般程序"),
        ("办理地点", g.handling_place),
        ("咨询电话", g.contact_phone),
    ]
    if not g.in_hall:
        basics.append(("未进驻大厅", f"负面清单事项：{g.negative_list_approval}"))
    rows = [[para(k, st["body"]), para(v, st["body"])] for k, v in basics]
    table = Table(rows, colWidths=[32 * mm, 138 * mm])
    table.setStyle(grid(header=False))
    story += [table]
    for title, text in (("设定依据", g.legal_basis), ("受理条件", g.conditions), ("收费标准", g.fees)):
        story += [para(title, st["h"]), para(text, st["body"])]

    story.append(para("申请材料", st["h"]))
    head = ["序号", "材料名称", "形式与份数", "要求、示范文本与常见错误"]
    rows = [[para(h, st["small"]) for h in head]]
    for i, m in enumerate(g.materials, 1):
        need = "必需" if m.required else f"视情形：{m.condition}"
        copies = f"{m.form}" + (f" {m.copies} 份" if m.copies else "")
        notes = [x for x in (m.format_rules, f"示范文本：{m.sample_text}" if m.sample_text else "") if x]
        notes += [f"常见错误：{e}" for e in m.common_errors]
        if m.tolerance_eligible:
            notes.append("可容缺：可先受理，按承诺期限补交")
        rows.append(
            [
                para(str(i), st["small"]),
                para(f"{m.name}\n（{need}）", st["small"]),
                para(copies, st["small"]),
                para("\n".join(notes), st["small"]),
            ]
        )
    table = Table(rows, colWidths=[11 * mm, 52 * mm, 27 * mm, 80 * mm], repeatRows=1)
    table.setStyle(grid(header=True))
    story.append(table)

    if g.special_steps:
        story.append(para("特殊环节（不计入审批时限）", st["h"]))
        rows = [[para(h, st["small"]) for h in ("环节", "法律依据", "时限")]]
        rows += [
            [para(s.kind, st["small"]), para(s.legal_basis, st["small"]), para(f"{s.limit_days} 个工作日", st["small"])]
            for s in g.special_steps
        ]
        table = Table(rows, colWidths=[28 * mm, 112 * mm, 30 * mm], repeatRows=1)
        table.setStyle(grid(header=True))
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


def render_guides(guides: list[MatterGuide], printed_at: datetime | None = None) -> bytes:
    """Each guide starts on its own page, numbered on its own."""
    if len(guides) == 1:
        return render_guide(guides[0], printed_at)
    writer = PdfWriter()
    for mg in guides:
        writer.append(PdfReader(BytesIO(render_guide(mg, printed_at))))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
