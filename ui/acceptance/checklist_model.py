"""The materials checklist as a table the clerk drives from the keyboard:
1 已收 · 2 缺少 · 3 有误 · 0 不适用 (conditional materials only) · Enter edits the defect."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.acceptance.model import CheckItem, ItemStatus
from ui.palette import GREEN, GREY, RED, YELLOW

HEADERS = ("材料", "要求", "适用情形", "核验", "问题说明")
STATUS_KEYS = {
    Qt.Key.Key_1: ItemStatus.RECEIVED,
    Qt.Key.Key_2: ItemStatus.MISSING,
    Qt.Key.Key_3: ItemStatus.DEFECTIVE,
    Qt.Key.Key_0: ItemStatus.NOT_APPLICABLE,
}
COLORS = {
    ItemStatus.RECEIVED: GREEN,
    ItemStatus.MISSING: RED,  # cannot be accepted without it
    ItemStatus.DEFECTIVE: YELLOW,  # brought, but to be corrected
    ItemStatus.NOT_APPLICABLE: GREY,
}
DEFECT_COLUMN = 4


class ChecklistModel(QAbstractTableModel):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[CheckItem] = []
        self.locked: set[str] = set()  # reopened from a slip: items not listed on it stay as they were

    def set_items(self, items: list[CheckItem], to_check: frozenset[str] | None = None) -> None:
        self.beginResetModel()
        self.items = items
        self.locked = set() if to_check is None else {i.key for i in items if i.key not in to_check}
        self.endResetModel()

    def refusal(self, row: int, status: ItemStatus) -> str | None:
        """Why the row cannot take this status, or None."""
        item = self.items[row]
        if item.key in self.locked:
            listed = len(self.items) - len(self.locked)
            return f"“{item.name}”上次已核验：按告知单只核验所列 {listed} 项材料，其余保持原状。"
        if status == ItemStatus.NOT_APPLICABLE and item.required:
            return f"“{item.name}”是必需材料，不能标为不适用。"
        return None

    def next_open(self, row: int) -> int | None:
        """The first row from `row` on that may still be changed (reopened: not locked)."""
        return next((r for r in range(row, len(self.items)) if self.items[r].key not in self.locked), None)

    def set_status(self, row: int, status: ItemStatus) -> bool:
        item = self.items[row]
        if self.refusal(row, status) is not None:
            return False
        if status == ItemStatus.NOT_APPLICABLE:
            item.condition_holds, item.status = False, ItemStatus.NOT_APPLICABLE
        else:
            if not item.required:
                item.condition_holds = True
            item.status = status
            if status != ItemStatus.DEFECTIVE:
                item.defect = ""
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.changed.emit()
        return True

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(HEADERS)

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self.items[index.row()]
        if index.column() == DEFECT_COLUMN and item.status == ItemStatus.DEFECTIVE and item.key not in self.locked:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            color = COLORS.get(item.status)
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [item.name, item.condition or "", item.defect, *("常见错误：" + e for e in item.common_errors)]
            return "\n".join(filter(None, lines))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        status = item.status.value + ("（已核，锁定）" if item.key in self.locked else "")
        need = f"{item.form}{f' {item.copies} 份' if item.copies else ''}" + ("" if item.required else "，视情形")
        cells = (item.name, need, item.condition or "必需", status, item.defect)
        return cells[index.column()]

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != DEFECT_COLUMN or role != Qt.ItemDataRole.EditRole:
            return False
        self.items[index.row()].defect = str(value).strip()
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None
