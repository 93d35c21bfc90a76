"""The plan of a help request as it is typed: matters found in the catalog (pinyin, name or code;
Enter takes the first matter found), kept in order, moved up and down or removed, each with the
earlier items it waits for ("1,2"). Moving or removing renumbers what the others wait for, so a
dependency keeps pointing at the same matter."""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.catalog.search import EntryKind
from ui.message import tell
from ui.widgets import column_layout, keyed_button, search_box, wrapped_label

DEPENDS_COLUMN = 3


@dataclass(frozen=True)
class PlanRow:
    matter_id: str
    code: str
    name: str
    department: str  # the department's short name, as catalog hits carry it
    depends: str = ""  # the seqs (1-based) of earlier rows it waits for, as typed: "1,2"


def parse_depends(text: str) -> tuple[int, ...] | None:
    """ "1,2" / "1，2" / "1 2" -> (1, 2); None when something other than numbers was typed."""
    parts = [p for p in re.split(r"[,，、;；\s]+", text.strip()) if p]
    if not all(p.isdigit() for p in parts):
        return None
    return tuple(sorted({int(p) for p in parts}))


def _renumbered(row: PlanRow, mapping: dict[int, int | None]) -> PlanRow:
    seqs = parse_depends(row.depends)
    if seqs is None:  # left as typed: the dialog names the row when it is sent
        return row
    kept = [mapping.get(s, s) for s in seqs]
    return replace(row, depends=",".join(str(s) for s in sorted(s for s in kept if s is not None)))


def swapped(rows: list[PlanRow], i: int, j: int) -> list[PlanRow]:
    out = list(rows)
    out[i], out[j] = out[j], out[i]
    return [_renumbered(r, {i + 1: j + 1, j + 1: i + 1}) for r in out]


def removed(rows: list[PlanRow], i: int) -> list[PlanRow]:
    mapping: dict[int, int | None] = {i + 1: None} | {s: s - 1 for s in range(i + 2, len(rows) + 1)}
    return [_renumbered(r, mapping) for n, r in enumerate(rows) if n != i]


class PlanEditor(QWidget):
    changed = Signal()  # rows added, moved or removed: the lead department follows

    def __init__(self, search: Callable[[str], list], rows: tuple[PlanRow, ...] = (), parent=None):
        super().__init__(parent)
        self._search = search
        self._hits: list = []
        self.query = search_box("输入事项名称、编码、全拼或拼音首字母（如 gtgsh），按 Enter 加入第一条")
        self.hits = QListWidget()
        self.hits.setFixedHeight(132)  # three or four hits under the theme's tall rows
        self.hits.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["序号", "事项", "部门", "依赖（序号，如 1,2）"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.up = keyed_button("↑ 上移", "Alt+Up", "Alt+↑")
        self.down = keyed_button("↓ 下移", "Alt+Down", "Alt+↓")
        self.remove = QPushButton("移除")
        self.note = wrapped_label()

        buttons = QHBoxLayout()
        for b in (self.up, self.down, self.remove):
            buttons.addWidget(b)
        buttons.addWidget(self.note, 1)
        column_layout(self, self.query, self.hits, fill=self.table, below=(buttons,)).setContentsMargins(0, 0, 0, 0)

        self.query.textChanged.connect(self._find)
        self.query.installEventFilter(self)
        self.hits.itemActivated.connect(lambda item: self._add(self._hits[self.hits.row(item)]))
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.remove.clicked.connect(self._remove)
        self.table.itemChanged.connect(self._typed)
        self._rows: list[PlanRow] = list(rows)
        self._show()

    def rows(self) -> tuple[PlanRow, ...]:
        return tuple(self._rows)

    # -- finding and adding -------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        # Enter in the search box adds the first matter found, and is consumed: passed on, it would
        # press the dialog's default button and send a plan half typed.
        if (
            watched is self.query
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self._hits:
                self._add(self._hits[0])
            else:
                self._none()
            return True
        return super().eventFilter(watched, event)

    def _find(self, text: str) -> None:
        # Matters only: a plan lists the matters themselves (a bundle's are added one by one).
        self._hits = [h for h in self._search(text) if h.kind == EntryKind.MATTER][:20] if text.strip() else []
        self.hits.clear()
        for h in self._hits:
            QListWidgetItem(f"{h.code}  {h.name} · {h.department}", self.hits)

    def _none(self) -> None:
        if self.query.text().strip():
            tell(self.note, f"没有找到“{self.query.text().strip()}”对应的事项。", error=True)

    def _add(self, hit) -> None:
        if any(r.matter_id == hit.id for r in self._rows):
            tell(self.note, f"{hit.name} 已在计划中。", error=True)
            return
        self._rows.append(PlanRow(hit.id, hit.code, hit.name, hit.department))
        self.query.clear()
        tell(self.note, f"已加入第 {len(self._rows)} 项：{hit.name}")
        self._show(len(self._rows) - 1)

    # -- ordering --------------------------------------------------------------------------------------

    def _current(self) -> int:
        row = self.table.currentRow()
        return row if 0 <= row < len(self._rows) else -1

    def _move(self, step: int) -> None:
        i = self._current()
        if i < 0 or not 0 <= i + step < len(self._rows):
            return
        self._rows = swapped(self._rows, i, i + step)
        self._show(i + step)

    def _remove(self) -> None:
        i = self._current()
        if i >= 0:
            name = self._rows[i].name
            self._rows = removed(self._rows, i)
            tell(self.note, f"已移除：{name}")
            self._show(min(i, len(self._rows) - 1))

    def _typed(self, item: QTableWidgetItem) -> None:
        if item.column() == DEPENDS_COLUMN and item.row() < len(self._rows):
            self._rows[item.row()] = replace(self._rows[item.row()], depends=item.text().strip())

    def _show(self, select: int = -1) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._rows))
        for n, r in enumerate(self._rows):
            for column, text in enumerate((str(n + 1), f"{r.code}  {r.name}", r.department, r.depends)):
                item = QTableWidgetItem(text)
                if column != DEPENDS_COLUMN:  # only what each waits for is typed in the table
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(n, column, item)
        self.table.blockSignals(False)
        if select >= 0:
            self.table.selectRow(select)
        self.changed.emit()

    def set_depends(self, seq: int, text: str) -> None:
        """What the plan's item `seq` waits for, as if typed in its cell."""
        cell = self.table.item(seq - 1, DEPENDS_COLUMN)
        assert cell is not None, f"the plan has an item {seq}"
        cell.setText(text)
