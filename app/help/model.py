"""The words of help and agent service, as the center's rules (内乡县 art. 16, 24) name them."""

from enum import StrEnum

KINDS = ("事前辅导", "全程帮办", "代办", "上门服务", "预约服务", "延时服务", "绿色通道")
SUBJECTS = ("个人", "企业", "项目")
URGENCIES = ("普通", "紧急", "特急")
LOG_KINDS = ("联系", "辅导", "上门", "材料", "提交", "提醒", "其他")


class RequestStatus(StrEnum):
    WAITING = "待分派"
    OPEN = "办理中"
    DONE = "已办结"
    CANCELLED = "已撤销"


WAITING, OPEN, DONE, CANCELLED = RequestStatus.WAITING, RequestStatus.OPEN, RequestStatus.DONE, RequestStatus.CANCELLED


class PlanState(StrEnum):
    """Where an item of a request's plan stands, by the case linked to it."""

    NOT_ACCEPTED = "未受理"
    ACCEPTED = "已受理"
    CLOSED = "已办结"
