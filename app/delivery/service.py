"""Delivering the result of a decided case (综合窗口出件 or mail), due within 10 working days of the
decision (ALL art. 44). The applicant collects it at the comprehensive window and signs a 送达回证,
or it is mailed with a tracking number (the 送达回证 goes in the envelope) and its arrival or
return is recorded. Kept at the center, beside the decision."""

import re
from datetime import date, datetime
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.actor import Actor, Role
from app.approval.case_notices import CaseNotices
from app.approval.deadlines import DueWarning, days_left, warning
from app.approval.service import AWAITING_DELIVERY, ApprovalRefused
from app.catalog.regime import printed_title
from app.clock import Clock
from app.delivery.dto import DeliveryRow, DeliveryStatus, Mailing
from app.errors import FieldError, ValidationFailed
from app.identity import check_phone, mask_id
from app.notices.dto import DrawnNotice
from app.notices.kinds import NoticeKind
from app.uow import UnitOfWork, found
from app.workdays import WorkCalendar
from db.models import Application, Case, Delivery, MatterVersion, Notice
from db.store import Store

AT_WINDOW, BY_MAIL = "窗口领取", "邮寄"
COLLECTED, MAILED, RECEIVED, RETURNED = (
    DeliveryStatus.COLLECTED,
    DeliveryStatus.MAILED,
    DeliveryStatus.RECEIVED,
    DeliveryStatus.RETURNED,
)
CARRIERS = ("中国邮政 EMS", "顺丰速运", "京东物流", "中通快递", "圆通速递")
OPEN_STATUSES = (AWAITING_DELIVERY, MAILED, RETURNED)
_TRACKING = re.compile(r"^[A-Za-z0-9]{8,30}$")


def mailing_errors(m: Mailing) -> list[FieldError]:
    errors = []
    if not m.recipient.strip():
        errors.append(FieldError("recipient", "请填写收件人。"))
    phone = check_phone(m.phone.strip())
    if phone:
        errors.append(FieldError("phone", phone))
    if len(m.address.strip()) < 8:
        errors.append(FieldError("address", "请填写完整的邮寄地址（省市县、街道门牌）。"))
    if not m.carrier.strip():
        errors.append(FieldError("carrier", "请选择寄递企业。"))
    if not _TRACKING.match(m.tracking_no.strip()):
        errors.append(FieldError("tracking_no", "快递单号应为 8～30 位字母或数字。"))
    return errors


