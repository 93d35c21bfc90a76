"""The wording of the notices issued on a case after acceptance. Legal references (ALL): art. 45
(special steps, told in writing), art. 42 (extension), art. 38, 39, 44 (grant), art. 38 para. 2
(refusal with reasons and the rights of review). The layout is the acceptance notices' one. Those
articles, and the words 许可 and 行政许可期限, are for 行政许可 matters only: a decision on any other
type of matter is a 准予 / 不予办理决定书 under 有关规定 (app.catalog.regime)."""

from dataclasses import dataclass
from datetime import date, datetime

from app.acceptance.model import Applicant
from app.acceptance.notice_text import heading, who
from app.catalog.regime import Regime, printed_title, regime_of
from app.documents.chinese_date import long_date
from app.documents.letterhead import Letterhead
from app.documents.notice_pdf import NoticeDocument
from app.notices.kinds import NoticeKind

WINDOW_PICKUP = "窗口领取"
MAIL = "邮寄"


@dataclass(frozen=True)
class CaseNoticeFacts:
    kind: NoticeKind  # SPECIAL_STEP, EXTENSION, GRANT, REFUSAL or SERVICE_RECEIPT
    notice_no: str
    issued_at: datetime
    applicant: Applicant
    case_no: str
    matter_name: str
    department: str  # the deciding department, printed above the date
    letterhead: Letterhead  # the center, the department's 审批专用章, where to appeal (hall settings)
    contact_phone: str
    accepted_on: date
    staff: str  # the person issuing it: "陈静（S001）"
    window_no: int | None
    qr_text: str
    matter_type: str  # MatterType: which law the notice cites
    legal_basis: str = ""  # the matter's 设定依据 (GRANT / REFUSAL)
    permitted_content: str = ""  # GRANT: what is permitted (许可内容), entered by the deciding chief
    opinion: str = ""  # REFUSAL: the reasons
    step_kind: str = ""  # SPECIAL_STEP: e.g. 现场勘验
    step_legal_basis: str = ""
    step_limit_days: int = 0
    step_started_on: date | None = None
    step_due_on: date | None = None
    step_people: str = ""  # who carries it out, with qualifications
    extension_days: int = 0  # EXTENSION
    extension_reason: str = ""
    extension_by: str = ""  # who approved it: "陈静（S001）"
    statutory_due: date | None = None  # EXTENSION: the new statutory deadline
    delivered_document: str = ""  # SERVICE_RECEIPT: "准予许可决定书（ZY2026-ZX-00001）"
    delivery_method: str = ""  # SERVICE_RECEIPT: 窗口领取 / 邮寄
    recipient: str = ""
    address: str = ""
    carrier: str = ""
    tracking_no: str = ""

    @property
    def regime(self) -> Regime:
        return regime_of((self.matter_type,))


# The facts each kind prints. A notice is issued once and never edited, so a missing fact must stop
# the call rather than print a blank (a refusal without reasons would also breach art. 38 para. 2).
_REQUIRED = {
    NoticeKind.SPECIAL_STEP: (
        "step_kind",
        "step_legal_basis",
        "step_limit_days",
        "step_started_on",
        "step_due_on",
        "step_people",
    ),
    NoticeKind.EXTENSION: ("extension_days", "extension_reason", "extension_by", "statutory_due"),
    NoticeKind.GRANT: ("permitted_content", "legal_basis"),
    NoticeKind.REFUSAL: ("opinion",),
    NoticeKind.SERVICE_RECEIPT: ("delivered_document", "delivery_method"),
}
_REQUIRED_BY_MAIL = ("address", "tracking_no")


def build_case_notice(f: CaseNoticeFacts) -> NoticeDocument:
    _check(f)
    body = _BODIES[f.kind](f)
    base = heading(
        f.kind, f.notice_no, f.issued_at, f.applicant, f.department, f.letterhead, f.window_no, f.staff, f.contact_phone
    )
    base["title"] = printed_title(f.kind, f.matter_type)
    return NoticeDocument(**base, qr_text=f.qr_text, **body)


def _check(f: CaseNoticeFacts) -> None:
    if f.kind not in _REQUIRED:
        raise ValueError(f"{f.kind.value} 不是受理后的办件文书")
    needed = _REQUIRED[f.kind]
    if f.kind == NoticeKind.SERVICE_RECEIPT:
        if f.delivery_method not in (WINDOW_PICKUP, MAIL):
            raise ValueError(f"送达方式只能是{WINDOW_PICKUP}或{MAIL}：{f.delivery_method!r}")
        if f.delivery_method == MAIL:
            needed += _REQUIRED_BY_MAIL
    values = {name: getattr(f, name) for name in needed}
    missing = [name for name, v in values.items() if not (v.strip() if isinstance(v, str) else v)]
    if missing:
        raise ValueError(f"{f.kind.value} 缺少：{', '.join(missing)}")


def _case_ref(f: CaseNoticeFacts) -> str:
    return f"本机关于{long_date(f.accepted_on)}受理你（单位）提出的《{f.matter_name}》申请（办件编号：{f.case_no}）"


