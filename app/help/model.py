"""The words of help and agent service, as the center's rules (内乡县 art. 16, 24) name them."""

from enum import StrEnum

KINDS = ("事前辅导", "全程帮办", "代办", "上门服务", "预约服务", "延时服务", "绿色通道")
SUBJECTS = ("个人", "企业", "项目")
URGENCIES = ("普通", "紧急", "特急")
WAITING, OPEN, DONE, CANCELLED = "待分派", "办理中", "已办结", "已撤销"
LOG_KINDS = ("联系", "辅导", "上门", "材料", "提交", "提醒", "其他")


class PlanState(StrEnum):
    """Where an item of a request's plan stands, by the case linked to it."""

    NOT_ACCEPTED = "未受理"
    ACCEPTED = "已受理"
    CLOSED = "已办结"
