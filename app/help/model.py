"""The words of help and agent service, as the center's rules (内乡县 art. 16, 24) name them."""

from enum import StrEnum


class HelpKind(StrEnum):
    PRE_GUIDANCE = "事前辅导"
    FULL_HELP = "全程帮办"
    AGENCY = "代办"
    HOME_VISIT = "上门服务"
    BY_APPOINTMENT = "预约服务"
    EXTENDED_HOURS = "延时服务"
    GREEN_CHANNEL = "绿色通道"


class Subject(StrEnum):
    PERSON = "个人"
    ENTERPRISE = "企业"
    PROJECT = "项目"


class Urgency(StrEnum):
    NORMAL = "普通"
    URGENT = "紧急"
    MOST_URGENT = "特急"


class LogKind(StrEnum):
    """A line of a request's log: what staff record (LOG_KINDS), then what the service writes."""

    CONTACT = "联系"
    GUIDANCE = "辅导"
    VISIT = "上门"
    MATERIALS = "材料"
    SUBMISSION = "提交"
    REMINDER = "提醒"
    OTHER = "其他"
    RECORDED = "登记"
    ASSIGNED = "分派"
    ACCEPTED = "受理"
    CLOSED = "办结"
    CANCELLED = "撤销"
    RATED = "评价"


# What a form offers, in order, as plain text.
KINDS = tuple(k.value for k in HelpKind)
SUBJECTS = tuple(s.value for s in Subject)
URGENCIES = tuple(u.value for u in Urgency)
LOG_KINDS = tuple(k.value for k in list(LogKind)[: list(LogKind).index(LogKind.RECORDED)])


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
