"""Where a case stands: open from acceptance until its decision (made at the center, or on the spot
at acceptance for a 即办件), closed once decided."""

from enum import StrEnum


class CaseKind(StrEnum):
    """How the window opened the case: decided on the spot (即办), accepted, accepted with a material
    to follow (容缺受理), on the applicant's commitment (告知承诺), or accepted by law because no
    notice came in time (自动受理, ALL art. 32)."""

    ON_THE_SPOT = "即办"
    ACCEPTED = "受理"
    TOLERANCE = "容缺受理"
    COMMITMENT = "告知承诺"
    AUTO_ACCEPTED = "自动受理"


class CaseStatus(StrEnum):
    OPEN = "办理中"
    CLOSED = "已办结"
