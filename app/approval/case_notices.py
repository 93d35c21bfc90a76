"""Notices the center issues on a case after acceptance: 特殊环节告知书, 延期告知书, 准予 / 不予许可
决定书 and 送达回证. Numbered in the center's own series, signed with the center's key, stored as
issued like every notice (app.notices.issuing).

As at the window, the number is reserved and the PDF drawn before the write transaction, so no
lock is held while drawing; the caller writes the notice in the same unit of work as the change
it records (a crash in between only leaves a gap in the numbering)."""

from dataclasses import replace

from sqlalchemy.orm import Session

from app.acceptance.applicant import applicant_from_json
from app.actor import Actor
from app.clock import Clock
from app.hall_settings.fields import SealKind
from app.hall_settings.read import letterhead
from app.notices.dto import DrawnNotice, IssuedNotice
from app.notices.issuing import NoticeIssuer
from app.notices.kinds import NOTICE_PREFIX, NoticeKind
from db.models import Application, Case, Department, Matter, MatterVersion
from db.store import Store


class CaseNotices:
    def __init__(self, store: Store, center_id: str, clock: Clock):
        self.store = store
        self.issuer = NoticeIssuer(store, center_id)
        self.clock = clock

    def draft(self, actor: Actor, case_id: str, kind: NoticeKind, **details) -> DrawnNotice:
        """details: the fields of CaseNoticeFacts that this kind needs (opinion, step_kind, …)."""
        from app.approval.notice_text import CaseNoticeFacts, build_case_notice  # reportlab on first use
        from app.documents.notice_pdf import render_notice

        with self.store.sessions() as s:
            case_no = s.get_one(Case, case_id).case_no
        reserved = self.issuer.reserve(actor, kind.value, NOTICE_PREFIX[kind], self.clock.now(), cases=(case_no,))

        def facts(s: Session, qr_text: str) -> CaseNoticeFacts:
            case = s.get_one(Case, case_id)
            application = s.get_one(Application, case.application_id)
            version = s.get_one(MatterVersion, case.matter_version_id)
            department = s.get_one(Department, s.get_one(Matter, case.matter_id).department_id)
            return CaseNoticeFacts(
                kind=kind,
                notice_no=reserved.notice_no,
                issued_at=reserved.issued_at,
                applicant=applicant_from_json(application.applicant),
                case_no=case.case_no,
                matter_name=version.name,
                department=department.name,
                letterhead=letterhead(s, department, SealKind.APPROVAL),
                contact_phone=department.phone or version.contact_phone,
                accepted_on=case.accepted_on,
                staff=f"{actor.name}（{actor.staff_no}）",
                window_no=actor.window_no,
                qr_text=qr_text,
                matter_type=version.matter_type,
                legal_basis=version.legal_basis,
            )

        return self.issuer.draw(reserved, facts, lambda f: render_notice(build_case_notice(replace(f, **details))))

    def write(self, s: Session, actor: Actor, case: Case, draft: DrawnNotice) -> IssuedNotice:
        return self.issuer.issue(s, actor, draft, case.application_id)
