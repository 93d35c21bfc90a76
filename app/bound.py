"""A feature's service with the acting person bound: the calls a page makes on the feature's
client (whose person is its session at the center), so a page, or a GUI test, can run against
the service itself without HTTP. The contract is the feature's Protocol in its dto.py."""

from functools import partial
from typing import Any, TypeVar, cast

from app.actor import Actor

P = TypeVar("P")


class _Bound:
    def __init__(self, service: object, actor: Actor):
        self._service, self._actor = service, actor

    def __getattr__(self, name: str) -> Any:
        return partial(getattr(self._service, name), self._actor)


def bind(service: object, actor: Actor, contract: type[P]) -> P:
    """service's methods, each taking the actor first, as contract's (which omit the actor)."""
    return cast(P, _Bound(service, actor))
