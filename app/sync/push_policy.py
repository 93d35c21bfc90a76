"""What a feature checks of the data workstations push: the sync protocol's one extension point.

The center (app.center.service) applies a workstation's batch of signed mutations exactly once, in
order, in one transaction; it knows the protocol and no feature's rules. Each feature whose rows
travel up implements a `PushPolicy`, and the server's assembly (app.center.push_policies) hands
the list to the center. A policy refuses what its rules forbid before anything of the batch is
applied, may refuse a write made on a stale copy while the batch is applied, and keeps its own
records in step once a mutation is applied, all inside the push's transaction."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Refusal:
    """Why the center does not apply a mutation. `code` is for programs (each feature names its
    own in a StrEnum); `reason` is recorded and shown at the workstation as it stands."""

    code: StrEnum
    reason: str


@dataclass(frozen=True)
class Pushed:
    """One fresh mutation of a batch: its payload as the workstation's outbox holds it (parsed), and
    the signer the center verified (a staff number, or app.trust.push.MACHINE)."""

    workstation_id: str
    id: int
    payload: dict
    signer: str

    @property
    def rows(self) -> list[dict]:
        return self.payload.get("rows", [])

    @property
    def by(self) -> str:
        """The person the payload names as acting (checked against the signer by app.trust)."""
        return str(self.payload.get("by", ""))


class PushPolicy(Protocol):
    """A feature's checks of pushed data. Subclass it to keep the defaults of what a feature lacks."""

    def refuse(self, s: Session, pending: Sequence[Pushed]) -> Mapping[int, Refusal]:
        """Before the batch is applied: those of `pending` (the batch's mutations no earlier policy
        refused, in id order) this feature refuses, by id. Whatever it looks up for them, it reads
        at once for the whole batch."""
        return {}

    def refuse_stale(self, s: Session, mutation: Pushed) -> Refusal | None:
        """While the batch is applied one mutation at a time, just before this one (with the earlier
        ones applied): a change made on an older version of a shared row than the center holds.
        New workstation records applied together in one statement are not asked: nothing is
        older than them."""
        return None

    def after_apply(self, s: Session, mutation: Pushed, at: datetime) -> None:
        """Once the mutation is applied (`at`: when the center received it), in the same
        transaction: the feature's own records that follow from it."""
        return None

    def after_batch(self, s: Session, applied: Sequence[Pushed], at: datetime) -> None:
        """Once every mutation of the batch is applied (those no check refused), in the same
        transaction: what a feature judges of the batch as a whole, once rather than per mutation."""
        return None


def refused_each(pending: Iterable[Pushed], check: Callable[[Pushed], Refusal | None]) -> dict[int, Refusal]:
    """The refusals of a check made one mutation at a time, by mutation id."""
    return {m.id: why for m in pending if (why := check(m)) is not None}
