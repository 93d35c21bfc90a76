"""Checking and storing the applicant: every field's problem is named beside the field."""

import json
from dataclasses import asdict
from datetime import date

from app.acceptance.model import Applicant, ApplicantKind, Person
from app.errors import FieldError
from app.identity import DocumentKind, check_credit_code, check_document, check_phone


def person_errors(prefix: str, p: Person, today: date, phone_required: bool) -> list[FieldError]:
    errors = []
    if len(p.name.strip()) < 2:
        errors.append(FieldError(f"{prefix}.name", "请填写姓名（至少 2 个字）。"))
    problem = check_document(p.doc_kind, p.doc_no, today) if p.doc_no.strip() else "请填写证件号码。"
    if problem:
        errors.append(FieldError(f"{prefix}.doc_no", problem))
    if p.phone.strip() or phone_required:
        problem = check_phone(p.phone) if p.phone.strip() else "请填写联系电话。"
        if problem:
            errors.append(FieldError(f"{prefix}.phone", problem))
    return errors


def enterprise_errors(
    name: str, credit_code: str, fields: tuple[str, str] = ("enterprise_name", "credit_code")
) -> list[FieldError]:
    """fields: where the name's and the code's messages go."""
    errors = []
    if len(name.strip()) < 2:
        errors.append(FieldError(fields[0], "请填写企业（单位）名称。"))
    problem = check_credit_code(credit_code) if credit_code.strip() else "请填写统一社会信用代码。"
    if problem:
        errors.append(FieldError(fields[1], problem))
    return errors


def applicant_errors(a: Applicant, today: date) -> list[FieldError]:
    errors = person_errors("person", a.person, today, phone_required=a.proxy is None)
    if a.kind == ApplicantKind.ENTERPRISE:
        errors += enterprise_errors(a.enterprise_name, a.credit_code)
    if a.proxy is not None:
        errors += person_errors("proxy", a.proxy, today, phone_required=True)
    return errors


def applicant_to_json(a: Applicant) -> str:
    return json.dumps(asdict(a), ensure_ascii=False)


def _person(d: dict) -> Person:
    return Person(d["name"], DocumentKind(d["doc_kind"]), d["doc_no"], d.get("phone", ""))


def applicant_from_json(text: str) -> Applicant:
    d = json.loads(text)
    return Applicant(
        ApplicantKind(d["kind"]),
        _person(d["person"]),
        d.get("enterprise_name", ""),
        d.get("credit_code", ""),
        None if d.get("proxy") is None else _person(d["proxy"]),
        d.get("proxy_letter_no", ""),
    )
