"""Notice and case numbers. Each workstation counts on its own, and its id is part of the number,
so numbers made offline on two workstations never collide."""

from sqlalchemy.orm import Session

from db.models import Counter


def next_value(session: Session, workstation_id: str, name: str) -> int:
    counter = session.get(Counter, (workstation_id, name), with_for_update=True)
    if counter is None:
        counter = Counter(workstation_id=workstation_id, name=name, last=0)
        session.add(counter)
    counter.last += 1
    return counter.last


def station_code(workstation_id: str) -> str:
    return workstation_id.replace("-", "")[:8].upper()


def notice_no(session: Session, workstation_id: str, prefix: str, year: int) -> str:
    seq = next_value(session, workstation_id, f"notice-{year}")
    return f"{prefix}{year}-{station_code(workstation_id)}-{seq:05d}"


def case_no(session: Session, workstation_id: str, year: int) -> str:
    seq = next_value(session, workstation_id, f"case-{year}")
    return f"QS{year}{station_code(workstation_id)}{seq:05d}"
