"""The acceptance's check of pushed data (app.sync.push_policy): a workstation signs the automatic
acceptance of an application on its own (ALL art. 32; app.trust.push lets a machine sign nothing
else), and only of an application the center holds as still awaiting its slip."""

from collections.abc import Sequence
from enum import StrEnum

from sqlalchemy.orm import Session

from app.acceptance.model import ApplicationStatus
from app.sync.push_policy import Pushed, PushPolicy, Refusal, refused_each
from app.trust.push import MACHINE
from db.models import Application


class AcceptanceRefusal(StrEnum):
    NOT_AWAITING_SLIP = "not_awaiting_slip"


def auto_acceptance_refusal(s: Session, m: Pushed) -> Refusal | None:
    for row in m.rows:
        if row["t"] == "applications":
            current = s.get(Application, row["v"].get("id"))
            if current is None or current.status != ApplicationStatus.AWAITING_SLIP:
                why = "自动受理只适用于中心记录为“待告知”的申请，不予接收。"
                return Refusal(AcceptanceRefusal.NOT_AWAITING_SLIP, why)
    return None


class AcceptancePushPolicy(PushPolicy):
    def refuse(self, s: Session, pending: Sequence[Pushed]) -> dict[int, Refusal]:
        machine_signed = [m for m in pending if m.signer == MACHINE]
        return refused_each(machine_signed, lambda m: auto_acceptance_refusal(s, m))
