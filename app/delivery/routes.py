"""Delivery of decided cases at the center: the results waiting at the comprehensive window,
collection against a 送达回证, mailing with a tracking number and the carrier's answer."""

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.actor import Actor
from app.delivery.dto import DeliveryRow, Mailing, Receipt
from app.delivery.service import DeliveryService
from app.web.caller import PERSON


class CollectRequest(BaseModel):
    recipient: str = Field(max_length=120)
    recipient_doc: str = Field(max_length=40)


class MailRequest(BaseModel):
    recipient: str = Field(max_length=120)
    phone: str = Field(max_length=40)
    address: str = Field(max_length=300)
    carrier: str = Field(max_length=40)
    tracking_no: str = Field(max_length=40)


class MailResultRequest(BaseModel):
    received: bool
    on: date
    note: str = Field(default="", max_length=500)


def delivery_router(deliveries: DeliveryService) -> APIRouter:
    router = APIRouter(prefix="/v1/delivery")

    @router.get("")
    def pending(actor: Actor = PERSON) -> list[DeliveryRow]:
        return deliveries.pending(actor)

    @router.post("/{case_id}/collect")
    def collect(case_id: str, body: CollectRequest, actor: Actor = PERSON) -> Receipt:
        return Receipt(deliveries.collect(actor, case_id, body.recipient, body.recipient_doc))

    @router.post("/{case_id}/mail")
    def mail(case_id: str, body: MailRequest, actor: Actor = PERSON) -> Receipt:
        mailing = Mailing(body.recipient, body.phone, body.address, body.carrier, body.tracking_no)
        return Receipt(deliveries.mail(actor, case_id, mailing))

    @router.post("/{case_id}/mail-result")
    def mail_result(case_id: str, body: MailResultRequest, actor: Actor = PERSON) -> None:
        deliveries.mail_result(actor, case_id, body.received, body.on, body.note)

    return router
