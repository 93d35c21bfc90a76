"""A case as the chief or reviewer reads it before deciding: applicant, limits, materials,
notices, review steps and special steps."""

from html import escape


def _table(headers: list[str], rows: list[tuple]) -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    rows = [tuple("—" if c in (None, "") else c for c in row) for row in rows]
    return f"<table border=1 cellspacing=0 cellpadding=3><tr>{head}</tr>{body}</table>"


def _limits(v: dict) -> str:
    ext, left = v["extension"], v["days_left"]
    left_text = f"<b style='color:#c62828'>超期 {-left} 个工作日</b>" if left < 0 else f"剩余 {left} 个工作日"
    extension = (
        f"已延期 {ext['days']} 个工作日（{escape(ext['reason'])}，{ext['by']} 批准）" if ext["days"] else "未延期"
    )
    return f"承诺期限：{v['promised_due']}（{left_text}）　法定期限：{v['statutory_due']}　{extension}"


def case_html(v: dict) -> str:
    steps = [
        (
            r["step"],
            r["staff"],
            ("同意：" if r["agreed"] else "不同意：") + r["opinion"],
            r["authorization_no"] or "—",
            r["at"],
        )
        for r in v["steps"]
    ]
    specials = [
        (
            c["kind"] + ("（超期）" if c["overrun"] else ""),
            c["started_on"],
            c["due_on"],
            c["ended_on"] or "进行中",
            c["people"],
        )
        for c in v["special_steps"]
    ]
    registered = "、".join(f"{d['kind']}（{d['limit_days']} 个工作日）" for d in v["registered_steps"]) or "无"
    return (
        f"<h3>{escape(v['matter'])}　<small>{v['case_no']}</small></h3>"
        f"<p>申请人：{escape(v['applicant'])}（{escape(v['applicant_document'])}）"
        f"　受理：{v['accepted_on']}（{v['accepted_by']}）<br>"
        f"审批模式：{v['review_mode']}　待办环节：<b>{v['next_step'] or '—'}</b>　决定：{v['decision'] or '未决定'}<br>"
        f"{_limits(v)}</p>"
        "<h4>申请材料</h4>"
        + _table(["材料", "核验", "问题"], [(i["name"], i["status"], i["defect"]) for i in v["checklist"]])
        + "<h4>文书</h4>"
        + _table(["编号", "种类", "出具时间"], [(n["notice_no"], n["kind"], n["issued_at"]) for n in v["notices"]])
        + "<h4>审批环节</h4>"
        + _table(["环节", "人员", "意见", "授权书", "时间"], steps)
        + "<h4>特殊环节</h4>"
        + _table(["环节", "开始", "期限", "结束", "人员及资质"], specials)
        + f"<p>本事项登记的特殊环节：{registered}</p>"
    )
