"""Validators against known valid and invalid numbers (published examples, not self-generated)."""

from datetime import date

import pytest

from app.identity import DocumentKind, check_credit_code, check_document, check_id_number, check_phone, mask_id

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("number", ["11010519491231002X", "11010519491231002x"])
def test_valid_id_numbers(number):
    assert check_id_number(number, TODAY) is None


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("110105194912310021", "校验位"),  # last character changed
        ("11010519491231002", "18 位"),
        ("11010519491331002X", "出生日期不存在"),  # month 13
        ("110105202712310028", "出生日期不合理"),  # born in the future
        ("1101051949123100AX", "18 位"),
    ],
)
def test_invalid_id_numbers(number, why):
    assert why in check_id_number(number, TODAY)


@pytest.mark.parametrize(
    "code", ["91310110666007217T", "91350100M000100Y43", "91230184MA1BUFLT44", "91310115591693856A"]
)
def test_valid_credit_codes(code):
    assert check_credit_code(code) is None


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("91350100M000100Y4A", "校验位"),
        ("91350211M00013FA1N", "校验位"),  # an early pilot code that does not follow the standard
        ("91310110666007217", "18 位"),
        ("9131011066600721IT", "不允许的字符"),
    ],
)
def test_invalid_credit_codes(code, why):
    assert why in check_credit_code(code)


def test_travel_documents_have_shapes_only():
    assert check_document(DocumentKind.PASSPORT, "E12345678") is None
    assert check_document(DocumentKind.HK_MACAO_PERMIT, "H12345678") is None
    assert check_document(DocumentKind.TAIWAN_PERMIT, "12345678") is None
    assert "H 或 M" in check_document(DocumentKind.HK_MACAO_PERMIT, "X12345678")
    assert "81、82 或 83" in check_document(DocumentKind.RESIDENCE_PERMIT, "11010519491231002X", TODAY)


@pytest.mark.parametrize(
    ("phone", "ok"), [("13912345678", True), ("0377-69211001", True), ("12345", False), ("23912345678", False)]
)
def test_phones(phone, ok):
    assert (check_phone(phone) is None) == ok


def test_masking_hides_the_birth_date():
    assert mask_id("11010519491231002X") == "110105********002X"
