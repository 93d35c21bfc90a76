"""The wording of each notice, from the application as decided. Legal references: ALL art. 32
(受理/不予受理/补正 in writing), art. 42 (time limits), art. 45 (special steps); 一次性告知 per the
center's rules. The 行政许可法 is cited for 行政许可 matters only (app.catalog.regime)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypedDict

from app.acceptance.model import Applicant, CheckItem, Decision, ItemStatus
from app.catalog.regime import Regime, regime_of
from app.documents.chinese_date import long_date
from app.documents.letterhead import Letterhead
from app.documents.notice_pdf import NoticeDocument
from app.identity import mask_id
from app.notices.kinds import NoticeKind


@dataclass(frozen=True)
class CaseLine:
    case_no: str
    matter_name: str
    promised_due: date
    statutory_due: date
    provisional: bool
    on_the_spot: bool


@dataclass(frozen=True)
class NoticeFacts:
    kind: NoticeKind
    notice_no: str
    issued_at: datetime
    applicant: Applicant
    matter_names: tuple[str, ...]
    matter_types: tuple[str, ...]  # MatterType of each matter, in the same order: which law applies
    department: str  # the issuing department, printed above the date
    letterhead: Letterhead  # the center, the department's 受理专用章 and where to appeal (hall settings)
    legal_basis: str
    handling_place: str
    contact_phone: str
    window_no: int | None
    clerk: str
    qr_text: str
    received_on: date
    cases: tuple[CaseLine, ...] = ()
    items: tuple[CheckItem, ...] = ()
    decision: Decision | None = None
    auto_accepted: bool = False
    special_steps: tuple[str, ...] = ()  # the kinds registered for the matters (现场核查…)

    @property
    def regime(self) -> Regime:
        return regime_of(self.matter_types)


def who(a: Applicant) -> str:
    person = f"{a.person.name}（{a.person.doc_kind.value} {mask_id(a.person.doc_no)}）"
    text = f"{a.enterprise_name}，法定代表人{person}" if a.enterprise_name else person
    if a.proxy:
        text += f"；代理人{a.proxy.name}（{a.proxy.doc_kind.value} {mask_id(a.proxy.doc_no)}）"
    return text


class _CaseTable(TypedDict):
    """The table of cases an acceptance, 容缺 or 告知承诺 notice carries (NoticeDocument's fields)."""

    table_headers: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]
    col_widths: tuple[float, ...]
    fit_cols: tuple[int, ...]


def heading(
    kind: NoticeKind,
    notice_no: str,
    issued_at: datetime,
    applicant: Applicant,
    department: str,
    letterhead: Letterhead,
    window_no: int | None,
    staff: str,
    phone: str,
) -> dict:
    """What every notice carries around its body: title, number, addressee, the issuing
    department and its seal, and the window, person and phone to ask."""
    return dict(
        title=kind.value,
        notice_no=f"文书编号：{notice_no}",
        issued_at=issued_at,
        addressee=applicant.display_name,
        seal=letterhead.seal,
        issuer=department,
        footer=f"{letterhead.at_window(window_no)} · 经办人：{staff} · 咨询电话：{phone or letterhead.center_phone}",
    )


