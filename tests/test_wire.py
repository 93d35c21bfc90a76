"""The typed contract across HTTP (app/web/wire.py): a DTO the route writes comes back as the
same DTO at the client, dates, enums and bytes included; and a service bound to a person
(app/bound.py) answers the calls a page makes on the client."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import Base64Bytes

from app.actor import Actor, Role
from app.bound import bind
from app.web import wire


class Kind(StrEnum):
    GRANT = "准予"


@dataclass(frozen=True)
class Row:
    no: str
    on: date
    kind: Kind
    pdf: Base64Bytes
    sent_on: date | None = None
    tags: tuple[str, ...] = ()


def test_a_dto_survives_the_wire_as_itself():
    rows = [Row("1", date(2026, 3, 2), Kind.GRANT, b"%PDF\x00\xff", None, ("a", "b"))]
    sent = wire.encode(rows[0])
    assert sent["on"] == "2026-03-02" and sent["kind"] == "准予" and sent["pdf"] == "JVBERgD/"
    back = wire.decode(list[Row], [sent])
    assert back == rows and isinstance(back[0].kind, Kind)


def test_a_bound_service_takes_the_person_first():
    class Service:
        def pending(self, actor: Actor, day: date) -> tuple[str, date]:
            return actor.staff_no, day

    class Pending:
        def pending(self, day: date) -> tuple[str, date]: ...

    clerk = Actor("id", "C001", "张三", frozenset({Role.CLERK}), "ws")
    assert bind(Service(), clerk, Pending).pending(date(2026, 3, 2)) == ("C001", date(2026, 3, 2))
