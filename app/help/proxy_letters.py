"""委托书 at the center: drafted with its principal, proxy, matters, scope and validity (at most a
year) and printed to sign; in force for proxy submissions only once its signing is recorded;
revoked in writing. Letters and their matters are reference data that every workstation pulls, so
the window checks a proxy offline (app.help.proxy_rule); the printed PDF and the signed scan stay
here, for the dossier.

The letter carries full ID numbers, so reading one (or its PDF) is recorded (DESIGN §4 rule 6);
finding one by number or document shows them masked."""

import hashlib
from dataclasses import replace
from datetime import UTC, date, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.acceptance.applicant import enterprise_errors, person_errors
from app.acceptance.model import ApplicantKind, Person
from app.actor import Actor, Role
from app.authorizations.service import MAX_SCAN, scan_type
from app.clock import Clock
from app.errors import DomainError, FieldError, NotFound, ValidationFailed
from app.hall_settings.read import center_fields
from app.help.proxy_dto import DraftedLetter, LetterStatus, LetterView, NewProxyLetter
from app.help.proxy_rule import DRAFTED, REVOKED, SIGNED, letter_no_of
from app.identity import DocumentKind, mask_id
from app.notices.dto import DrawnNotice
from app.notices.issuing import NoticeIssuer
from app.uow import UnitOfWork
from db.models import Department, HelpRequest, Matter, ProxyLetter, ProxyLetterFile, Staff
from db.store import Store

STAFF = (Role.AGENT, Role.CLERK, Role.MANAGER)
KIND, PREFIX = "授权委托书", "WT"  # as its QR code names it, and its number's prefix
MAX_SCOPE = 500
# What a letter keeps as drafted, in its row's columns of the same names.
KEPT = (
    "request_id",
    "principal_kind",
    "principal_name",
    "principal_doc",
    "legal_rep",
    "proxy_name",
    "proxy_doc_no",
    "proxy_phone",
    "proxy_staff_no",
    "scope",
    "valid_from",
    "valid_to",
)


def cleaned(new: NewProxyLetter) -> NewProxyLetter:
    """As kept and printed: text trimmed, document numbers in capitals, a legal representative only
    for an enterprise."""
    trimmed: dict[str, Any] = {name: value.strip() for name, value in vars(new).items() if type(value) is str}
    new = replace(new, **trimmed)
    enterprise = new.principal_kind == ApplicantKind.ENTERPRISE
    return replace(
        new,
        principal_doc=new.principal_doc.upper(),
        proxy_doc_no=new.proxy_doc_no.upper(),
        legal_rep=new.legal_rep if enterprise else "",
    )


def year_after(d: date) -> date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return date(d.year + 1, 3, 1)


