"""The features' checks of pushed data, as the server hands them to the center (app.sync.push_policy).

The order is the order of the checks: a mutation several would refuse is recorded with the first
refusal. The acceptance's comes first as it completes what a workstation may sign on its own
(app.trust.push); then who may do what; then what each feature allows."""

from app.acceptance.push_policy import AcceptancePushPolicy
from app.approval.push_policy import ApprovalPushPolicy
from app.catalog.push_policy import CatalogPushPolicy
from app.clock import Clock
from app.help.push_policy import HelpPushPolicy
from app.supervision.push_policy import SupervisionPushPolicy
from app.sync.push_policy import PushPolicy
from app.trust.push_policy import TrustPushPolicy


def push_policies(clock: Clock) -> list[PushPolicy]:
    return [
        AcceptancePushPolicy(),
        TrustPushPolicy(),
        ApprovalPushPolicy(),
        HelpPushPolicy(clock),
        CatalogPushPolicy(),
        SupervisionPushPolicy(clock),  # refuses nothing: judges what was applied
    ]
