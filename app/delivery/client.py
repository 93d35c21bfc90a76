"""Delivery as a workstation reaches it at the center (where cases are decided and delivered)."""

from datetime import date

from app.approval.service import ApprovalRefused
from app.center_client import CenterClient
from app.delivery.dto import DeliveryRow, Mailing, Receipt
from app.web import wire


class DeliveryClient(CenterClient, prefix="/v1/delivery", refused=ApprovalRefused, service="结果送达"):
    """app.delivery.dto.Deliveries over HTTP."""

    def pending(self) -> list[DeliveryRow]:
        return self._call(list[DeliveryRow], "GET", "")

    def collect(self, case_id: str, recipient: str, recipient_doc: str) -> str:
        body = {"recipient": recipient, "recipient_doc": recipient_doc}
        return self._call(Receipt, "POST", f"/{case_id}/collect", json=body).receipt_notice_id

    def mail(self, case_id: str, mailing: Mailing) -> str:
        return self._call(Receipt, "POST", f"/{case_id}/mail", json=wire.encode(mailing)).receipt_notice_id

    def mail_result(self, case_id: str, received: bool, on: date, note: str = "") -> None:
        body = {"received": received, "on": on.isoformat(), "note": note}
        self._request("POST", f"/{case_id}/mail-result", json=body)