class ProxyLetterService:
    def __init__(self, store: Store, center_id: str, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()
        self.issuer = NoticeIssuer(store, center_id)

    # -- drafting ------------------------------------------------------------------------------

    def _errors(self, s: Session, new: NewProxyLetter) -> list[FieldError]:
        today = self.clock.today()
        errors = []
        if new.principal_kind == ApplicantKind.PERSON:
            principal = Person(new.principal_name, new.principal_doc_kind, new.principal_doc)
            errors += person_errors("principal", principal, today, phone_required=False)
        elif new.principal_kind == ApplicantKind.ENTERPRISE:
            errors += enterprise_errors(new.principal_name, new.principal_doc, ("principal.name", "principal.doc_no"))
            if len(new.legal_rep) < 2:
                errors.append(FieldError("legal_rep", "请填写法定代表人姓名。"))
        else:
            errors.append(FieldError("principal_kind", "委托人应为个人或企业。"))
        proxy = Person(new.proxy_name, new.proxy_doc_kind, new.proxy_doc_no, new.proxy_phone)
        errors += person_errors("proxy", proxy, today, phone_required=True)
        if proxy.doc_no and proxy.doc_no == new.principal_doc:
            errors.append(FieldError("proxy.doc_no", "受托人不能是委托人本人。"))
        errors += self._agent_errors(s, new)
        matters = set(s.scalars(select(Matter.id).where(Matter.id.in_(new.matter_ids))))
        if not new.matter_ids or matters != set(new.matter_ids):
            errors.append(FieldError("matters", "请选择委托办理的事项（须为事项目录中的事项）。"))
        if not new.scope or len(new.scope) > MAX_SCOPE:
            message = f"请填写委托权限（{MAX_SCOPE} 字以内），如：代为递交申请材料、签收文书。"
            errors.append(FieldError("scope", message))
        errors += self._validity_errors(new.valid_from, new.valid_to, today)
        if new.request_id is not None and s.get(HelpRequest, new.request_id) is None:
            errors.append(FieldError("request", "关联的帮办代办申请不存在。"))
        return errors

    def _agent_errors(self, s: Session, new: NewProxyLetter) -> list[FieldError]:
        staff_no = new.proxy_staff_no
        if not staff_no:
            return []
        agent = s.scalar(select(Staff).where(Staff.staff_no == staff_no, Staff.active.is_(True)))
        if agent is None or Role.AGENT not in {r.role for r in agent.roles}:
            return [FieldError("proxy.staff_no", f"工号 {staff_no} 不是在岗的帮办代办员。")]
        if new.proxy_name and agent.name != new.proxy_name:  # a missing name is said beside the name
            return [FieldError("proxy.staff_no", f"工号 {staff_no} 是 {agent.name}，与受托人姓名不符。")]
        return []

    def _validity_errors(self, valid_from: date | None, valid_to: date | None, today: date) -> list[FieldError]:
        if valid_from is None or valid_to is None:
            return [FieldError("valid", "请填写委托期限的起止日期。")]
        if valid_from < today:
            return [FieldError("valid", "委托期限不能早于今天开始。")]
        if valid_to < valid_from:
            return [FieldError("valid", "委托期限的截止日期不能早于起始日期。")]
        last = year_after(valid_from) - timedelta(days=1)
        if valid_to > last:
            return [FieldError("valid", f"委托期限最长一年：自 {valid_from:%Y-%m-%d} 起最晚至 {last:%Y-%m-%d}。")]
        return []

    def draft(self, actor: Actor, new: NewProxyLetter) -> DraftedLetter:
        """Checked, then numbered and drawn outside the write transaction (as notices are), then
        stored with its PDF: a failure in between only leaves a gap in the numbering."""
        from app.help.proxy_pdf import ProxyLetterFacts, render_proxy_letter  # reportlab loads on the first letter

        actor.require(*STAFF)
        new = cleaned(new)
        with self.store.sessions() as s:
            errors = self._errors(s, new)
            if errors:
                raise ValidationFailed(errors)
            matters = s.execute(
                select(Matter.code, Matter.name, Department.name)
                .join(Department, Matter.department_id == Department.id)
                .where(Matter.id.in_(new.matter_ids))
                .order_by(Matter.code)
            ).all()
        reserved = self.issuer.reserve(actor, KIND, PREFIX, self.clock.now())
        drafted_by = f"{actor.name}（{actor.staff_no}）"
        rows = tuple((code, name, department) for code, name, department in matters)

        def facts(s: Session, qr_text: str) -> ProxyLetterFacts:
            center = center_fields(s)
            center_name = center.center_name if center else ""
            return ProxyLetterFacts(reserved.notice_no, reserved.issued_at, center_name, new, rows, drafted_by, qr_text)

        drawn = self.issuer.draw(reserved, facts, render_proxy_letter)
        return DraftedLetter(self._store_draft(actor, new, drawn), drawn.notice_no, drawn.pdf)

    def _store_draft(self, actor: Actor, new: NewProxyLetter, drawn: DrawnNotice) -> str:
        """Stored as drawn, with its letter: a 委托书 belongs to no application, so it is kept beside
        the letter (ProxyLetterFile), not among the notices; the QR's signature is not kept (the
        number is what a window checks, against the letter on file)."""
        assert new.valid_from and new.valid_to, "a letter is stored once its dates are checked"
        letter_no, pdf, sha256 = drawn.notice_no, drawn.pdf, drawn.sha256
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            letter = ProxyLetter(
                **{name: getattr(new, name) for name in KEPT},
                letter_no=letter_no,
                proxy_doc_kind=new.proxy_doc_kind.value,
                status=DRAFTED,
                created_by=actor.staff_no,
                created_at=self.clock.utc_now(),
                matters=list(s.scalars(select(Matter).where(Matter.id.in_(new.matter_ids)))),
            )
            s.add(letter)
            s.flush()
            s.add(ProxyLetterFile(letter_id=letter.id, pdf=pdf, sha256=sha256))
            uow.record(
                "proxy_letter.drafted",
                "proxy_letter",
                letter.id,
                detail={
                    "letter_no": letter_no,
                    "principal": letter.principal_name,
                    "proxy": letter.proxy_name,
                    "matters": len(new.matter_ids),
                    "valid": [new.valid_from.isoformat(), new.valid_to.isoformat()],
                    "sha256": sha256,
                },
            )
            uow.commit()
            return letter.id

    # -- signing and revoking ------------------------------------------------------------------

    def record_signed(self, actor: Actor, letter_id: str, signed_on: date | None, scan: bytes | None = None) -> None:
        """From now on the letter allows proxy submissions (once workstations have pulled it)."""
        actor.require(*STAFF)
        today = self.clock.today()
        with UnitOfWork(self.store, actor, self.clock) as uow:
            letter = self._letter(uow.session, letter_id, lock=True)
            if letter.status != DRAFTED:
                raise DomainError(f"委托书 {letter.letter_no} 当前为“{letter.status}”，不能登记签署。")
            errors = []
            drafted_on = letter.created_at.replace(tzinfo=UTC).astimezone().date()  # kept in UTC, as every row
            if signed_on is None or signed_on > today or signed_on < drafted_on:
                errors.append(FieldError("signed_on", "签署日期须在出具委托书之日与今天之间。"))
            elif signed_on > letter.valid_to:
                errors.append(FieldError("signed_on", "签署时委托期限已过，请重新出具委托书。"))
            if scan and (len(scan) > MAX_SCAN or scan_type(scan) is None):
                message = f"签署件扫描件须为 {MAX_SCAN // 2**20} MB 以内的 PDF、PNG 或 JPG 文件。"
                errors.append(FieldError("scan", message))
            if errors:
                raise ValidationFailed(errors)
            assert signed_on is not None, "refused above when missing"
            letter.status, letter.signed_on = SIGNED, signed_on
            stored = uow.session.get_one(ProxyLetterFile, letter.id)
            stored.scan = scan or None
            uow.record(
                "proxy_letter.signed",
                "proxy_letter",
                letter.id,
                detail={
                    "letter_no": letter.letter_no,
                    "signed_on": signed_on.isoformat(),
                    "scan_sha256": hashlib.sha256(scan).hexdigest() if scan else "",
                },
            )
            uow.commit()

    def revoke(self, actor: Actor, letter_id: str, reason: str) -> None:
        """The principal withdraws it in writing (or a draft is voided): no proxy submission under
        it from now on, at the window once pulled, and at the center at once."""
        actor.require(*STAFF)
        reason = reason.strip()
        if not reason:
            raise ValidationFailed([FieldError("reason", "请填写撤销委托的原因。")])
        with UnitOfWork(self.store, actor, self.clock) as uow:
            letter = self._letter(uow.session, letter_id, lock=True)
            if letter.status == REVOKED:
                raise DomainError(f"委托书 {letter.letter_no} 已撤销。")
            letter.status, letter.revoked_on = REVOKED, self.clock.today()
            detail = {"letter_no": letter.letter_no}
            uow.record("proxy_letter.revoked", "proxy_letter", letter.id, reason=reason, detail=detail)
            uow.commit()

    # -- reading -------------------------------------------------------------------------------

    def letter(self, actor: Actor, letter_id: str) -> LetterView:
        """The whole letter, with full ID numbers: the read is recorded."""
        actor.require(*STAFF)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            letter = self._letter(uow.session, letter_id)
            view = _view(letter, uow.session.get(ProxyLetterFile, letter.id))
            uow.record("proxy_letter.viewed", "proxy_letter", letter.id)
            uow.commit()
        return view

    def pdf(self, actor: Actor, letter_id: str) -> bytes:
        """The letter as printed to sign (to print it again): the read is recorded."""
        actor.require(*STAFF)
        with UnitOfWork(self.store, actor, self.clock) as uow:
            letter = self._letter(uow.session, letter_id)
            pdf = uow.session.get_one(ProxyLetterFile, letter.id).pdf
            uow.record("proxy_letter.printed", "proxy_letter", letter.id)
            uow.commit()
        return pdf

    def find(self, actor: Actor, text: str) -> list[LetterView]:
        """By the letter's number (typed or its QR scanned), or the principal's ID number or credit
        code; newest first, with the ID numbers masked."""
        actor.require(*STAFF)
        key = letter_no_of(text)
        if not key:
            return []
        with self.store.sessions() as s:
            found = s.scalars(
                select(ProxyLetter)
                .where(or_(ProxyLetter.letter_no == key, ProxyLetter.principal_doc == key))
                .order_by(ProxyLetter.created_at.desc())
            ).all()
            return [_masked(_view(letter, s.get(ProxyLetterFile, letter.id))) for letter in found]

    def _letter(self, s: Session, letter_id: str, lock: bool = False) -> ProxyLetter:
        letter = s.get(ProxyLetter, letter_id, with_for_update=lock)
        if letter is None:
            raise NotFound("没有这份委托书。")
        return letter


def _view(letter: ProxyLetter, stored: ProxyLetterFile | None) -> LetterView:
    return LetterView(
        letter.id,
        letter.letter_no,
        LetterStatus(letter.status),
        ApplicantKind(letter.principal_kind),
        letter.principal_name,
        letter.principal_doc,
        letter.legal_rep,
        letter.proxy_name,
        DocumentKind(letter.proxy_doc_kind),
        letter.proxy_doc_no,
        letter.proxy_phone,
        letter.proxy_staff_no,
        tuple((m.code, m.name) for m in sorted(letter.matters, key=lambda m: m.code)),
        letter.scope,
        letter.valid_from,
        letter.valid_to,
        letter.signed_on,
        letter.request_id,
        letter.created_by,
        bool(stored and stored.scan),
    )


def _masked(view: LetterView) -> LetterView:
    enterprise = view.principal_kind == ApplicantKind.ENTERPRISE  # a credit code is public
    principal_doc = view.principal_doc if enterprise else mask_id(view.principal_doc)
    return replace(view, principal_doc=principal_doc, proxy_doc_no=mask_id(view.proxy_doc_no))
