"""委托书 at hand on a demo store: the agent 吴敏 (A001) acting for 张三, a letter drafted and
signed on a Monday, a submission by a proxy, the text of the letter's QR code."""

from dataclasses import replace
from datetime import date

from app.acceptance.model import Decision, ItemStatus, Outcome, Person
from app.help.proxy_letters import NewProxyLetter, ProxyLetterService
from app.identity import DocumentKind
from app.notices import qr
from app.workstation import private_key
from db.models import Bundle
from tests.helpers import ZHANG, at, person, prepared

DAY = date(2026, 3, 2)  # a Monday
WU = Person("吴敏", DocumentKind.ID_CARD, "411321198506120037", "13800001111")  # the agent A001


def matter_ids(ctx, *queries: str) -> tuple[str, ...]:
    """The matters the catalog searches find (a bundle's: its members)."""
    found = []
    with ctx.store.sessions() as s:
        for query in queries:
            hit = ctx.catalog.search(query)[0]
            found += [m.matter.id for m in s.get(Bundle, hit.id).members] if hit.kind == "bundle" else [hit.id]
    return tuple(found)


def new_letter(ids: tuple[str, ...], **changes) -> NewProxyLetter:
    """张三 authorizes the agent 吴敏 (A001) from DAY for six months."""
    letter = NewProxyLetter(
        principal_kind="个人",
        principal_name="张三",
        principal_doc=ZHANG.person.doc_no,
        proxy_name=WU.name,
        proxy_doc_kind=WU.doc_kind,
        proxy_doc_no=WU.doc_no,
        proxy_phone=WU.phone,
        matter_ids=ids,
        scope="代为递交申请材料、补正材料，代为签收受理通知书、一次性告知单等文书。",
        valid_from=DAY,
        valid_to=date(2026, 8, 31),
        proxy_staff_no="A001",
    )
    return replace(letter, **changes)


def letters(ctx, day: date = DAY) -> ProxyLetterService:
    """The demo store stands in for the center here: its own key signs the letters' QR codes."""
    return ProxyLetterService(ctx.store, ctx.workstation_id, at(day))


def signed_letter(ctx, *codes: str, signed: bool = True, **changes):
    """A letter for the matters of the searches, drafted by A001 and signed on DAY."""
    service, agent = letters(ctx), person(ctx, "A001")
    drafted = service.draft(agent, new_letter(matter_ids(ctx, *codes), **changes))
    if signed:
        service.record_signed(agent, drafted.id, DAY)
    return drafted


def by_proxy(letter_no: str, proxy: Person = WU, principal: Person = ZHANG.person):
    return replace(ZHANG, person=principal, proxy=proxy, proxy_letter_no=letter_no)


def decide(ctx, query: str, applicant, outcome=Outcome.ACCEPT, day: date = DAY, **decision):
    acc = ctx.acceptance
    acc.clock = at(day)
    prep = prepared(ctx, acc, query)
    if outcome == Outcome.CORRECTION:
        next(i for i in prep.items if i.required).status = ItemStatus.MISSING
    return acc.decide(person(ctx, "C001"), prep, applicant, Decision(outcome, **decision))


def qr_of(ctx, letter_no: str) -> str:
    """The text a scanner reads off the letter's QR code."""
    with ctx.store.sessions() as s:
        key = private_key(s, ctx.workstation_id)
    return qr.encode(qr.QrContent(letter_no, (), "授权委托书", "20260302", ctx.workstation_id), key)[0]
