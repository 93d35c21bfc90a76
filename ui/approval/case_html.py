"""A case as the chief or reviewer reads it before deciding: applicant, limits, the materials as
the guide lists them (and the check against it), notices, review steps, special steps and the
case's history."""

from datetime import datetime
from html import escape

from app.approval.dto import CaseView
from ui.palette import ALERT, OK, PAUSED


def minute_text(at: datetime) -> str:
    """A time as the case shows it: to the minute, "2026-03-03 09:15"."""
    return at.isoformat(sep=" ", timespec="minutes")


def _table(headers: list[str], rows: list[tuple]) -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    rows = [tuple("—" if c in (None, "") else c for c in row) for row in rows]
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table border=1 cellspacing=0 cellpadding=3><tr>{head}</tr>{body}</table>"


def _limits(v: CaseView) -> str:
    ext, left = v.extension, v.days_left
    left_text = f"<b style='color:{ALERT}'>超期 {-left} 个工作日</b>" if left < 0 else f"剩余 {left} 个工作日"
    extension = f"已延期 {ext.days} 个工作日（{escape(ext.reason)}，{ext.by} 批准）" if ext.days else "未延期"
    running = [c.kind for c in v.special_steps if c.ended_on is None]
    clock = f"<br><b style='color:{PAUSED}'>特殊环节“{'、'.join(running)}”进行中，计时暂停</b>" if running else ""
    paused = f"　特殊环节已暂停计时 {v.paused_days} 个工作日" if v.paused_days else ""
    return f"承诺期限：{v.promised_due}（{left_text}）　法定期限：{v.statutory_due}　{extension}{paused}{clock}"


def case_html(v: CaseView) -> str:
    steps = [
        (
            r.step,
            r.staff,
            ("同意：" if r.agreed else "不同意：") + r.opinion,
            r.authorization_no or "—",
            minute_text(r.at),
        )
        for r in v.steps
    ]
    specials = [
        (
            c.kind + ("（超期）" if c.overrun else ""),
            c.started_on,
            c.due_on,
            c.ended_on or "进行中",
            c.people,
        )
        for c in v.special_steps
    ]
    materials = [(m.name, m.form, m.status, m.defect, m.supplied_on or "") for m in v.materials]
    history = [(minute_text(h.at), h.action, h.person, h.proof, h.workstation, h.detail) for h in v.history]
    notices = [(n.notice_no, n.kind, minute_text(n.issued_at)) for n in v.notices]
    registered = "、".join(f"{d.kind}（{d.limit_days} 个工作日）" for d in v.registered_steps) or "无"
    stranded = f"<p style='color:{ALERT}'><b>无人可办：</b>{escape(v.stranded)}</p>" if v.stranded else ""
    return (
        f"<h3>{escape(v.matter)}　<small>{v.case_no}</small></h3>{stranded}"
        f"<p>申请人：{escape(v.applicant)}（{escape(v.applicant_document)}）"
        f"　受理：{v.accepted_on}（{v.accepted_by}）<br>"
        f"审批模式：{v.review_mode}　待办环节：<b>{v.next_step or '—'}</b>　决定：{v.decision or '未决定'}<br>"
        f"{_limits(v)}</p>"
        "<h4>申请材料（依据受理时的办事指南）</h4>"
        + _table(["材料", "形式", "核验", "问题", "容缺补交"], materials)
        + _problems(v.problems)
        + "<h4>文书</h4>"
        + _table(["编号", "种类", "出具时间"], notices)
        + "<h4>审批环节</h4>"
        + _table(["环节", "人员", "意见", "授权书", "时间"], steps)
        + "<h4>特殊环节</h4>"
        + _table(["环节", "开始", "期限", "结束", "人员及资质"], specials)
        + f"<p>本事项登记的特殊环节：{registered}</p>"
        + "<h4>办理记录</h4>"
        + _table(["时间", "环节", "人员", "身份验证", "工作站", "说明"], history)
    )


def _problems(problems: tuple[str, ...]) -> str:
    if not problems:
        return f"<p style='color:{OK}'>材料清单与公布的办事指南一致。</p>"
    return "".join(f"<p style='color:{ALERT}'>{escape(p)}</p>" for p in problems)
