"""The application a clerk is filling in, kept on every change so that closing the window loses
nothing. AcceptanceService stores it as JSON (app.web.wire encodes it, and rebuilds it typed);
the shape is the one drafts were always kept in, so a draft saved before still opens."""

from dataclasses import dataclass

from app.acceptance.model import Applicant, ItemStatus
from app.catalog.search import EntryKind


@dataclass(frozen=True)
class AcceptanceDraft:
    source: tuple[EntryKind, str] | None  # the catalog entry it was started from, and its id
    application_id: str | None  # a deferred application (待告知) or one reopened to check again
    to_check: tuple[str, ...] | None  # reopened: the material keys still to check
    applicant: Applicant
    items: dict[str, tuple[ItemStatus, str, bool | None]]  # material key -> status, defect, condition holds
