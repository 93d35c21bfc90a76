"""What supervision answers, the same on both sides of HTTP (see app/web/wire.py), and the contract
the supervision page holds: the client at a workstation, or the service bound to a person."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.catalog.guide import ReviewMode
from app.supervision.rules import Level, SignalKind


@dataclass(frozen=True)
class EvidenceRow:
    case_no: str
    what: str
    staff_no: str
    workstation_id: str
    at: datetime | None


@dataclass(frozen=True)
class SignalRow:
    id: str
    kind: SignalKind
    level: Level
    department: str  # its name; "" for the hall as a whole
    case_no: str
    staff_no: str
    occurred_at: datetime | None
    found_at: datetime  # hall time
    why: str
    evidence: list[EvidenceRow]
    explained: bool
    explained_by: str
    explanation: str
    ledger_item_id: str | None
    explained_at: datetime | None = None  # hall time
    person: str = ""  # who answers for it, as people read it: "陈静（S001）"
    ledger_item_no: str = ""  # 台账〔2026〕0001, once taken up

    @property
    def counts(self) -> bool:
        """In the red and yellow counts: not explained away (it stays on record either way)."""
        return not self.explained


@dataclass(frozen=True)
class SweepResult:
    found: int  # findings in this sweep
    new: int  # of them, not on record before
    changed: int  # on record, but their level or evidence changed (a yellow turned red)


@dataclass(frozen=True)
class TooFastLimitRow:
    """A matter whose mode needs two or more people, with its limit for 提前办结异常."""

    matter_id: str
    code: str
    name: str
    department: str  # its name
    mode: ReviewMode  # 一审一核 / 一审两核: a mode that needs two or more people
    default_minutes: int  # the mode's
    minutes: int | None  # set by a manager for this matter; None: the default holds

    @property
    def in_force(self) -> int:
        return self.minutes if self.minutes is not None else self.default_minutes


class Signals(Protocol):
    def signals(self, include_explained: bool = True) -> list[SignalRow]: ...

    def explain(self, signal_id: str, reason: str) -> None: ...

    def sweep(self) -> SweepResult: ...

    def too_fast_limits(self) -> list[TooFastLimitRow]: ...

    def set_too_fast_limit(self, matter_id: str, minutes: int | None) -> None: ...
