"""Where a file dialog starts: the user's documents folder, or their home when it has none. Never
the working directory, which is the program's own folder when it is started from its shortcut."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def save_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def ask_save_path(parent: QWidget, title: str, name: str, filters: str) -> str:
    """The path chosen to write `name` to, offered in save_folder(); "" if cancelled."""
    return QFileDialog.getSaveFileName(parent, title, str(save_folder() / name), filters)[0]


def ask_open_path(parent: QWidget, title: str, filters: str) -> str:
    """The file chosen to read, looked for from save_folder(); "" if cancelled."""
    return QFileDialog.getOpenFileName(parent, title, str(save_folder()), filters)[0]
