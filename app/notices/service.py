"""Notices once issued: read back as stored, every print attempt recorded (a print after a
successful one is a reprint, 补打), the list of notices never printed, and a scanned QR code
verified with the issuer's key."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor
from app.notices import qr
from app.notices.dto import IssuedNotice
from app.notices.kinds import NoticeKind
from app.uow import UnitOfWork, found
from db.models import Notice, NoticePrint, Workstation
from db.store import Store


def _issued(n: Notice) -> IssuedNotice:
    return IssuedNotice(n.id, n.notice_no, NoticeKind(n.kind), n.pdf, n.sha256)


def _printed(s: Session, notice_id: str) -> bool:
    query = select(NoticePrint.id).where(NoticePrint.notice_id == notice_id, NoticePrint.ok.is_(True)).limit(1)
    return s.scalar(query) is not None


class NoticeService:
    def __init__(self, store: Store):
        self.store = store

    def notice(self, notice_id: str) -> IssuedNotice:
        with self.store.sessions() as s:
            return _issued(found(s, Notice, notice_id, "文书不存在。"))

    def record_print(self, actor: Actor, notice_id: str, ok: bool, error: str = "") -> bool:
        """Returns whether this print is a reprint (补打): the notice was printed before."""
        with UnitOfWork(self.store, actor) as uow:
            s = uow.session
            reprint = _printed(s, notice_id)
            s.add(NoticePrint(notice_id=notice_id, staff_no=actor.staff_no, reprint=reprint, ok=ok, error=error))
            uow.record(
                "notice.printed" if ok else "notice.print_failed",
                "notice",
                notice_id,
                reason=error,
                detail={"reprint": reprint},
            )
            uow.commit()
        return reprint

    def printed_before(self, notice_id: str) -> bool:
        with self.store.sessions() as s:
            return _printed(s, notice_id)

    def unprinted(self) -> list[IssuedNotice]:
        """Notices never printed successfully: the reprint list."""
        with self.store.sessions() as s:
            printed = select(NoticePrint.notice_id).where(NoticePrint.ok.is_(True))
            query = select(Notice).where(Notice.id.not_in(printed)).order_by(Notice.issued_at)
            return [_issued(n) for n in s.scalars(query)]

    def verify_qr(self, text: str) -> qr.QrContent | None:
        """What a scanned notice QR says, when its signature verifies with the issuer's key."""
        decoded = qr.decode(text)
        if decoded is None:
            return None
        with self.store.sessions() as s:
            ws = s.get(Workstation, decoded[0].workstation_id)
            if ws is None or not ws.public_key:
                return None
            return qr.verify(text, ws.public_key)
