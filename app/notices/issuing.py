"""Issuing a notice, in the order every issuer follows:

1. reserve: the notice's number (and the numbers of the cases it opens) in one short write
   transaction of its own, before anything is drawn;
2. draw: sign what the QR code carries with the issuer's key, gather the notice's facts in a read
   session, and render the PDF after that session is closed: no lock is held while drawing;
3. issue: the caller writes the drawn notice as issued inside the unit of work that records the
   change it belongs to, so the notice, the change, the audit row and the outbox commit together.

A failure after the reservation only leaves a gap in the numbering: nothing half-issued is kept."""

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from app.actor import Actor
from app.notices import numbering, qr
from app.notices.dto import DrawnNotice, IssuedNotice, Reserved
from app.notices.kinds import NoticeKind
from app.uow import UnitOfWork
from app.workstation import private_key
from db.models import Notice
from db.store import Store

Facts = TypeVar("Facts")


class NoticeIssuer:
    """issuer_id: the workstation (or the center, numbering.CENTER_ID) whose series numbers the
    notices and whose key signs them."""

    def __init__(self, store: Store, issuer_id: str):
        self.store = store
        self.issuer_id = issuer_id

    def reserve(
        self,
        actor: Actor,
        kind: str,
        prefix: str,
        issued_at: datetime,
        *,
        cases: tuple[str, ...] = (),
        case_years: Sequence[int] = (),
    ) -> Reserved:
        """cases: the numbers of existing cases the notice covers; case_years: one new case number is
        reserved per entry (the year each case is accepted in), in the same transaction."""
        with UnitOfWork(self.store, actor) as uow:
            new_cases = tuple(numbering.case_no(uow.session, self.issuer_id, year) for year in case_years)
            notice_no = numbering.notice_no(uow.session, self.issuer_id, prefix, issued_at.year)
            uow.commit()
        return Reserved(kind, notice_no, issued_at, cases + new_cases)

    def draw(
        self,
        reserved: Reserved,
        facts: Callable[[Session, str], Facts],
        render: Callable[[Facts], bytes],
    ) -> DrawnNotice:
        """facts(session, qr_text): what the notice prints, read in the same session the QR is signed
        in; render(facts): the PDF, drawn once that session is closed."""
        content = qr.QrContent(
            reserved.notice_no,
            reserved.case_nos,
            reserved.kind,
            f"{reserved.issued_at:%Y%m%d}",
            self.issuer_id,
        )
        with self.store.sessions() as s:
            qr_text, signature = qr.encode(content, private_key(s, self.issuer_id))
            gathered = facts(s, qr_text)
        pdf = render(gathered)
        return DrawnNotice(
            reserved.kind,
            reserved.notice_no,
            reserved.issued_at,
            reserved.case_nos,
            pdf,
            hashlib.sha256(pdf).hexdigest(),
            signature,
        )

    def issue(self, s: Session, actor: Actor, drawn: DrawnNotice, application_id: str) -> IssuedNotice:
        """In the caller's unit of work. The stored notice never changes afterwards (the database
        refuses updates); a reprint reads it back (app.notices.service)."""
        notice = Notice(
            notice_no=drawn.notice_no,
            kind=drawn.kind,
            application_id=application_id,
            case_no=",".join(drawn.case_nos) or None,
            issued_at=drawn.issued_at,
            staff_no=actor.staff_no,
            window_no=actor.window_no,
            workstation_id=self.issuer_id,
            pdf=drawn.pdf,
            sha256=drawn.sha256,
            signature=drawn.signature,
        )
        s.add(notice)
        s.flush()
        return IssuedNotice(notice.id, notice.notice_no, NoticeKind(notice.kind), notice.pdf, notice.sha256)
