"""Notices the center issues on a case after acceptance: 特殊环节告知书, 延期告知书, 准予 / 不予许可
决定书 and 送达回证. Numbered in the center's own series, signed with the center's key, stored as
issued like every notice.

As at the window, the number is reserved and the PDF drawn before the write transaction, so no
lock is held while drawing; the caller writes the notice in the same unit of work as the change
it records (a crash in between only leaves a gap in the numbering)."""

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from app.acceptance import numbering, qr
from app.acceptance.applicant import applicant_from_json
from app.acceptance.model import NOTICE_PREFIX, NoticeKind
from app.actor import Actor
from app.clock import Clock
from app.hall_settings.fields import SealKind
from app.hall_settings.read import letterhead
from app.uow import UnitOfWork
from app.workstation import private_key
from db.models import Application, Case, Department, Matter, MatterVersion, Notice
from db.store import Store


@dataclass(frozen=True)
class DraftNotice:
    """Reserved, drawn, not yet stored."""

    kind: NoticeKind
    notice_no: str
    issued_at: datetime
    case_no: str
    pdf: bytes
    sha256: str
    signature: str


class CaseNotices:
    def __init__(self, store: Store, center_id: str, clock: Clock):
        self.store = store
        self.center_id = center_id
        self.clock = clock

    def draft(self, actor: Actor, case_id: str, kind: NoticeKind, **details) -> DraftNotice:
        """details: the fields of CaseNoticeFacts that this kind needs (opinion, step_kind, …)."""
        from app.approval.notice_text import CaseNoticeFacts, build_case_notice  # reportlab on first use
        from app.documents.notice_pdf import render_notice

        issued_at = self.clock.now()
        with UnitOfWork(self.store, actor) as uow:
            notice_no = numbering.notice_no(uow.session, self.center_id, NOTICE_PREFIX[kind], issued_at.year)
            uow.commit()
        with self.store.sessions() as s:
            case = s.get_one(Case, case_id)
            application = s.get_one(Application, case.application_id)
            version = s.get_one(MatterVersion, case.matter_version_id)
            department = s.get_one(Department, s.get_one(Matter, case.matter_id).department_id)
            content = qr.QrContent(notice_no, (case.case_no,), kind.value, f"{issued_at:%Y%m%d}", self.center_id)
            qr_text, signature = qr.encode(content, private_key(s, self.center_id))
            facts = CaseNoticeFacts(
                kind=kind,
                notice_no=notice_no,
                issued_at=issued_at,
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
            case_no = case.case_no
        pdf = render_notice(build_case_notice(replace(facts, **details)))
        return DraftNotice(kind, notice_no, issued_at, case_no, pdf, hashlib.sha256(pdf).hexdigest(), signature)

    def write(self, s: Session, actor: Actor, case: Case, draft: DraftNotice) -> Notice:
        notice = Notice(
            notice_no=draft.notice_no,
            kind=draft.kind.value,
            application_id=case.application_id,
            case_no=case.case_no,
            issued_at=draft.issued_at,
            staff_no=actor.staff_no,
            window_no=actor.window_no,
            workstation_id=self.center_id,
            pdf=draft.pdf,
            sha256=draft.sha256,
            signature=draft.signature,
        )
        s.add(notice)
        s.flush()
        return notice
