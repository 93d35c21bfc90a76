"""An editable table of plain records (dicts), used for a guide's materials and special steps."""

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text / int / bool / list (one item per line, shown joined by "；")
    choices: tuple[str, ...] = ()


class RecordsModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], blank: dict, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.blank = blank
        self.records: list[dict] = []

    def set_records(self, records: list[dict]) -> None:
        self.beginResetModel()
        self.records = [dict(r) for r in records]
        self.endResetModel()

    def add(self) -> int:
        row = len(self.records)
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.append(dict(self.blank))
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
        value = self.records[index.row()].get(col.key)
        if col.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col.kind == "list":
                return "；".join(value or [])
            return "" if value is None else value
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        col = self.columns[index.column()]
        record = self.records[index.row()]
        if col.kind == "bool" and role == Qt.ItemDataRole.CheckStateRole:
            record[col.key] = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole:
            if col.kind == "int":
                try:
                    record[col.key] = int(str(value).strip())
                except ValueError:
                    return False
            elif col.kind == "list":
                record[col.key] = [p.strip() for p in str(value).replace(";", "；").split("；") if p.strip()]
            else:
                text = str(value).strip()
                record[col.key] = text or (None if col.key in ("condition", "shared_key") else "")
        else:
            return False
        self.dataChanged.emit(index, index)
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.columns[section].label if orientation == Qt.Orientation.Horizontal else str(section + 1)