def _applicant_line(f: CaseNoticeFacts) -> str:
    return f"申请人：{who(f.applicant)}。"


def _sentence(text: str) -> str:
    """Free text typed by staff, closed with exactly one full stop."""
    return text.strip().rstrip("。；;.") + "。"


def _special_step(f: CaseNoticeFacts) -> dict:
    assert f.step_started_on is not None and f.step_due_on is not None  # guaranteed by _check
    return dict(
        paragraphs=(
            f"{_case_ref(f)}。依照{f.step_legal_basis}，该申请需要进行“{f.step_kind}”。",
            f"该环节自{long_date(f.step_started_on)}开始，限{f.step_limit_days}个工作日，"
            f"至{long_date(f.step_due_on)}止。",
            f"依照{f.regime.basis('第四十五条')}，该环节所需时间不计算在"
            f"{f.regime.word('行政许可期限', '办理期限')}内，特此书面告知。",
            f"实施人员：{_sentence(f.step_people)}",
            _applicant_line(f),
        ),
    )


def _extension(f: CaseNoticeFacts) -> dict:
    assert f.statutory_due is not None  # guaranteed by _check
    return dict(
        paragraphs=(
            f"{_case_ref(f)}。该申请不能在{f.regime.word('法定期限内作出行政许可决定', '规定期限内办结')}，"
            f"依照{f.regime.basis('第四十二条第一款')}，"
            f"经本机关负责人{f.extension_by}批准，办理期限延长{f.extension_days}个工作日。",
            f"延长期限的理由：{_sentence(f.extension_reason)}",
            f"延长后的法定办结期限截至{long_date(f.statutory_due)}。",
            _applicant_line(f),
        ),
    )


def _grant(f: CaseNoticeFacts) -> dict:
    return dict(
        paragraphs=(
            f"{_case_ref(f)}。经审查，该申请符合法定条件、标准。依照{f.regime.basis('第三十八条第一款')}，"
            f"本机关决定{f.regime.word('准予行政许可', '准予办理')}。",
            f"{f.regime.word('许可内容', '办理内容')}：{_sentence(f.permitted_content)}",
            f"设定依据：{_sentence(f.legal_basis)}",
            f.regime.word(
                f"依照{f.regime.basis('第三十九条、第四十四条')}，本机关将自本决定作出之日起十个工作日内"
                "向你（单位）颁发、送达加盖本机关印章的行政许可证件。",
                "本机关将依照有关规定向你（单位）送达办理结果。",
            ),
            _applicant_line(f),
        ),
    )


def _refusal(f: CaseNoticeFacts) -> dict:
    basis = (f"设定依据：{_sentence(f.legal_basis)}",) if f.legal_basis.strip() else ()
    return dict(
        paragraphs=(
            f"{_case_ref(f)}。经审查，依照{f.regime.basis('第三十八条第二款')}，"
            f"本机关决定{f.regime.word('不予行政许可', '不予办理')}。",
            f"理由：{_sentence(f.opinion)}",
            *basis,
            f.letterhead.rights_of_appeal("决定书"),
            _applicant_line(f),
        ),
    )


def _service_receipt(f: CaseNoticeFacts) -> dict:
    by_mail = f.delivery_method == MAIL
    rows = (
        ("送达文书", f.delivered_document),
        ("受送达人", f.recipient or f.applicant.display_name),
        ("送达方式", f.delivery_method),
        ("送达地址", f.address or _window_address(f.letterhead, f.window_no)),
        ("快递单号", f"{f.carrier} {f.tracking_no}".strip() if by_mail else "—"),
        ("送达人", f.staff),
        # A mailed document is served on the day it is signed for, which the center cannot know yet.
        ("送达日期", "以受送达人签收日期为准" if by_mail else long_date(f.issued_at.date())),
    )
    note = (
        (
            "本回证随文书一并邮寄。请受送达人签名、注明签收日期后寄回本机关；"
            "未寄回的，以邮政（快递）企业的签收记录作为送达凭证。",
        )
        if by_mail
        else ()
    )
    return dict(
        paragraphs=(
            f"本机关就你（单位）的《{f.matter_name}》申请（办件编号：{f.case_no}）送达下列文书，请核对后签收。",
        ),
        table_headers=("项目", "内容"),
        table_rows=rows,
        col_widths=(36, 130),
        fit_cols=(0,),
        closing=(*note, _applicant_line(f)),
        signatures=("受送达人签名：", "签收日期："),
    )


def _window_address(letterhead: Letterhead, window_no: int | None) -> str:
    """Collected at the window: the center's window, and its address where one is set."""
    where = letterhead.at_window(window_no)
    return f"{where}（{letterhead.center_address}）" if letterhead.center_address else where


_BODIES = {
    NoticeKind.SPECIAL_STEP: _special_step,
    NoticeKind.EXTENSION: _extension,
    NoticeKind.GRANT: _grant,
    NoticeKind.REFUSAL: _refusal,
    NoticeKind.SERVICE_RECEIPT: _service_receipt,
}
