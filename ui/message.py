"""A line of feedback under a form or a device screen: green when done, red when refused; and the
red line a form shows a refusal or a field's message on."""

from PySide6.QtWidgets import QLabel

from ui.palette import ALERT, OK


def tell(label: QLabel, text: str, error: bool = False, size: int | None = None) -> None:
    label.setText(text)
    font = f"font-size: {size}px; " if size else ""
    label.setStyleSheet(f"{font}color: {ALERT if error else OK};")


def error_line(hidden: bool = False) -> QLabel:
    """A wrapping line in the style's error colour (role "error"); `hidden` until it has a message."""
    label = QLabel()
    label.setProperty("role", "error")
    label.setWordWrap(True)
    if hidden:
        label.hide()
    return label
