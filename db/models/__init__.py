"""All mapped classes; importing this package registers every table on Base.metadata."""

from db.models.audit import AuditEntry, AuditHead, OutboxEntry
from db.models.base import Base
from db.models.calendar import CalendarDay, CalendarYear
from db.models.catalog import (
    Bundle,
    BundleMatter,
    MaterialRequirement,
    Matter,
    MatterVersion,
    SpecialStepDef,
)
from db.models.org import (
    ChiefAuthorization,
    Department,
    QueueCategory,
    Staff,
    StaffRole,
    Window,
    Workstation,
)

__all__ = [
    "AuditEntry",
    "AuditHead",
    "Base",
    "Bundle",
    "BundleMatter",
    "CalendarDay",
    "CalendarYear",
    "ChiefAuthorization",
    "Department",
    "MaterialRequirement",
    "Matter",
    "MatterVersion",
    "OutboxEntry",
    "QueueCategory",
    "SpecialStepDef",
    "Staff",
    "StaffRole",
    "Window",
    "Workstation",
]
