"""Errors carry a message in Chinese that the UI shows as it is."""

from dataclasses import dataclass


class DomainError(Exception):
    """A rule refused the action; the message says why, in Chinese."""


class PermissionDenied(DomainError):
    pass


class NotFound(DomainError):
    pass


@dataclass(frozen=True)
class FieldError:
    field: str  # the form field / data key the message belongs beside
    message: str
    index: int | None = None  # for a list field (materials, special steps): which item, from 0


class ValidationFailed(DomainError):
    def __init__(self, errors: list[FieldError]):
        super().__init__("；".join(e.message for e in errors))
        self.errors = errors
