"""Demo data of a county center (青山县): catalog, hall set-up and calendar, loaded into an empty store."""

import json

from sqlalchemy import func, select

from app.actor import Actor
from app.clock import Clock
from app.paths import DEMO
from app.trust.keys import HALL_COST
from db.models import Matter
from db.store import Store

DEMO_PASSWORD = "Demo@2026"


def is_empty(store: Store) -> bool:
    with store.sessions() as session:
        return not session.scalar(select(func.count()).select_from(Matter))


def seed(store: Store, actor: Actor, clock: Clock | None = None, key_cost: tuple[int, int, int] = HALL_COST) -> None:
    """clock: the day the demo is set up, which its authorization letters count from (today by default).
    key_cost: the Argon2id cost the staff's keys are wrapped at, the hall's unless a test asks for less."""
    # Imported here: the import/validation stack is not needed to start a seeded client.
    from app.calendar_data import load_calendar
    from app.catalog.transfer import import_document
    from app.hall_setup import load_hall

    def read(name: str) -> dict:
        return json.loads((DEMO / name).read_text(encoding="utf-8"))

    load_calendar(store, actor, read("calendar.json"))
    import_document(store, actor, read("catalog.json"), source="演示数据", clock=clock)
    on = (clock or Clock()).today()
    load_hall(store, actor, read("hall.json"), DEMO_PASSWORD, on, must_change=False, key_cost=key_cost)
