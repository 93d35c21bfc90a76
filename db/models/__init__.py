"""All mapped classes; importing this package registers every table on Base.metadata."""

from db.models.acceptance import (
    Application,
    ApplicationMatter,
    Case,
    ChecklistItem,
    Commitment,
    Counter,
    Draft,
    Notice,
    NoticePrint,
    SlipItem,
)
from db.models.approval import CaseSpecialStep, ReviewStep
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
from db.models.delivery import Delivery
from db.models.org import (
    AuthorizationScan,
    ChiefAuthorization,
    Department,
    LocalKey,
    QueueCategory,
    Staff,
    StaffRole,
    Window,
    Workstation,
)
from db.models.queue import Evaluation, QueueEvent, QueueSettings, Rectification, Ticket, TidalOpening, WalkIn
from db.models.sync import EnrollmentCode, ReceivedMutation, RefLog, SyncState

__all__ = [
    "Application",
    "ApplicationMatter",
    "AuditEntry",
    "AuditHead",
    "AuthorizationScan",
    "Base",
    "Bundle",
    "BundleMatter",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseSpecialStep",
    "ChecklistItem",
    "ChiefAuthorization",
    "Commitment",
    "Counter",
    "Delivery",
    "Department",
    "Draft",
    "EnrollmentCode",
    "Evaluation",
    "LocalKey",
    "MaterialRequirement",
    "Matter",
    "MatterVersion",
    "Notice",
    "NoticePrint",
    "OutboxEntry",
    "QueueCategory",
    "QueueEvent",
    "QueueSettings",
    "ReceivedMutation",
    "Rectification",
    "RefLog",
    "ReviewStep",
    "SlipItem",
    "SpecialStepDef",
    "Staff",
    "StaffRole",
    "SyncState",
    "Ticket",
    "TidalOpening",
    "WalkIn",
    "Window",
    "Workstation",
]
