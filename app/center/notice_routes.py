"""Notices the center issued (decisions, special steps, extensions, receipts), fetched by the
client that prints them, and every print attempt recorded, as at the window."""

import base64

from fastapi import APIRouter, Depends
from pydantic import Field

from app.acceptance.service import AcceptanceService
from app.actor import Role
from app.approval.service import ApprovalService
from app.center.caller import Acting, workstation_id

STAFF = (Role.CLERK, Role.CHIEF, Role.REVIEWER, Role.MANAGER, Role.AGENT)


class PrintedRequest(Acting):
    ok: bool
    error: str = Field(default="", max_length=500)


def notice_router(approvals: ApprovalService, notices: AcceptanceService) -> APIRouter:
    router = APIRouter(prefix="/v1/notices")
    caller = Depends(workstation_id)  # a person at an enrolled workstation

    @router.get("/{notice_id}")
    def notice(notice_id: str, staff_no: str, workstation: str = caller) -> dict:
        approvals.actor_for(staff_no, workstation).require(*STAFF)
        found = notices.notice(notice_id)
        return {
            "id": found.id,
            "notice_no": found.notice_no,
            "kind": found.kind,
            "pdf": base64.b64encode(found.pdf).decode(),
            "printed_before": notices.printed_before(notice_id),
        }

    @router.post("/{notice_id}/printed")
    def printed(notice_id: str, body: PrintedRequest, workstation: str = caller) -> dict:
        actor = approvals.actor_for(body.staff_no, workstation)
        actor.require(*STAFF)
        notices.notice(notice_id)  # an unknown notice is refused, not recorded
        return {"reprint": notices.record_print(actor, notice_id, body.ok, body.error)}

    return router
