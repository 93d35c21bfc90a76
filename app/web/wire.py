"""DTOs on the wire. A route declares the DTO it answers with (its return annotation is the
response model, so FastAPI writes it and OpenAPI documents it); the client rebuilds the same DTO
from the JSON through pydantic. Both ends share one typed contract, written once in the
feature's dto.py: frozen dataclasses, dates as ISO strings, enums by value, bytes in base64
(annotate them `pydantic.Base64Bytes`)."""

import threading
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import TypeAdapter

T = TypeVar("T")


@dataclass(frozen=True)
class Created:
    """The id of the row a POST just recorded (a 授权书, a help request): one answer for every
    route that creates one thing and names nothing else, instead of a one-field DTO per feature."""

    id: str


_adapters: dict[Any, TypeAdapter] = {}  # one per shape: building one costs far more than using it
# Building an adapter imports parts of pydantic lazily, and two threads importing them at once
# (a device's UI thread and its background calls) can meet a half-initialized module: one at a time.
_building = threading.Lock()


def _adapter(shape: Any) -> TypeAdapter:
    found = _adapters.get(shape)
    if found is None:
        with _building:
            found = _adapters.get(shape) or TypeAdapter(shape)
            _adapters[shape] = found
    return found


def decode(shape: type[T], data: Any) -> T:
    """data (parsed JSON) rebuilt as shape: a DTO, or a list or tuple of them."""
    return _adapter(shape).validate_python(data)


def encode(value: Any) -> Any:
    """A DTO as JSON-ready data, for a request body."""
    return _adapter(type(value)).dump_python(value, mode="json")
