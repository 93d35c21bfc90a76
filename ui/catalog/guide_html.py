"""The guide and the bundle as HTML for the on-screen reader."""

from html import escape

from app.catalog.guide import MatterGuide
from app.catalog.service import BundleView
from ui.palette import ALERT, GREY_TEXT, OK, YELLOW


def _text(value: str | None) -> str:
    return escape(value or "—").replace("\n", "<br>")


def guide_html(mg: MatterGuide, historical: bool = False) -> str:
    g = mg.guide
    limit = "即办" if g.on_the_spot and g.promised_limit_days == 0 else f"{g.promised_limit_days} 个工作日"
    flags = [
        t
        for f, t in (
            (g.on_the_spot, "即办件"),
            (g.commitment_eligible, "可告知承诺"),
            (any(m.tolerance_eligible for m in g.materials), "可容缺受理"),
        )
        if f
    ]
    way = "、".join(flags) or "一般程序"
    banner = (
        (f"<p style='background:{YELLOW};padding:6px'>这是历史版本，仅供查阅；按此版本受理的办件仍以此为准。</p>")
        if historical
        else ""
    )
    hall = (
        "" if g.in_hall else f"<p style='color:{ALERT}'>负面清单事项，未进驻大厅：{_text(g.negative_list_approval)}</p>"
    )
    rows = "".join(
        f"<tr><td>{i}</td><td><b>{_text(m.name)}</b><br>"
        f"<small>{'必需' if m.required else '视情形：' + _text(m.condition)}</small></td>"
        f"<td>{_text(m.form)}{f' {m.copies} 份' if m.copies else ''}</td><td>"
        + "<br>".join(
            filter(
                None,
                [
                    _text(m.format_rules) if m.format_rules else "",
                    f"示范文本：{_text(m.sample_text)}" if m.sample_text else "",
                    *[f"<span style='color:{ALERT}'>常见错误：{_text(e)}</span>" for e in m.common_errors],
                    f"<span style='color:{OK}'>可容缺</span>" if m.tolerance_eligible else "",
                ],
            )
        )
        + "</td></tr>"
        for i, m in enumerate(g.materials, 1)
    )
    steps = ""
    if g.special_steps:
        steps = (
            "<h3>特殊环节（不计入审批时限）</h3><table border=1 cellpadding=4 cellspacing=0 width='100%'>"
            + "".join(
                f"<tr><td>{_text(s.kind)}</td><td>{_text(s.legal_basis)}</td><td>{s.limit_days} 个工作日</td></tr>"
                for s in g.special_steps
            )
            + "</table>"
        )
    return f"""
<h2>{_text(g.name)}</h2>
<p style='color:{GREY_TEXT}'>事项编码 {escape(g.code)} · 第 {mg.version.version_no} 版
（{mg.version.created_at:%Y-%m-%d %H:%M} 由 {escape(mg.version.published_by)} 发布）</p>
{banner}{hall}
<table cellpadding=3>
<tr><td><b>事项类型</b></td><td>{_text(g.type)}</td><td><b>实施部门</b></td><td>{_text(mg.department_name)}</td></tr>
<tr><td><b>法定时限</b></td><td>{g.statutory_limit_days} 个工作日</td><td><b>承诺时限</b></td><td>{limit}</td></tr>
<tr><td><b>审批环节</b></td><td>{_text(g.review_mode_label)}</td><td><b>办理方式</b></td><td>{way}</td></tr>
<tr><td><b>办理地点</b></td><td>{_text(g.handling_place)}</td><td><b>咨询电话</b></td><td>{_text(g.contact_phone)}</td></tr>
</table>
<h3>设定依据</h3><p>{_text(g.legal_basis)}</p>
<h3>受理条件</h3><p>{_text(g.conditions)}</p>
<h3>申请材料</h3>
<table border=1 cellpadding=4 cellspacing=0 width='100%'>
<tr><th>序号</th><th>材料名称</th><th>形式与份数</th><th>要求与常见错误</th></tr>{rows}</table>
{steps}
<h3>收费标准</h3><p>{_text(g.fees)}</p>
"""


def bundle_html(b: BundleView) -> str:
    members = "".join(
        f"<li>{_text(m.guide.name)}（{escape(m.guide.code)}，{_text(m.department_name)}）</li>" for m in b.matters
    )
    materials = "".join(
        f"<tr><td>{i}</td><td>{_text(bm.material.name)}</td><td>{_text(bm.material.form)}</td>"
        f"<td>{'、'.join(bm.matter_codes)}</td></tr>"
        for i, bm in enumerate(b.materials, 1)
    )
    return f"""
<h2>【一件事】{_text(b.name)}</h2>
<p>牵头部门：{_text(b.lead_department)}</p><p>{_text(b.description)}</p>
<h3>包含事项（{len(b.matters)} 项）</h3><ol>{members}</ol>
<h3>材料清单（共用材料只收一次，共 {len(b.materials)} 项）</h3>
<table border=1 cellpadding=4 cellspacing=0 width='100%'>
<tr><th>序号</th><th>材料</th><th>形式</th><th>用于事项</th></tr>{materials}</table>
"""
