"""What the managers' pages that keep the center's rows in a table share (授权书, 大厅设置, 人员管理):
the controller built by its page with the center's client and the acting person, the one form
dialog it has open, the selected row, a refusal on the page's message line, and what was done
said on the page and in the main window's status bar. Each controller narrows `page` and
`client` to its own types."""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from app.actor import Actor
from ui.center_form import refusal_text
from ui.widgets import OneDialog, selected_row

Row = TypeVar("Row")


class PageController(QObject, Generic[Row]):
    message = Signal(str)  # what was done, for the main window's status bar
    refresh: Callable[..., None]  # each controller's own: reloads the rows from the center

    def __init__(self, page: Any, client: Any, actor: Actor):
        """page: a QWidget with `table`, `model` (its `rows`) and `say(text, error=False)`."""
        super().__init__(page)
        self.page, self.client, self.actor = page, client, actor
        self.form = OneDialog()

    @property
    def dialog(self) -> QDialog | None:
        """The form open, if any (one at a time)."""
        return self.form.shown

    def current(self) -> Row | None:
        """The selected row of the page's table."""
        return selected_row(self.page.table, self.page.model.rows)

    def _failed(self, exc: Exception) -> None:
        self.page.say(refusal_text(exc), error=True)

    def _done(self, text: str, select: str | None = None) -> None:
        """Said on the page and in the status bar; the rows reloaded, selecting `select` if given."""
        self.page.say(text)
        self.message.emit(text)
        self.refresh(select)
