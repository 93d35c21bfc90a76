"""A notice across the top of the main window, on whatever page is shown: a line of text, a button
that opens what it is about, and 知道了, which closes it for the session. Hidden until shown."""

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton

from ui.widgets import wrapped_label


class Banner(QFrame):
    def __init__(self, style: str, action: str, parent=None):
        """style: the subclass's style sheet (by its class name); action: the open button's text."""
        super().__init__(parent)
        self.setStyleSheet(style)
        self.text = wrapped_label()
        self.view = QPushButton(action)
        self.close_button = QPushButton("知道了")
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.view)
        row.addWidget(self.close_button)
        self.hide()
