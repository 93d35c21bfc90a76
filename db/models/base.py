import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    # Client-generated ids: rows created offline on different workstations never collide.
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def uuid_pk(sort_order: int = 0) -> Mapped[str]:
    return mapped_column(String(36), primary_key=True, default=new_id, sort_order=sort_order)


def owned_in_order(target: str) -> Mapped[Any]:
    """The rows a parent owns, in their `seq` order: loaded with it, gone with it, and removed when
    taken out of its list. `target` names their class."""
    return relationship(cascade="all, delete-orphan", order_by=f"{target}.seq", lazy="selectin")


def link_table(name: str, **ends: str) -> Table:
    """A many-to-many link: one key column per end (column name = referenced "table.id"), the link
    gone with either of the rows it joins."""
    return Table(
        name,
        Base.metadata,
        *(Column(column, ForeignKey(target, ondelete="CASCADE"), primary_key=True) for column, target in ends.items()),
    )


def utc_now() -> datetime:
    from datetime import UTC

    return datetime.now(UTC).replace(tzinfo=None)
