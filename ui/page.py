"""How every page of the main window is built and held: each feature's `build(clients, actor)`
returns a `Page`, which says what was done (for the status bar) and reloads whenever it is shown.
The main window only places pages and wires the few that talk to each other."""

from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.center_client import CenterClient
from app.context import AppContext
from app.trust.client import PersonSession

C = TypeVar("C", bound=CenterClient)


@dataclass(frozen=True)
class Clients:
    """What a page is built from: this workstation's own services (its store, catalog and
    acceptance) and the center's, reached as the logged-in person (their session)."""

    ctx: AppContext
    session: PersonSession

    def center(self, client: type[C]) -> C:
        """A client of the center that acts for the logged-in person."""
        return client(self.ctx.store, self.ctx.workstation_id, session=self.session)


class Page(QWidget):
    said = Signal(str)  # what was done, for the main window's status bar
    said_for_ms = 10_000  # how long the status bar keeps it

    def refresh(self) -> None:
        """Called by the main window each time the page is shown: a page of the center's rows
        reloads them. A page of this workstation's own data keeps what it shows."""
