"""The proxy rule (DESIGN §4 rule 9): a submission through a proxy (代理人) needs the applicant's
委托书 on file — signed, not revoked, in force on the day the materials are received, naming this
applicant as principal and this proxy, and covering every matter applied for.

`refusal` is the rule itself, on plain data. `allowing_letter` reads the letter from the store at
hand: a workstation's pulled copy at the window (so the rule holds offline), the center's own when a
workstation's application arrives (app.help.push_policy), since a pulled copy may be stale or altered."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.acceptance.model import Applicant, ApplicantKind, CheckItem, ItemStatus, Person
from app.acceptance.rules import OutcomeRefused
from app.help.proxy_dto import LetterStatus
from app.identity import DocumentKind, check_document
from app.notices import qr
from db.models import MatterVersion, ProxyLetter

DRAFTED, SIGNED, REVOKED = LetterStatus.DRAFTED, LetterStatus.SIGNED, LetterStatus.REVOKED


class ProxyRefused(OutcomeRefused):
    """A proxy submission the letter does not allow; the form shows it beside the letter's number."""

    field = "proxy.letter_no"


@dataclass(frozen=True)
class LetterOnFile:
    id: str
    letter_no: str
    status: LetterStatus
    principal_doc: str  # ID number or credit code
    proxy: Person  # the proxy as the letter names them: name and identity document
    valid_from: date
    valid_to: date
    signed_on: date | None
    matter_ids: frozenset[str]
    revoked_on: date | None = None


def letter_no_of(text: str) -> str:
    """The number as typed, or read from the QR code printed on the letter."""
    decoded = qr.decode(text)
    return decoded[0].notice_no if decoded else text.strip().upper()


def principal_doc(a: Applicant) -> str:
    return (a.credit_code if a.kind == ApplicantKind.ENTERPRISE else a.person.doc_no).strip().upper()


def refusal(
    letter: LetterOnFile | None, letter_no: str, applicant: Applicant, matters: dict[str, str], on: date
) -> str | None:
    """None when the letter allows this proxy to submit these matters (id -> name) for this
    applicant on that day, else why not."""
    if not letter_no:
        return "代理人办理须凭申请人签署的授权委托书：请填写委托书编号或扫描委托书上的二维码。"
    if letter is None:
        return f"没有编号为 {letter_no} 的授权委托书。请核对编号；刚登记的委托书须待本机与中心同步后才能使用。"
    name = f"委托书 {letter.letter_no}"
    if letter.status == REVOKED and (letter.revoked_on is None or on >= letter.revoked_on):
        return f"{name}已被撤销，不能据此代理办理。"
    if letter.signed_on is None:
        return f"{name}尚未登记签署，须由委托人签署并登记后才能据此代理办理。"
    if letter.signed_on is not None and on < letter.signed_on:
        return f"{name}于 {letter.signed_on:%Y-%m-%d} 签署，晚于本次收件日期，不能据此代理办理。"
    if on < letter.valid_from:
        return f"{name}自 {letter.valid_from:%Y-%m-%d} 起生效，{on:%Y-%m-%d} 尚不能据此代理办理。"
    if on > letter.valid_to:
        return f"{name}已于 {letter.valid_to:%Y-%m-%d} 到期，不能据此代理办理。"
    if letter.principal_doc.strip().upper() != principal_doc(applicant):
        return f"{name}的委托人不是本申请人（证件号码或统一社会信用代码不符）。"
    why = proxy_mismatch(letter.proxy, applicant.proxy, on)
    if why is not None:
        return f"{name}的受托人不是本次办理的代理人（{why}）。"
    uncovered = [title for matter_id, title in matters.items() if matter_id not in letter.matter_ids]
    if uncovered:
        return f"{name}未委托办理以下事项：{'、'.join(uncovered)}。"
    return None


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def proxy_mismatch(named: Person, proxy: Person | None, on: date) -> str | None:
    """None when the proxy at the window, by the identity document shown and entered (checked as
    an applicant's is), is the proxy the letter names; else what differs."""
    if proxy is None:
        return "本次申请未登记代理人"
    problem = check_document(proxy.doc_kind, proxy.doc_no, on)
    if problem:
        return f"代理人证件号码有误：{problem}"
    if proxy.doc_kind != named.doc_kind:
        return f"委托书记载的受托人证件为{named.doc_kind}，代理人出示的是{proxy.doc_kind}"
    if proxy.doc_no.strip().upper() != named.doc_no.strip().upper():
        return "证件号码不符"
    if not _same_name(proxy.name, named.name):
        return f"委托书记载的受托人为{named.name}，与代理人姓名不符"
    return None


def on_file(s: Session, letter_no: str) -> LetterOnFile | None:
    letter = s.scalar(select(ProxyLetter).where(ProxyLetter.letter_no == letter_no))
    if letter is None:
        return None
    return LetterOnFile(
        letter.id,
        letter.letter_no,
        LetterStatus(letter.status),
        letter.principal_doc,
        Person(letter.proxy_name, DocumentKind(letter.proxy_doc_kind), letter.proxy_doc_no),
        letter.valid_from,
        letter.valid_to,
        letter.signed_on,
        frozenset(m.id for m in letter.matters),
        letter.revoked_on,
    )


def allowing_letter(s: Session, applicant: Applicant, version_ids: tuple[str, ...], on: date) -> str | None:
    """The id of the letter a proxy submits these guide versions' matters under, None when the
    applicant comes in person; ProxyRefused when no letter allows it."""
    if applicant.proxy is None:
        return None
    letter_no = letter_no_of(applicant.proxy_letter_no)
    letter = on_file(s, letter_no) if letter_no else None
    # A version the store does not hold (at the center: a workstation's guide edit it refused) is
    # not judged here: the application's rows cannot be written without it anyway.
    versions = [v for v in (s.get(MatterVersion, i) for i in version_ids) if v is not None]
    why = refusal(letter, letter_no, applicant, {v.matter_id: v.name for v in versions}, on)
    if why is not None:
        raise ProxyRefused(why)
    assert letter is not None, "refusal() refuses without a letter"
    return letter.id


def letter_on_file(items: list[CheckItem]) -> None:
    """A proxy submission allowed by a 委托书 on file: the guides' conditional 授权委托书 is that
    letter, so it is received (and the dossier says so) unless the clerk found a problem with it."""
    for item in items:
        if not item.required and "委托书" in item.name and not item.problem:
            item.status, item.condition_holds = ItemStatus.RECEIVED, True
