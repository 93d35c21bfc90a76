"""Delivery of decided cases at the center: the results waiting at the comprehensive window,
collection against a 送达回证, mailing with a tracking number and the carrier's answer."""

from datetime import date

from fastapi import APIRouter, Depends
from pydantic import Field

from app.approval.delivery import DeliveryService, Mailing
from app.approval.service import ApprovalService
from app.center.caller import Acting, workstation_id


class CollectRequest(Acting):
    recipient: str = Field(max_length=120)
    recipient_doc: str = Field(max_length=40)


class MailRequest(Acting):
    recipient: str = Field(max_length=120)
    phone: str = Field(max_length=40)
    address: str = Field(max_length=300)
    carrier: str = Field(max_length=40)
    tracking_no: str = Field(max_length=40)


class MailResultRequest(Acting):
    received: bool
    on: date
    note: str = Field(default="", max_length=500)


def delivery_router(approvals: ApprovalService, deliveries: DeliveryService) -> APIRouter:
    router = APIRouter(prefix="/v1/delivery")
    caller = Depends(workstation_id)  # a person at an enrolled workstation

    @router.get("")
    def pending(staff_no: str, workstation: str = caller) -> list[dict]:
        return [row.__dict__ for row in deliveries.pending(approvals.actor_for(staff_no, workstation))]

    @router.post("/{case_id}/collect")
    def collect(case_id: str, body: CollectRequest, workstation: str = caller) -> dict:
        actor = approvals.actor_for(body.staff_no, workstation)
        return {"receipt_notice_id": deliveries.collect(actor, case_id, body.recipient, body.recipient_doc)}

    @router.post("/{case_id}/mail")
    def mail(case_id: str, body: MailRequest, workstation: str = caller) -> dict:
        actor = approvals.actor_for(body.staff_no, workstation)
        mailing = Mailing(body.recipient, body.phone, body.address, body.carrier, body.tracking_no)
        return {"receipt_notice_id": deliveries.mail(actor, case_id, mailing)}

    @router.post("/{case_id}/mail-result")
    def mail_result(case_id: str, body: MailResultRequest, workstation: str = caller) -> dict:
        actor = approvals.actor_for(body.staff_no, workstation)
        deliveries.mail_result(actor, case_id, body.received, body.on, body.note)
        return {"ok": True}

    return router
