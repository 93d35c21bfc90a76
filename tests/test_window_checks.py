"""Checks the software makes instead of the clerk's eye: a slip's QR code scanned to reopen must
carry the signature of the workstation that issued it, and a proxy's identity document as entered
must be the one the 委托书 names (kind, number and name); a refusal writes nothing."""

from dataclasses import replace
from datetime import date

import pytest

from app import signing
from app.acceptance.model import Decision, Outcome, Person
from app.errors import NotFound
from app.help.proxy_rule import ProxyRefused, proxy_mismatch
from app.identity import DocumentKind
from app.notices import qr
from app.workstation import private_key
from db.models import Application, Case, Notice
from tests import pdf_reading
from tests.helpers import ZHANG, count, prepared, slip_with_three_problems
from tests.proxy_helpers import DAY, WU, by_proxy, decide, signed_letter

# -- a slip's QR code -----------------------------------------------------------------------------


def _signed(content: qr.QrContent, key: str | None = None) -> str:
    """The QR text of `content` signed with `key` (by default a key of the forger's own)."""
    return qr.encode(content, key or signing.new_keypair()[0])[0]


def test_a_scanned_slip_reopens_only_when_its_signature_verifies(demo_ctx, acc, clerk):
    slip, _listed = slip_with_three_problems(demo_ctx, acc, clerk)
    first = slip.notices[0]
    other, _ = slip_with_three_problems(demo_ctx, acc, clerk)
    [scanned] = pdf_reading.qr_codes(first.pdf, dpi=150)
    assert acc.reopen(scanned).application_id == slip.application_id  # the genuine code, as printed
    assert acc.reopen(first.notice_no.lower()).application_id == slip.application_id  # typed: looked up

    content, signature = qr.decode(scanned)
    moved = replace(content, notice_no=other.notices[0].notice_no)  # altered to point at another slip
    for forged in (
        f"{moved.message()}|{signature}",  # the genuine signature over other content
        _signed(moved),  # signed, but not by the workstation that issued the slip
        _signed(replace(content, workstation_id="no-such-workstation")),  # an issuer nobody knows
        scanned[:-12],  # cut short
    ):
        with pytest.raises(qr.QrNotGenuine, match="告知单二维码验证未通过"):
            acc.reopen(forged)


def test_a_genuine_code_of_another_kind_of_notice_reopens_nothing(demo_ctx, acc, clerk):
    accepted = acc.decide(clerk, prepared(demo_ctx, acc, "spjyxk"), ZHANG, Decision(Outcome.ACCEPT))
    [scanned] = pdf_reading.qr_codes(accepted.notices[0].pdf, dpi=150)
    with pytest.raises(NotFound, match="一次性告知单"):
        acc.reopen(scanned)  # an acceptance notice's code names no slip
    slip, _ = slip_with_three_problems(demo_ctx, acc, clerk)
    with demo_ctx.store.sessions() as s:
        key = private_key(s, demo_ctx.workstation_id)
    content, _ = qr.decode(scanned)
    claimed = replace(content, notice_no=slip.notices[0].notice_no)  # signed here, but as a 受理通知书
    with pytest.raises(qr.QrNotGenuine, match="签发记录不符"):
        acc.reopen(_signed(claimed, key))


# -- the proxy's identity document --------------------------------------------------------------

NAMED = Person("吴敏", DocumentKind.ID_CARD, "411321198506120037")


@pytest.mark.parametrize(
    ("proxy", "why"),
    [
        (None, "未登记代理人"),
        (replace(NAMED, doc_no="41132119850612003X"), "代理人证件号码有误：身份证号码校验位不正确"),
        (replace(NAMED, doc_kind=DocumentKind.PASSPORT, doc_no="E12345678"), "代理人出示的是护照"),
        (replace(NAMED, doc_no="110105198001010016"), "证件号码不符"),
        (replace(NAMED, name="吴明"), "委托书记载的受托人为吴敏，与代理人姓名不符"),
    ],
)
def test_a_proxy_whose_document_is_not_the_one_named_is_told_what_differs(proxy, why):
    assert why in proxy_mismatch(NAMED, proxy, date(2026, 3, 2))


def test_the_proxy_named_on_the_letter_passes_as_typed():
    typed = replace(NAMED, name=" 吴 敏", doc_no="411321198506120037 ", phone="13800001111")
    assert proxy_mismatch(NAMED, typed, date(2026, 3, 2)) is None


@pytest.mark.parametrize(
    ("proxy", "why"),
    [
        (replace(WU, doc_kind=DocumentKind.PASSPORT, doc_no="E12345678"), "受托人证件为居民身份证，代理人出示的是护照"),
        (replace(WU, name="吴明"), "受托人为吴敏，与代理人姓名不符"),
    ],
)
def test_a_proxy_not_the_one_on_the_letter_is_refused_and_nothing_is_written(demo_ctx, proxy, why):
    letter = signed_letter(demo_ctx, "gtgsh")
    with pytest.raises(ProxyRefused, match=why):
        decide(demo_ctx, "gtgsh", by_proxy(letter.letter_no, proxy=proxy), day=DAY)
    assert (count(demo_ctx, Application), count(demo_ctx, Case), count(demo_ctx, Notice)) == (0, 0, 0)
    decide(demo_ctx, "gtgsh", by_proxy(letter.letter_no), day=DAY)  # the proxy the letter names
    assert count(demo_ctx, Application) == 1
