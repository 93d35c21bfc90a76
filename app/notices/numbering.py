"""Notice and case numbers as a hall prints them: the kind's prefix, the year, the issuing series
and a sequence, e.g. 受理通知书 SL2026-407316-00007, 办件 QS2026-407316-00005, the center's
准予许可决定书 ZY2026-ZX-00001.

Each workstation counts on its own, offline, so the series is what keeps two machines' numbers
apart: the center's own series is "ZX" (中心); a workstation's is a 6-digit number derived from its
id, which it knows without asking anyone. The center refuses to enroll a workstation whose series an
enrolled one already has (series_taken_by, called at enrollment), so no two workstations of a hall
share one. Numbers issued before this scheme (with 8 hex digits of the id) stay as they were."""

import hashlib
from collections.abc import Iterable

from sqlalchemy.orm import Session

from db.models import Counter

CENTER_ID = "center"  # the center's own identity: it numbers and signs the notices it issues
CENTER_SERIES = "ZX"
SERIES_DIGITS = 6


def next_value(session: Session, workstation_id: str, name: str) -> int:
    counter = session.get(Counter, (workstation_id, name), with_for_update=True)
    if counter is None:
        counter = Counter(workstation_id=workstation_id, name=name, last=0)
        session.add(counter)
    counter.last += 1
    return counter.last


def series(workstation_id: str) -> str:
    if workstation_id == CENTER_ID:
        return CENTER_SERIES
    digest = hashlib.sha256(workstation_id.encode()).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**SERIES_DIGITS:0{SERIES_DIGITS}d}"


def series_taken_by(workstation_id: str, enrolled: Iterable[tuple[str, str]]) -> str | None:
    """The name of an enrolled workstation (id, name) whose series `workstation_id` would repeat."""
    wanted = series(workstation_id)
    return next((name for other, name in enrolled if other != workstation_id and series(other) == wanted), None)


def notice_no(session: Session, workstation_id: str, prefix: str, year: int) -> str:
    seq = next_value(session, workstation_id, f"notice-{year}")
    return f"{prefix}{year}-{series(workstation_id)}-{seq:05d}"


def case_no(session: Session, workstation_id: str, year: int) -> str:
    seq = next_value(session, workstation_id, f"case-{year}")
    return f"QS{year}-{series(workstation_id)}-{seq:05d}"
