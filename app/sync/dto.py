"""What the sync protocol answers, the same at the center and the workstation (app/web/wire.py):
enrollment, a push's verdicts, a page of reference rows, and the state of each side. Replicated
rows stay plain JSON objects: each is a table row named by its "t", applied by app.replication."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from app.devices.scope import DeviceKind


@dataclass(frozen=True)
class Health:
    status: Literal["ok"]  # a center that answers at all is up
    protocol: int
    schema: str


@dataclass(frozen=True)
class Enrollment:
    """The center's answer to an enrollment code: the credential, and the kind and window it gave."""

    workstation_id: str
    credential: str
    kind: DeviceKind
    window_no: int | None


@dataclass(frozen=True)
class Rejection:
    id: int  # the workstation's mutation id
    reason: str


@dataclass(frozen=True)
class PushResult:
    last_applied: int
    applied: list[int]
    rejected: list[Rejection]
    skipped: list[int]  # already applied before: a repeated delivery


@dataclass(frozen=True)
class PullPage:
    reset: bool  # the cursor was never issued by this center: everything comes again
    rows: list[dict[str, Any]]
    cursor: int
    snapshot: int
    more: bool


@dataclass(frozen=True)
class RejectedMutation:
    mutation_id: int
    op: str
    reason: str


@dataclass(frozen=True)
class OutboxStatus:
    """A workstation's side: where it syncs, what waits to go up, what the center refused."""

    enrolled: bool
    center: str | None
    workstation_id: str
    pending: int
    applied: int
    rejected: list[RejectedMutation]
    last_sync_at: datetime | None  # UTC
    last_error: str
    pull_cursor: int


@dataclass(frozen=True)
class EnrolledMachine:
    id: str
    name: str
    kind: DeviceKind
    window_no: int | None
    last_mutation_id: int
    revoked: bool
    place: str  # where a workstation outside the hall stands; "" in the hall


@dataclass(frozen=True)
class RefusedMutation:
    workstation_id: str
    mutation_id: int
    reason: str


@dataclass(frozen=True)
class CenterStatus:
    """The center's side, for `center status`: enrolled machines and refused mutations."""

    workstations: list[EnrolledMachine]
    rejected: list[RefusedMutation]
    reference_head: int
