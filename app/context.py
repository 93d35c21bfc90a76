"""Everything a running client, the command line or a test needs: the store, this workstation
and the services over them."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.acceptance.service import AcceptanceService
from app.actor import Actor, system_actor
from app.catalog.service import CatalogService
from app.workstation import local_workstation, os_user
from db.store import Store, open_sqlite

if TYPE_CHECKING:
    from app.sync.engine import SyncEngine


@dataclass
class AppContext:
    store: Store
    workstation_id: str
    workstation_name: str
    catalog: CatalogService
    acceptance: AcceptanceService

    @classmethod
    def open(cls, db_path: Path) -> "AppContext":
        return cls.from_store(open_sqlite(db_path))

    @classmethod
    def from_store(cls, store: Store) -> "AppContext":
        ws = local_workstation(store)
        return cls(store, ws.id, ws.name, CatalogService(store), AcceptanceService(store, ws.id))

    def system(self) -> Actor:
        return system_actor(self.workstation_id, os_user())

    def sync_engine(self, **options) -> "SyncEngine":
        """This workstation's sync, telling the services that cache reference data what it pulled."""
        from app.sync.engine import SyncEngine  # the HTTP stack is not needed to show the login

        return SyncEngine(self.store, self.workstation_id, on_pulled=self.catalog.reference_pulled, **options)
