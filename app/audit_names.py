"""What the audit page names each entry's subject by: the thing's own name or number as this store
knows it (a person's name and staff number, a case number, a matter's name…), looked up once per
kind of thing for all the entries shown. The log keeps ids (they are hashed into the chain); a
thing this store does not hold (another workstation's, synced to the center) keeps a short id."""

from collections.abc import Callable, Collection, Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.appointments.service import booking_no
from db.models import (
    Application,
    Appointment,
    AppointmentSlot,
    Bundle,
    Case,
    ChiefAuthorization,
    Commitment,
    Department,
    HelpRequest,
    Matter,
    Notice,
    ProxyLetter,
    QueueCategory,
    Staff,
    Ticket,
    WalkIn,
    Workstation,
)

Names = dict[str, str]


def _rows(s: Session, query, ids: Collection[str]) -> Iterable:
    return s.execute(query).all() if ids else ()


def _staff(s: Session, ids) -> Names:
    query = select(Staff.id, Staff.name, Staff.staff_no).where(Staff.id.in_(ids))
    return {i: f"{name}（{no}）" for i, name, no in _rows(s, query, ids)}


def _by_id_or_code(model) -> Callable[[Session, Collection[str]], Names]:
    """Departments and bundles are recorded by id when edited and by code when imported."""

    def names(s: Session, ids) -> Names:
        query = select(model.id, model.code, model.name).where(or_(model.id.in_(ids), model.code.in_(ids)))
        found = {}
        for i, code, name in _rows(s, query, ids):
            found[i] = found[code] = name
        return found

    return names


def _simple(column_id, *columns, fmt: Callable[..., str] = str) -> Callable[[Session, Collection[str]], Names]:
    def names(s: Session, ids) -> Names:
        query = select(column_id, *columns).where(column_id.in_(ids))
        return {i: fmt(*rest) for i, *rest in _rows(s, query, ids)}

    return names


def _applications(s: Session, ids) -> Names:
    """An application by its case numbers, or, before it has any, by the notices it was given."""
    found: dict[str, list[str]] = {}
    for app_id, no in _rows(s, select(Case.application_id, Case.case_no).where(Case.application_id.in_(ids)), ids):
        found.setdefault(app_id, []).append(no)
    query = select(Notice.application_id, Notice.notice_no).where(
        Notice.application_id.in_([i for i in ids if i not in found])
    )
    for app_id, no in _rows(s, query, ids):
        found.setdefault(app_id, []).append(no)
    named = {i: "、".join(sorted(nos)) for i, nos in found.items()}
    query = select(Application.id, Application.applicant_name).where(
        Application.id.in_([i for i in ids if i not in named])
    )
    return named | {i: f"{name}的申请" for i, name in _rows(s, query, ids)}


def _appointments(s: Session, ids) -> Names:
    query = select(Appointment.id, AppointmentSlot.day).join(AppointmentSlot).where(Appointment.id.in_(ids))
    return {i: f"预约号 {booking_no(i, day)}" for i, day in _rows(s, query, ids)}


NAMES: dict[str, Callable[[Session, Collection[str]], Names]] = {
    "staff": _staff,
    "workstation": _simple(Workstation.id, Workstation.name),
    "matter": _simple(Matter.id, Matter.name, Matter.code, fmt=lambda name, code: f"{name}（{code}）"),
    "department": _by_id_or_code(Department),
    "bundle": _by_id_or_code(Bundle),
    "application": _applications,
    "case": _simple(Case.id, Case.case_no),
    "notice": _simple(Notice.id, Notice.kind, Notice.notice_no, fmt=lambda kind, no: f"{kind} {no}"),
    "commitment": _simple(
        Commitment.id,
        Commitment.name,
        select(Case.case_no).where(Case.id == Commitment.case_id).scalar_subquery(),
        fmt=lambda name, case_no: f"{name}（{case_no}）",
    ),
    "authorization": _simple(ChiefAuthorization.id, ChiefAuthorization.document_no),
    "ticket": _simple(Ticket.id, Ticket.label, Ticket.day, fmt=lambda label, day: f"{label}（{day:%m-%d}）"),
    "walk_in": _simple(
        WalkIn.id, WalkIn.window_no, WalkIn.staff_no, fmt=lambda window, staff: f"{window or '—'} 号窗口 {staff}"
    ),
    "help": _simple(HelpRequest.id, HelpRequest.request_no),
    "appointment": _appointments,
    "proxy_letter": _simple(ProxyLetter.id, ProxyLetter.letter_no),
    "queue_category": _simple(QueueCategory.code, QueueCategory.name),
}
# Recorded by what people already read: a window's number, a year, an imported file's name, a
# masked enrollment code; or the one hall-wide thing, which needs no name besides its kind's.
AS_RECORDED = {"window": "{} 号窗口", "calendar": "{} 年", "catalog": "{}", "enrollment": "{}"}
SINGLE = {"hall", "queue_settings"}


def subjects(s: Session, entries: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(entity, entity id) -> the subject's name, for each entry."""
    wanted: dict[str, set[str]] = {}
    for entity, entity_id in entries:
        wanted.setdefault(entity, set()).add(entity_id)
    found: dict[tuple[str, str], str] = {}
    for entity, ids in wanted.items():
        if entity in SINGLE:
            names = dict.fromkeys(ids, "")
        elif entity in AS_RECORDED:
            names = {i: AS_RECORDED[entity].format(i) for i in ids}
        else:
            names = NAMES[entity](s, ids) if entity in NAMES else {}
        found |= {(entity, i): names.get(i, i[:8]) for i in ids}
    return found