class DeliveryService:
    def __init__(self, store: Store, center_id: str, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()
        self.notices = CaseNotices(store, center_id, self.clock)

    def pending(self, actor: Actor) -> list[DeliveryRow]:
        """Results still to hand over, mailed ones not yet signed for, and returned mail; the
        most urgent first."""
        actor.require(Role.CLERK, Role.MANAGER)
        today = self.clock.today()
        with self.store.sessions() as s:
            cal = WorkCalendar.load(s)
            found = s.execute(
                select(Delivery, Case.case_no, Case.decision, Case.decided_at, MatterVersion.name)
                .join(Case, Delivery.case_id == Case.id)
                .join(MatterVersion, Case.matter_version_id == MatterVersion.id)
                .where(Delivery.status.in_(OPEN_STATUSES))
            ).all()
            names = dict(
                s.execute(
                    select(Case.id, Application.applicant_name)
                    .join(Application, Case.application_id == Application.id)
                    .where(Case.id.in_([d.case_id for d, *_ in found]))
                ).all()
            )
            rows = [  # a case has its delivery once it is decided: decided_at is set
                self._row(d, no, decision, cast(datetime, at).date(), matter, names[d.case_id], cal, today)
                for d, no, decision, at, matter in found
            ]
        return sorted(rows, key=lambda r: (r.status == MAILED, r.due_on, r.case_no))

    @staticmethod
    def _row(d: Delivery, case_no, decision, decided_on, matter, applicant, cal, today) -> DeliveryRow:
        left = days_left(cal, today, d.due_on)
        handed = d.status in (COLLECTED, MAILED, RECEIVED)  # returned mail is due again
        return DeliveryRow(
            d.case_id,
            case_no,
            matter,
            applicant,
            decision,
            decided_on,
            d.due_on,
            left,
            DueWarning.NONE if handed else warning(left),
            DeliveryStatus(d.status),
            d.method,
            d.recipient,
            d.carrier,
            d.tracking_no,
            d.sent_on,
            d.delivered_on,
            d.decision_notice_id,
            d.receipt_notice_id,
            d.note,
        )

    def _open(self, s: Session, case_id: str, lock: bool = False) -> tuple[Case, Delivery]:
        case = found(s, Case, case_id, "没有这个办件。")
        query = select(Delivery).where(Delivery.case_id == case_id)
        delivery = s.scalar(query.with_for_update() if lock else query)
        if delivery is None:
            raise ApprovalRefused("该办件尚未作出决定，没有可送达的结果。")
        if delivery.status not in (AWAITING_DELIVERY, RETURNED):
            raise ApprovalRefused(f"该办件的结果已{delivery.status}，不能重复送达。")
        return case, delivery

    def _receipt(self, actor: Actor, case_id: str, method: str, **details) -> DrawnNotice:
        """The 送达回证 for the decision, drawn before the write (app.approval.case_notices)."""
        with self.store.sessions() as s:
            case, delivery = self._open(s, case_id)
            notice = s.get_one(Notice, delivery.decision_notice_id)
            matter_type = s.get_one(MatterVersion, case.matter_version_id).matter_type
            document = f"{printed_title(NoticeKind(notice.kind), matter_type)}（{notice.notice_no}）"
        return self.notices.draft(
            actor, case_id, NoticeKind.SERVICE_RECEIPT, delivered_document=document, delivery_method=method, **details
        )

    def collect(self, actor: Actor, case_id: str, recipient: str, recipient_doc: str) -> str:
        """Handed over at the window: the recipient shows an identity document and signs the
        送达回证. Returns the receipt's notice id."""
        actor.require(Role.CLERK, Role.MANAGER)
        recipient, recipient_doc = recipient.strip(), recipient_doc.strip().upper()
        errors = []
        if not recipient:
            errors.append(FieldError("recipient", "请填写领取人姓名。"))
        if not re.match(r"^[A-Z0-9]{6,20}$", recipient_doc):
            errors.append(FieldError("recipient_doc", "请填写领取人的身份证件号码（6～20 位字母或数字）。"))
        if errors:
            raise ValidationFailed(errors)
        draft = self._receipt(actor, case_id, AT_WINDOW, recipient=recipient)
        return self._hand_over(actor, case_id, draft, AT_WINDOW, COLLECTED, recipient=recipient, doc=recipient_doc)

    def mail(self, actor: Actor, case_id: str, mailing: Mailing) -> str:
        """Sent by mail: the 送达回证 goes with it. Returns the receipt's notice id."""
        actor.require(Role.CLERK, Role.MANAGER)
        errors = mailing_errors(mailing)
        if errors:
            raise ValidationFailed(errors)
        draft = self._receipt(
            actor,
            case_id,
            BY_MAIL,
            recipient=mailing.recipient.strip(),
            address=mailing.address.strip(),
            carrier=mailing.carrier.strip(),
            tracking_no=mailing.tracking_no.strip().upper(),
        )
        return self._hand_over(actor, case_id, draft, BY_MAIL, MAILED, mailing=mailing)

    def _hand_over(
        self,
        actor: Actor,
        case_id: str,
        draft: DrawnNotice,
        method: str,
        status: str,
        recipient: str = "",
        doc: str = "",
        mailing: Mailing | None = None,
    ) -> str:
        today = self.clock.today()
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            case, delivery = self._open(s, case_id, lock=True)
            notice = self.notices.write(s, actor, case, draft)
            delivery.method, delivery.status, delivery.by = method, status, actor.staff_no
            delivery.receipt_notice_id = notice.id
            if mailing is None:
                delivery.recipient, delivery.recipient_doc, delivery.delivered_on = recipient, mask_id(doc), today
            else:
                delivery.recipient, delivery.phone = mailing.recipient.strip(), mailing.phone.strip()
                delivery.address, delivery.carrier = mailing.address.strip(), mailing.carrier.strip()
                delivery.tracking_no, delivery.sent_on = mailing.tracking_no.strip().upper(), today
            uow.record(
                "case.delivered" if mailing is None else "case.mailed",
                "case",
                case.id,
                detail={
                    "case": case.case_no,
                    "method": method,
                    "recipient": delivery.recipient,
                    "tracking_no": delivery.tracking_no,
                    "receipt": draft.notice_no,
                    "on_time": today <= delivery.due_on,
                },
            )
            uow.commit()
            return notice.id

    def mail_result(self, actor: Actor, case_id: str, received: bool, on: date, note: str = "") -> None:
        """The carrier's answer: signed for on that day, or returned (then it can be sent again
        or collected)."""
        actor.require(Role.CLERK, Role.MANAGER)
        note = note.strip()
        if not received and not note:
            raise ApprovalRefused("退回须注明原因（如地址不详、拒收）。")
        with UnitOfWork(self.store, actor, self.clock) as uow:
            s = uow.session
            delivery = s.scalar(select(Delivery).where(Delivery.case_id == case_id).with_for_update())
            if delivery is None or delivery.status != MAILED:
                raise ApprovalRefused("该办件没有已寄出待签收的邮件。")
            assert delivery.sent_on is not None, "mail is recorded with the day it was sent"
            if on < delivery.sent_on or on > self.clock.today():
                raise ApprovalRefused("签收或退回日期应在寄出之日与今天之间。")
            delivery.status = RECEIVED if received else RETURNED
            delivery.note = note
            if received:
                delivery.delivered_on = on
            uow.record(
                "case.mail_received" if received else "case.mail_returned",
                "case",
                case_id,
                reason=note,
                detail={"tracking_no": delivery.tracking_no, "on": on.isoformat()},
            )
            uow.commit()
