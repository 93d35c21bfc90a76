"""授权书 running out. A letter in force today whose last day falls within WARN_DAYS is shown at
login to the managers (every such letter) and to its holder (their own), unless a letter of the
same holder and department carries on from it for at least the same matters (the renewal is
recorded already). Read from the letters this store holds: a workstation has them from the
center with the reference data, so the warning shows with the center unreachable too."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.actor import Actor, Role
from app.clock import Clock
from db.models import ChiefAuthorization, Department, Staff
from db.store import Store

WARN_DAYS = 30


@dataclass(frozen=True)
class Letter:
    document_no: str
    department: str
    holder_no: str
    holder: str
    valid_from: date
    valid_to: date
    revoked_on: date | None
    matter_ids: frozenset[str]

    @property
    def last_day(self) -> date:
        """The last day it authorizes anything: a revocation counts from its day on."""
        return min(self.valid_to, self.revoked_on - timedelta(days=1)) if self.revoked_on else self.valid_to


@dataclass(frozen=True)
class Ending:
    document_no: str
    department: str
    holder_no: str
    holder: str
    last_day: date
    days_left: int  # 0: today is its last day


def _carries_on(letter: Letter, other: Letter) -> bool:
    return (
        other is not letter
        and (other.holder_no, other.department) == (letter.holder_no, letter.department)
        and other.valid_from <= letter.last_day + timedelta(days=1)
        and other.last_day > letter.last_day
        and other.matter_ids >= letter.matter_ids
    )


def ending_soon(letters: list[Letter], today: date, within: int = WARN_DAYS) -> list[Ending]:
    """The letters in force today that end within `within` days with nothing carrying on, soonest first."""
    ending = [
        Ending(a.document_no, a.department, a.holder_no, a.holder, a.last_day, (a.last_day - today).days)
        for a in letters
        if a.valid_from <= today <= a.last_day
        and (a.last_day - today).days <= within
        and not any(_carries_on(a, other) for other in letters)
    ]
    return sorted(ending, key=lambda e: (e.last_day, e.document_no))


class ExpiringLetters:
    def __init__(self, store: Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()

    def for_actor(self, actor: Actor) -> list[Ending]:
        """A manager's: every letter of the hall. Anyone else's: the letters they hold."""
        with self.store.sessions() as s:
            query = (
                select(ChiefAuthorization, Department.name, Staff.staff_no, Staff.name)
                .join(Department, ChiefAuthorization.department_id == Department.id)
                .join(Staff, ChiefAuthorization.chief_id == Staff.id)
            )
            if not actor.has(Role.MANAGER):
                query = query.where(Staff.staff_no == actor.staff_no)
            letters = [
                Letter(
                    a.document_no,
                    department,
                    staff_no,
                    name,
                    a.valid_from,
                    a.valid_to,
                    a.revoked_on,
                    frozenset(m.id for m in a.matters),
                )
                for a, department, staff_no, name in s.execute(query)
            ]
        return ending_soon(letters, self.clock.today())
