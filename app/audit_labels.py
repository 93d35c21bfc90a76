"""What people read for each action the audit log records, and for what it was done to: the log
keeps its codes (they are hashed into the chain and travel to the center), the audit page shows
these names. Every code recorded anywhere in app/ has its name here (tests/test_audit_labels.py
checks)."""

import json

from app.acceptance.model import Outcome
from app.catalog.validation import FIELD_LABELS
from app.devices.scope import LABELS as DEVICE_LABELS
from app.hall_settings.fields import LABELS as SETTING_LABELS

# The calling bar's actions on a ticket, recorded as "queue." + the action (app/queue/service.py).
QUEUE_ACTIONS = ("重呼", "过号", "开始办理", "结束办理", "暂停", "恢复", "转移")

ACTION_LABELS: dict[str, str] = {
    # people and machines
    "auth.login": "登录",
    "auth.login_failed": "登录失败",
    "auth.locked": "账号锁定",
    "auth.session_opened": "在中心登录（电子签名验证）",
    "auth.session_refused": "中心拒绝未经本人验证的操作",
    "auth.session_closed": "在中心退出登录",
    "staff.created": "新增人员",
    "staff.password_reset": "重置密码",
    "staff.unlocked": "解除账号锁定",
    "staff.password_changed": "修改密码",
    "workstation.created": "登记工作站",
    "sync.enrolled": "工作站注册到中心",
    "center.enrollment_code": "生成设备注册码",
    "center.workstation_enrolled": "中心接受工作站注册",
    "center.workstation_revoked": "中心注销工作站",
    "center.mutations_received": "中心接收工作站上传",
    "center.device_refused": "中心拒绝设备越权请求",
    # the catalog and the hall's set-up
    "matter.guide_versioned": "办事指南新版本",
    "department.saved": "保存部门",
    "bundle.saved": "保存一件事",
    "catalog.imported": "导入事项目录",
    "calendar.year_published": "发布工作日历",
    "hall.setup_loaded": "载入大厅设置",
    "hall.settings_changed": "修改中心名称与联系方式",
    "department.settings_changed": "修改部门印章与救济途径",
    # acceptance at the window
    "application.auto_accepted": "逾期未告知，依法自动受理",
    **{f"application.{o.name.lower()}": f"受理结论：{o.value}" for o in Outcome},
    "commitment.supplied": "容缺材料已补交",
    "notice.printed": "打印文书",
    "notice.print_failed": "文书打印失败",
    # review, decision and delivery
    "case.viewed": "查看办件",
    "case.review": "审批意见",
    "case.extended": "办件延期",
    "case.special_step_started": "启动特殊环节",
    "case.special_step_ended": "结束特殊环节",
    "case.delivered": "结果窗口领取",
    "case.mailed": "结果邮寄",
    "case.mail_received": "邮件签收",
    "case.mail_returned": "邮件退回",
    "authorization.recorded": "登记授权书",
    "authorization.revoked": "终止授权书",
    "dossier.exported": "导出卷宗",
    "ledger.added": "登记问题台账",
    "ledger.advanced": "变更整改状态",
    "supervision.swept": "电子监察巡查",
    "supervision.explained": "排除监察误报",
    "supervision.too_fast_set": "设置提前办结时限",
    "self_check.answered": "填报自查评分项",
    # the queue
    "queue.issue": "取号",
    "queue.cancel": "作废排队号",
    "queue.call": "叫号",
    **{f"queue.{action}": action for action in QUEUE_ACTIONS},
    "queue.rate": "服务评价",
    "queue.tidal_open": "开启潮汐窗口",
    "queue.tidal_close": "关闭潮汐窗口",
    "queue.tidal_mode": "设置潮汐窗口模式",
    "queue.walk_in_start": "开始无号服务",
    "queue.walk_in_end": "结束无号服务",
    # 帮办代办, appointments and proxy letters
    "help.created": "登记帮办代办申请",
    "help.assigned": "分派帮办员",
    "help.logged": "记录帮办进展",
    "help.reminder_done": "完成帮办提醒",
    "help.case_linked": "帮办关联办件",
    "help.closed": "帮办办结",
    "help.cancelled": "撤销帮办申请",
    "help.rated": "帮办服务评价",
    "appointment.open_slots": "开放预约时段",
    "appointment.book": "预约",
    "appointment.cancel": "取消预约",
    "appointment.check_in": "预约签到",
    "appointment.check_in_undone": "撤销预约签到",
    "appointment.no_show": "预约爽约",
    "proxy_letter.drafted": "拟制委托书",
    "proxy_letter.signed": "委托书签署",
    "proxy_letter.revoked": "撤销委托书",
    "proxy_letter.viewed": "查看委托书",
    "proxy_letter.printed": "打印委托书",
}

# What an action was done to (the log's entity).
ENTITY_LABELS: dict[str, str] = {
    "staff": "人员",
    "request": "请求",
    "workstation": "工作站",
    "enrollment": "注册码",
    "matter": "事项",
    "department": "部门",
    "bundle": "一件事",
    "catalog": "事项目录",
    "calendar": "工作日历",
    "hall": "大厅设置",
    "application": "申请",
    "commitment": "容缺承诺",
    "notice": "文书",
    "case": "办件",
    "authorization": "授权书",
    "ticket": "排队号",
    "walk_in": "无号服务",
    "window": "窗口",
    "queue_settings": "排队设置",
    "queue_category": "服务类别",
    "help": "帮办代办申请",
    "appointment": "预约",
    "proxy_letter": "委托书",
    "ledger_item": "问题台账",
    "supervision_signal": "监察信号",
    "self_check_answer": "自查评分表",
}


