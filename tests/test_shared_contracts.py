"""Service and client of a feature answer one Protocol (its dto.py): the client's calls are the
service's without the acting person (app/bound.py puts them back), so a page runs against
either. Checked call by call, names and parameters, so the two cannot drift apart."""

import inspect

import pytest

from app.approval.client import ApprovalClient
from app.approval.dto import Approvals
from app.approval.service import ApprovalService
from app.authorizations.client import AuthorizationClient
from app.authorizations.dto import Authorizations
from app.authorizations.service import AuthorizationService
from app.delivery.client import DeliveryClient
from app.delivery.dto import Deliveries
from app.delivery.service import DeliveryService
from app.dossier.client import DossierClient
from app.dossier.dto import Dossiers
from app.dossier.service import DossierService
from app.help.client import HelpClient
from app.help.dto import Helps
from app.help.proxy_client import ProxyLetterClient
from app.help.proxy_dto import ProxyLetters
from app.help.proxy_letters import ProxyLetterService
from app.help.requests import HelpService
from app.queue.client import QueueClient
from app.queue.dto import BoardSource, HallFigures, Kiosk, RatingPad, TidalControl, WindowClerk
from app.queue.service import QueueService
from app.supervision.client import SignalClient
from app.supervision.dto import Signals
from app.supervision.ledger import LedgerService
from app.supervision.ledger_client import LedgerClient
from app.supervision.ledger_dto import Ledger
from app.supervision.self_check import SelfCheckService
from app.supervision.self_check_client import SelfCheckClient
from app.supervision.self_check_dto import SelfCheck
from app.supervision.service import SignalService

FEATURES = [
    (Approvals, ApprovalService, ApprovalClient),
    (Authorizations, AuthorizationService, AuthorizationClient),
    (Deliveries, DeliveryService, DeliveryClient),
    (Dossiers, DossierService, DossierClient),
    (Helps, HelpService, HelpClient),
    (ProxyLetters, ProxyLetterService, ProxyLetterClient),
    (Signals, SignalService, SignalClient),
    (Ledger, LedgerService, LedgerClient),
    (SelfCheck, SelfCheckService, SelfCheckClient),
]


def calls(contract: type) -> dict[str, list[str]]:
    return {
        name: list(inspect.signature(fn).parameters)[1:]  # without self
        for name, fn in vars(contract).items()
        if inspect.isfunction(fn) and not name.startswith("_")
    }


@pytest.mark.parametrize(("contract", "service", "client"), FEATURES, ids=lambda f: f.__name__)
def test_service_and_client_answer_the_features_protocol(contract, service, client):
    for name, params in calls(contract).items():
        assert list(inspect.signature(getattr(client, name)).parameters)[1:] == params, f"{client.__name__}.{name}"
        served = inspect.signature(getattr(service, name)).parameters
        # A service may take more after the contract's, with defaults (e.g. the day, in tests).
        extra = [p for p in list(served)[2 + len(params) :] if served[p].default is inspect.Parameter.empty]
        assert list(served)[1 : 2 + len(params)] == ["actor", *params] and not extra, f"{service.__name__}.{name}"


# The queue serves machines as well as people: a device's calls take no one (the kiosk, the board,
# the rating pad, the figures a session reads), a clerk's or manager's action takes their staff number.
QUEUE = [
    (Kiosk, []),
    (BoardSource, []),
    (RatingPad, []),
    (HallFigures, []),
    (WindowClerk, ["staff_no"]),
    (TidalControl, ["staff_no"]),
]


@pytest.mark.parametrize(("contract", "who"), QUEUE, ids=lambda f: getattr(f, "__name__", ""))
def test_the_queue_service_and_client_answer_its_protocols(contract, who):
    for name, params in calls(contract).items():
        assert list(inspect.signature(getattr(QueueClient, name)).parameters)[1:] == params, f"QueueClient.{name}"
        served = inspect.signature(getattr(QueueService, name)).parameters
        head = 1 + len(who) + len(params)
        extra = [p for p in list(served)[head:] if served[p].default is inspect.Parameter.empty]
        assert list(served)[1:head] == [*who, *params] and not extra, f"QueueService.{name}"
