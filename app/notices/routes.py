"""Notices the center issued (decisions, special steps, extensions, receipts), fetched by the
client that prints them, and every print attempt recorded, as at the window."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.actor import Actor, Role
from app.notices.dto import NoticeToPrint, PrintRecorded
from app.notices.service import NoticeService
from app.web.caller import PERSON

STAFF = (Role.CLERK, Role.CHIEF, Role.REVIEWER, Role.MANAGER, Role.AGENT)


class PrintedRequest(BaseModel):
    ok: bool
    error: str = Field(default="", max_length=500)


def notice_router(notices: NoticeService) -> APIRouter:
    router = APIRouter(prefix="/v1/notices")

    @router.get("/{notice_id}")
    def notice(notice_id: str, actor: Actor = PERSON) -> NoticeToPrint:
        actor.require(*STAFF)
        found = notices.notice(notice_id)
        return NoticeToPrint(found.id, found.notice_no, found.kind, found.pdf, notices.printed_before(notice_id))

    @router.post("/{notice_id}/printed")
    def printed(notice_id: str, body: PrintedRequest, actor: Actor = PERSON) -> PrintRecorded:
        actor.require(*STAFF)
        notices.notice(notice_id)  # an unknown notice is refused, not recorded
        return PrintRecorded(notices.record_print(actor, notice_id, body.ok, body.error))

    return router
