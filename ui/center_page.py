"""What the pages that show the center's rows through a controller share (授权书, 卷宗, 结果送达,
大厅设置, 人员管理): the line that says what was done or refused, and the reload the main window
asks for whenever the page is shown. Each page builds its own `controller` and places `message`."""

from typing import Generic, Protocol, TypeVar

from ui.message import tell
from ui.page import Page
from ui.widgets import wrapped_label


class Reloads(Protocol):
    def refresh(self) -> None: ...


Controller = TypeVar("Controller", bound=Reloads)


class CenterPage(Page, Generic[Controller]):
    controller: Controller

    def __init__(self, parent=None):
        super().__init__(parent)
        self.message = wrapped_label()

    def refresh(self) -> None:
        self.controller.refresh()

    def say(self, text: str, error: bool = False) -> None:
        tell(self.message, text, error)
