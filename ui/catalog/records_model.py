"""An editable table of frozen dataclass records, used for a guide's materials (MaterialSpec) and
special steps (SpecialStepSpec): each column is one field, and an edit replaces the record."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


@dataclass(frozen=True)
class Column:
    key: str  # the record's field
    label: str
    kind: str = "text"  # text / int / bool / list (one item per line, shown joined by "；")
    choices: tuple[str, ...] = ()


class RecordsModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: list[Column], blank: R, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.blank = blank  # what 添加 appends
        self.records: list[R] = []

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def add(self) -> int:
        row = len(self.records)
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.append(self.blank)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.records):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.records[row]
            self.endRemoveRows()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.columns)

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        value = getattr(self.records[index.row()], col.key)
        if col.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        # The tooltip shows a cell whole: the columns are narrow and long texts are elided.
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            if col.kind == "list":
                return "；".join(value or [])
            return "" if value is None else value
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        col = self.columns[index.column()]
        new: Any
        if col.kind == "bool" and role == Qt.ItemDataRole.CheckStateRole:
            new = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole:
            if col.kind == "int":
                try:
                    new = int(str(value).strip())
                except ValueError:
                    return False
            elif col.kind == "list":
                new = tuple(p.strip() for p in str(value).replace(";", "；").split("；") if p.strip())
            else:
                text = str(value).strip()
                new = text or (None if col.key in ("condition", "shared_key") else "")
        else:
            return False
        self.records[index.row()] = replace(self.records[index.row()], **{col.key: new})
        self.dataChanged.emit(index, index)
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.columns[section].label if orientation == Qt.Orientation.Horizontal else str(section + 1)