def action_label(code: str) -> str:
    """A code without a name (a newer workstation's, synced here) shows as "其他操作" with its code."""
    return ACTION_LABELS.get(code, f"其他操作（{code}）")


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


# What each key of an entry's detail means. None: technical (an id, a hash, a request's path): kept in
# the log, left out of the page. Every key recorded anywhere in app/ is here (tests/test_audit_labels.py).
DETAIL_LABELS: dict[str, str | None] = {
    "outcome": "结论",
    "cases": "办件",
    "case": "办件",
    "notices": "文书",
    "notice": "文书",
    "receipt": "送达回证",
    "problems": "问题",
    "late_reasons": "再次告知的原因",
    "material": "材料",
    "received_on": "收件日期",
    "reprint": "补打",
    "step": "环节",
    "agreed": "同意",
    "decision": "决定",
    "permitted_content": "许可内容",
    "kind": "类型",
    "due": "期限",
    "due_on": "期限",
    "days": "天数",
    "people": "实施人员",
    "paused_days": "暂停工作日",
    "overrun": "超期",
    "method": "送达方式",
    "recipient": "受送达人",
    "tracking_no": "快递单号",
    "on_time": "按时",
    "on": "日期",
    "from": "起始日期",
    "document_no": "文号",
    "holder": "被授权人",
    "matters": "事项",
    "valid": "有效期",
    "letter_no": "委托书编号",
    "principal": "委托人",
    "proxy": "代理人",
    "signed_on": "签署日期",
    "label": "排队号",
    "ticket": "排队号",
    "priority": "优先类别",
    "window": "窗口",
    "window_no": "窗口",
    "windows": "窗口数",
    "level": "评价等级",
    "detail": "说明",
    "mode": "模式",
    "agent": "帮办员",
    "fits": "符合专长",
    "no": "编号",
    "seq": "序号",
    "booking_no": "预约号",
    "day": "日期",
    "starts_at": "开始时间",
    "times": "时段",
    "capacity": "每时段名额",
    "code": "编码",
    "name": "名称",
    "short_name": "简称",
    "phone": "电话",
    "address": "地址",
    "description": "说明",
    "lead_department": "牵头部门",
    "department": "部门",
    "version_no": "版本",
    "changed": "改动",
    "created": "新增",
    "versioned": "新版本",
    "unchanged": "未变",
    "provisional": "暂定",
    "staff": "人员数",
    "authorizations": "授权书数",
    "center": "中心地址",
    "hostname": "计算机名",
    "first": "首条上传",
    "last": "末条上传",
    "rejected": "被拒上传",
    "signed_by": "签名人（已验证）",
    "keys_revoked": "吊销的密钥数",
    "was_locked": "原已锁定",
    "roles": "角色",
    "staff_no": "工号",
    "workstation": "工作站",
    "item_no": "台账编号",
    "check_item": "自查评分项",
    "answer": "自查结论",
    "source": "问题来源",
    "problem_type": "问题类型",
    "responsible_unit": "责任单位",
    "was": "原状态",
    "status": "状态",
    "place": "所在位置",
    "found": "发现信号数",
    "limit": "提前办结时限",
    "limit_was": "原提前办结时限",
    "raised": "新增信号数",
    "updated": "升级信号数",
    "signal": None,
    "request": None,
    "slot": None,
    "log": None,
    "sha256": None,
    "scan_sha256": None,
}
LIST_LABELS = {"days": "日期"}  # a key whose list means something else than its number
# Values recorded as codes.
VALUE_LABELS = {
    "kind": {kind.value: label for kind, label in DEVICE_LABELS.items()},
    "mode": {"suggest": "建议开启", "auto": "自动开启"},
}
FIELD_NAMES = {**FIELD_LABELS, **SETTING_LABELS}  # the fields a "changed" entry names


def detail_text(detail: str) -> str:
    """An entry's detail (JSON as the log keeps it) as people read it: "结论：受理；办件：QS…",
    empty values and technical keys left out."""
    try:
        data = json.loads(detail or "{}")
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    parts = []
    for key, value in data.items():
        label = LIST_LABELS.get(key) if isinstance(value, list) and key in LIST_LABELS else DETAIL_LABELS.get(key)
        text = _value(key, value)
        if label and text:
            parts.append(f"{label}：{text}")
    return "；".join(parts)


def _value(key: str, value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "changed":
        if isinstance(value, dict):  # field -> [before, after]
            return "，".join(f"{FIELD_NAMES.get(f, f)}“{old}”改为“{new}”" for f, (old, new) in value.items())
        return "、".join(FIELD_NAMES.get(f, f) for f in value)
    if isinstance(value, dict):
        return "，".join(f"{k}：{v}" for k, v in value.items())
    if isinstance(value, list):
        joiner = " 至 " if key == "valid" else "、"
        return joiner.join("–".join(map(str, v)) if isinstance(v, list) else str(v) for v in value)
    return VALUE_LABELS.get(key, {}).get(value, str(value))
