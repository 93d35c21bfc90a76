"""The notices a case's application gets, each under the title it is printed and signed with, and
the prefix of its number series. The pipeline (app.notices.issuing) also draws the 授权委托书, which
is not a notice (the applicant issues it) and is kept beside its letter, not among these."""

from enum import StrEnum


class NoticeKind(StrEnum):
    ACCEPTANCE = "受理通知书"
    TOLERANCE = "容缺受理通知书"
    COMMITMENT = "告知承诺书"
    SLIP = "一次性告知单"
    REJECTION = "不予受理通知书"
    # Issued at the center after acceptance (app.approval).
    SPECIAL_STEP = "特殊环节告知书"
    EXTENSION = "延期告知书"
    GRANT = "准予许可决定书"
    REFUSAL = "不予许可决定书"
    SERVICE_RECEIPT = "送达回证"


NOTICE_PREFIX = {
    NoticeKind.ACCEPTANCE: "SL",
    NoticeKind.TOLERANCE: "RQ",
    NoticeKind.COMMITMENT: "CN",
    NoticeKind.SLIP: "GZ",
    NoticeKind.REJECTION: "BY",
    NoticeKind.SPECIAL_STEP: "TS",
    NoticeKind.EXTENSION: "YQ",
    NoticeKind.GRANT: "ZY",
    NoticeKind.REFUSAL: "BX",
    NoticeKind.SERVICE_RECEIPT: "SD",
}
