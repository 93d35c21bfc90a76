"""Checks of the numbers an applicant gives, each with a message in Chinese.

- 居民身份证号码 (GB 11643): 6-digit region, 8-digit birth date, 3-digit sequence, check
  character from the ISO 7064 MOD 11-2 sum. 港澳台居民居住证 use the same format.
- 统一社会信用代码 (GB 32100): 18 characters from a 31-letter alphabet (no I, O, S, V, Z);
  the last is a MOD 31 check character over the first 17.
- Passports and 港澳台 travel permits carry no check digit: only their shape is checked."""

import re
from datetime import date
from enum import StrEnum


class DocumentKind(StrEnum):
    ID_CARD = "居民身份证"
    RESIDENCE_PERMIT = "港澳台居民居住证"
    PASSPORT = "护照"
    HK_MACAO_PERMIT = "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "台湾居民来往大陆通行证"


_ID_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]
_ID_CHECK = "10X98765432"
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = [3**i % 31 for i in range(17)]
_SHAPES = {
    DocumentKind.PASSPORT: (re.compile(r"^[A-Z0-9]{5,17}$"), "护照号码应为 5–17 位字母或数字"),
    DocumentKind.HK_MACAO_PERMIT: (
        re.compile(r"^[HM]\d{8}(\d{2})?$"),
        "港澳通行证号码应为 H 或 M 开头加 8 位（或 10 位）数字",
    ),
    DocumentKind.TAIWAN_PERMIT: (re.compile(r"^\d{8}$"), "台湾居民来往大陆通行证号码应为 8 位数字"),
}
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def check_id_number(value: str, today: date | None = None) -> str | None:
    """None when valid, else why not."""
    v = value.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", v):
        return "身份证号码应为 18 位，前 17 位为数字，最后一位为数字或 X"
    try:
        born = date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return "身份证号码中的出生日期不存在"
    if born > (today or date.today()) or born.year < 1900:
        return "身份证号码中的出生日期不合理"
    if v[17] != id_check_char(v[:17]):
        return "身份证号码校验位不正确，请核对是否输错"
    return None


def credit_check_char(first17: str) -> str:
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


def check_credit_code(value: str) -> str | None:
    v = value.strip().upper()
    if len(v) != 18:
        return "统一社会信用代码应为 18 位"
    if any(c not in _CREDIT_ALPHABET for c in v):
        return "统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）"
    if not v[2:8].isdigit():
        return "统一社会信用代码第 3–8 位应为行政区划代码（数字）"
    if v[17] != credit_check_char(v[:17]):
        return "统一社会信用代码校验位不正确，请核对是否输错"
    return None


def check_document(kind: DocumentKind, value: str, today: date | None = None) -> str | None:
    if kind in (DocumentKind.ID_CARD, DocumentKind.RESIDENCE_PERMIT):
        problem = check_id_number(value, today)
        if problem is None and kind == DocumentKind.RESIDENCE_PERMIT and value[:2] not in ("81", "82", "83"):
            return "港澳台居民居住证号码应以 81、82 或 83 开头"
        return problem
    pattern, message = _SHAPES[kind]
    return None if pattern.fullmatch(value.strip().upper()) else message


def check_phone(value: str) -> str | None:
    v = value.strip().replace(" ", "")
    if _MOBILE.fullmatch(v) or _LANDLINE.fullmatch(v):
        return None
    return "联系电话应为 11 位手机号或带区号的固定电话（如 0377-69211001）"


def mask_id(value: str) -> str:
    """For anyone but the holder: keep the region and the last four, hide the birth date."""
    v = value.strip()
    return v[:6] + "*" * (len(v) - 10) + v[-4:] if len(v) > 10 else v[:1] + "*" * (len(v) - 1)


def mask_name(name: str) -> str:
    return name[:1] + "*" * (len(name) - 1) if name else name
