"""A small form checked on this workstation before it is accepted (a delivery's questions, a help
request, a proxy letter, an assignment, a log entry): each field carries its message line under
it, and the fields scroll when they are taller than the screen while the note and the buttons
stay. Forms the center checks are ui/center_form.py's."""

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

from app.errors import FieldError
from ui.center_form import FieldMessages
from ui.screen_fit import fit_to_screen
from ui.widgets import column_layout, dialog_buttons, wrapped_label


class FieldsDialog(FieldMessages):
    """A small form whose fields each carry a message line under them, checked here before it is
    accepted."""

    def __init__(self, parent, title: str, note: str, ok_text: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        intro = wrapped_label(note)
        box = dialog_buttons(self, ok_text)
        box.accepted.disconnect()  # accepted only once the fields pass their own checks
        box.accepted.connect(self._confirm)
        # The fields scroll when they are taller than the screen; the note and the buttons stay.
        self._body = QWidget()
        column = QVBoxLayout(self._body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.form)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._body)
        self._intro, self._box = intro, box
        self._layout = column_layout(self, intro, fill=scroll, below=(box,))

    def showEvent(self, event) -> None:
        """Opens as tall as its fields, but never taller than the screen (ui/screen_fit.py)."""
        margins = self._layout.contentsMargins()
        spacing = 2 * self._layout.spacing()
        height = self._intro.sizeHint().height() + self._body.sizeHint().height() + self._box.sizeHint().height()
        wanted = QSize(max(self.width(), self.minimumWidth()), height + spacing + margins.top() + margins.bottom())
        fit_to_screen(self, wanted)
        super().showEvent(event)

    def add(self, key: str, label: str, widget: QWidget) -> None:
        self.add_field(self.form, key, label, widget)

    def show_errors(self, errors: Iterable[FieldError]) -> None:
        self.mark_fields(list(errors))

    def local_errors(self) -> list[FieldError]:
        return []

    def _confirm(self) -> None:
        errors = self.local_errors()
        self.show_errors(errors)
        if not errors:
            self.accept()
