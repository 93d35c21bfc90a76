"""A read-only table of plain rows; subclasses name the headers and how a row shows."""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from ui.palette import GREY, GREY_TEXT


class RowsModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def cells(self, row: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def color(self, row: Any) -> str | None:
        """A background for rows that need attention (overdue red, due soon yellow) or that ended
        (grey, with grey text: the theme's table is itself light grey); a colour of ui.palette."""
        return None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            color = self.color(row)
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(GREY_TEXT) if self.color(row) == GREY else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.cells(row)[index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class FullTextModel(RowsModel):
    """A narrow column elides its text: the cell's tooltip gives it whole."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.cells(self.rows[index.row()])[index.column()]
        return super().data(index, role)
