"""Where a case stands: open from acceptance until its decision (made at the center, or on the spot
at acceptance for a 即办件), closed once decided."""

from enum import StrEnum


class CaseStatus(StrEnum):
    OPEN = "办理中"
    CLOSED = "已办结"
