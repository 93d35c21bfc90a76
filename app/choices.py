"""Choices several features offer a person to pick from, the same on both sides of HTTP (see
app/web/wire.py)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DepartmentChoice:
    """A department to pick: a new person's, or the one a ledger problem is entered against."""

    id: str
    name: str
