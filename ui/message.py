"""A line of feedback under a form or a device screen: green when done, red when refused."""

from PySide6.QtWidgets import QLabel


def tell(label: QLabel, text: str, error: bool = False, size: int | None = None) -> None:
    label.setText(text)
    font = f"font-size: {size}px; " if size else ""
    label.setStyleSheet(f"{font}color: {'#c62828' if error else '#2e7d32'};")