def build(f: NoticeFacts) -> NoticeDocument:
    matters = "、".join(f"《{n}》" for n in f.matter_names)
    base = heading(
        f.kind, f.notice_no, f.issued_at, f.applicant, f.department, f.letterhead, f.window_no, f.clerk, f.contact_phone
    )
    base["qr_text"] = f.qr_text
    applicant_line = f"申请人：{who(f.applicant)}。"
    if f.kind == NoticeKind.SLIP:
        return _slip(f, matters, applicant_line, base)
    if f.kind == NoticeKind.REJECTION:
        d = f.decision
        assert d is not None
        paragraphs = [
            f"你（单位）于{long_date(f.received_on)}提出的{matters}申请，经审查，决定不予受理。",
            f"理由：{d.reason.rstrip('。；;.')}。",
        ]
        if d.redirect.strip():
            paragraphs.append(f"请向{d.redirect.strip()}申请办理。")
        paragraphs += [
            f.letterhead.rights_of_appeal("通知书"),
            f"依据：{f.regime.basis('第三十二条')}。",
            applicant_line,
        ]
        return NoticeDocument(**base, paragraphs=tuple(paragraphs))
    rows = tuple(
        (
            c.case_no,
            c.matter_name,
            "当场办结" if c.on_the_spot else long_date(c.promised_due) + ("*" if c.provisional else ""),
            long_date(c.statutory_due) + ("*" if c.provisional else ""),
        )
        for c in f.cases
    )
    table = _CaseTable(
        table_headers=("办件编号", "事项", "承诺办结日期", "法定办结期限"),
        table_rows=rows,
        col_widths=(38, 66, 31, 31),
        fit_cols=(0, 2, 3),  # a case number or a date broken over two lines is misread
    )
    provisional = (
        ("标“*”的日期所在年度的节假日安排尚未公布，为暂定日期，公布后以实际工作日为准。",)
        if any(c.provisional for c in f.cases)
        else ()
    )
    if f.kind == NoticeKind.ACCEPTANCE:
        opening = (
            f"你（单位）于{long_date(f.received_on)}提交的{matters}申请材料，本机关未在法定期限内出具一次性告知单，"
            f"依照{f.regime.basis('第三十二条')}，自收到申请材料之日起即为受理。"
            if f.auto_accepted
            else f"你（单位）于{long_date(f.received_on)}提交的{matters}申请，申请材料齐全、符合法定形式，"
            f"依照{f.regime.basis('第三十二条')}，决定予以受理。"
        )
        # The sentence announces the table ("下列"), so it comes before it.
        limits = (
            f"本机关将在下列期限内作出决定；期限以工作日计算{_steps_not_counted(f)}。"
            "请凭本通知书及办件编号查询办理进度、领取结果。"
        )
        return NoticeDocument(**base, paragraphs=(opening, limits), **table, closing=(*provisional, applicant_line))
    if f.kind == NoticeKind.TOLERANCE:
        d = f.decision
        assert d is not None and d.supply_by is not None
        missing = [i for i in f.items if i.problem]
        opening = (
            f"你（单位）于{long_date(f.received_on)}提交的{matters}申请，主要材料齐全，"
            f"次要材料尚缺{len(missing)}项，按容缺受理办法予以受理。本机关先行审查，"
            "待所缺材料补齐后作出决定，承诺办结日期不早于约定的补交日期。"
        )
        commitment = (
            f"申请人承诺：在{long_date(d.supply_by)}前补交下列材料："
            + "；".join(f"{i.name}（{i.defect or '缺少'}）" for i in missing)
            + "。逾期未补交的，本机关将终止办理，由此产生的后果由申请人承担。"
        )
        return NoticeDocument(
            **base,
            paragraphs=(opening,),
            **table,
            closing=(commitment, *provisional, applicant_line),
            signatures=("承诺人签名：", "承诺日期："),
        )
    # 告知承诺书
    conditions = "；".join(
        f"《{n}》的{regime_of((t,)).word('许可条件', '办理条件')}"
        for n, t in zip(f.matter_names, f.matter_types, strict=True)
    )
    decision = f.regime.word("作出许可决定，并在许可后", "作出决定，并在办结后")
    opening = (
        f"本机关依法告知：你（单位）申请的{matters}实行告知承诺制。申请人书面承诺已经符合{conditions}，"
        f"并愿意承担不实承诺的法律责任的，本机关当场{decision}依法进行核查。"
    )
    promise = (
        "申请人承诺：所填写的信息真实、准确；已经知晓本机关告知的全部内容；已经符合告知的条件和要求；"
        "愿意承担不实承诺、违反承诺的法律责任。"
    )
    return NoticeDocument(
        **base,
        paragraphs=(opening, promise),
        **table,
        closing=(*provisional, applicant_line),
        signatures=("承诺人签名：", "承诺日期："),
    )


def _steps_not_counted(f: NoticeFacts) -> str:
    """ALL art. 45 for 行政许可 matters; for others only the special steps registered for them."""
    if f.regime.licensing:
        return "，依法需要听证、检验、检测、鉴定、专家评审等的，所需时间不计算在内"
    if f.special_steps:
        return f"，依照有关规定需要{'、'.join(dict.fromkeys(f.special_steps))}的，所需时间不计算在内"
    return ""


def _slip(f: NoticeFacts, matters: str, applicant_line: str, base: dict) -> NoticeDocument:
    problems = [i for i in f.items if i.problem]
    rows = []
    for n, i in enumerate(problems, 1):
        need = f"{i.form}{f'{i.copies}份' if i.copies else ''}" + (f"；{i.format_rules}" if i.format_rules else "")
        hint = "；".join(i.common_errors[:2])
        problem = "缺少" if i.status == ItemStatus.MISSING else f"有误：{i.defect}"
        rows.append((str(n), i.name, problem, need, hint or "—"))
    opening = (
        f"你（单位）于{long_date(f.received_on)}提交的{matters}申请材料不齐全或者不符合法定形式。"
        f"依照{f.regime.basis('第三十二条')}，现一次性告知需要补正的全部内容如下："
    )
    closing = (
        f"设定依据：{f.legal_basis}",
        f"请按上述要求一次性补齐材料后，携带本告知单到{f.handling_place}办理"
        "（可扫描本单二维码或报告知单编号调取原申请，只核验本单所列材料）。本告知单所列以外的材料，本机关不再要求补正，但补正材料本身产生的问题除外。",
        f"咨询电话：{f.contact_phone or f.letterhead.center_phone}。",
        applicant_line,
    )
    return NoticeDocument(
        **base,
        paragraphs=(opening,),
        table_headers=("序号", "材料", "问题", "要求", "常见错误提示"),
        table_rows=tuple(rows),
        col_widths=(10, 40, 34, 46, 36),
        fit_cols=(0,),
        closing=closing,
    )
