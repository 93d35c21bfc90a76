"""What the dialogs that send a form to the center share: the OK button that only asks to send
(the dialog closes once the center accepts), the center's messages under the fields they concern
(one for no field here on the summary line), a refusal as a whole on that line, and no second
send while the center answers; a dialog using it declares its `submitted` signal. The message
lines under the fields are FieldMessages', shared with the dialogs that check their fields on the
workstation only (ui/fields_dialog.py)."""

from collections.abc import Callable
from typing import ClassVar, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from app.errors import DomainError, FieldError, ValidationFailed
from ui.background import run_in_background
from ui.message import error_line
from ui.widgets import add_parts, dialog_buttons, wrapped_label

T = TypeVar("T")


def refusal_text(exc: Exception) -> str:
    return str(exc) if isinstance(exc, DomainError) else f"出现错误：{exc}"


class FieldMessages(QDialog):
    """A form whose fields each carry a message line under them: `errors` and `inputs` (field -> its
    message label, the input that takes the focus for it)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.errors: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}

    def add_field(self, form: QFormLayout, key: str, label: str, widget: QWidget, focus: QWidget | None = None) -> None:
        """A row of the form and, under it, the line its message shows on (hidden until there is one)."""
        message = error_line(hidden=True)
        form.addRow(label, widget)
        form.addRow("", message)
        self.errors[key], self.inputs[key] = message, focus or widget

    def add_fields(self, form: QFormLayout, *fields: tuple[str, str, QWidget]) -> None:
        """add_field for each (key, label, widget), in that order."""
        for key, label, widget in fields:
            self.add_field(form, key, label, widget)

    def mark_fields(self, errors: list[FieldError]) -> None:
        """Each message under its field, the other fields' lines hidden; the first field named takes
        the focus."""
        for message in self.errors.values():
            message.hide()
        for e in errors:
            if e.field in self.errors:
                self.errors[e.field].setText(e.message)
                self.errors[e.field].show()
        first = next((self.inputs[e.field] for e in errors if e.field in self.inputs), None)
        if first is not None:
            first.setFocus()


class CenterForm(FieldMessages):
    # Each dialog declares its own: its OK only asks to send, and the controller sends and answers.
    submitted: ClassVar[Signal]

    def form_buttons(self, ok_text: str) -> QDialogButtonBox:
        """OK (Enter) emits submitted; sets up `summary`, `buttons` and `ok`."""
        self.summary = error_line()
        self.buttons = dialog_buttons(self, ok_text)
        self.buttons.accepted.disconnect()  # closed only once the center accepts; refused, it stays open
        self.buttons.accepted.connect(self.submitted)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        return self.buttons

    def stack(self, *parts: QWidget | QLayout) -> None:
        """The dialog's layout: `parts` from the top, then the summary line and the buttons."""
        add_parts(QVBoxLayout(self), (*parts, self.summary, self.buttons))

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each message under its field; one for no field here, or how many there are, on the summary line."""
        stray = [e.message for e in errors if e.field not in self.errors]
        self.summary.setText("；".join(stray) or (f"有 {len(errors)} 处需要修改，见各项下方的提示。" if errors else ""))
        self.mark_fields(errors)

    def show_refusal(self, text: str) -> None:
        self.summary.setText(text)

    def set_busy(self, busy: bool) -> None:
        """While the center answers, OK (and Enter) cannot send the form a second time."""
        self.ok.setEnabled(not busy)
        if busy:
            self.summary.setText("正在提交中心…")


def submit(
    form: CenterForm,
    still_open: Callable[[], bool],
    work: Callable[[], T],
    accepted: Callable[[T], object],
    failed: Callable[[Exception], object],
) -> None:
    """Sends the form off the UI thread. Accepted: the dialog closes, then accepted(result).
    Refused: the messages go beside the fields and the dialog keeps what was typed; a dialog
    closed meanwhile leaves the refusal to failed (the page's message line)."""
    form.set_busy(True)

    def done(result: T) -> None:
        if still_open():
            form.accept()
        accepted(result)

    def refused(exc: Exception) -> None:
        if not still_open():
            failed(exc)
            return
        form.set_busy(False)
        if isinstance(exc, ValidationFailed):
            form.show_errors(exc.errors)
        else:
            form.show_refusal(refusal_text(exc))

    run_in_background(work, done, refused)


class ReasonDialog(CenterForm, QDialog):
    """What will happen, in words, and the reason asked for it: OK is the confirmation."""

    submitted = Signal()

    def __init__(self, title: str, warning: str, ok_text: str, placeholder: str, max_length: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        text = wrapped_label(warning)
        self.reason = QLineEdit(placeholderText=placeholder)
        self.reason.setMaxLength(max_length + 10)  # a little over: the center says what is too long
        self.form_buttons(ok_text)
        form = QFormLayout()
        self.add_field(form, "reason", "原因", self.reason)
        self.stack(text, form)
        self.reason.setFocus()
