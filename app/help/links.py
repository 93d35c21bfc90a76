"""A proxy submission fills in the help request behind it: when the center applies a workstation's
application made under a 委托书 that belongs to a help request, each case accepted for a matter of
that request's plan is linked to its item, in the same transaction as the case arrives."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.help.followup import linked
from db.models import HelpItem, ProxyLetter


def link_proxy_cases(s: Session, rows: list[dict], by: str, clock: Clock) -> int:
    """rows: one applied mutation's rows. Returns how many plan items were linked."""
    letters = {
        row["v"]["id"]: row["v"]["proxy_letter_id"]
        for row in rows
        if row["t"] == "applications" and row["v"].get("proxy_letter_id")
    }
    if not letters:
        return 0
    requests: dict[str | None, str | None] = dict(  # looked up by an optional letter id
        s.execute(select(ProxyLetter.id, ProxyLetter.request_id).where(ProxyLetter.id.in_(set(letters.values())))).all()
    )
    count = 0
    for row in rows:
        case = row["v"]
        request_id = requests.get(letters.get(case.get("application_id"))) if row["t"] == "cases" else None
        if request_id is None:
            continue
        item = s.scalar(
            select(HelpItem).where(
                HelpItem.request_id == request_id, HelpItem.matter_id == case["matter_id"], HelpItem.case_no.is_(None)
            )
        )
        if item is not None:
            linked(s, item, case["case_no"], by, clock)
            count += 1
    return count
