"""Small widget set-ups every page shares: a table of plain rows (with its row colours), the row
selected in it and what follows that row, a row of buttons that wraps, a button that says its key,
a search box, a label that wraps, a page's column with its table taking the room left, a dialog's
OK/取消 buttons, a line of text asked, a date field with its calendar, and the one dialog of a kind
a page has open."""

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from superqt import QElidingLabel
from superqt.utils import QFlowLayout

Row = TypeVar("Row")


class RowColors(QStyledItemDelegate):
    """The theme's item rule (qt-material puts a border on ::item) makes Qt skip the model's
    BackgroundRole, so overdue red and due-soon yellow rows would show plain: painted here first."""

    def paint(self, painter, option, index) -> None:
        color = index.data(Qt.ItemDataRole.BackgroundRole)
        if color is not None and not option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, color)
        super().paint(painter, option, index)


def rows_table(model, *, stretch: bool = False, give_way: Sequence[str] = ()) -> QTableView:
    """One row selected at a time; columns fit their contents (or share the width: stretch); the
    model's row colours show whatever the theme. give_way: the headings of the long text columns
    that share what the others leave, elided (the whole text in the tooltip): at 1366×768 a long
    matter or name sized to its contents pushed dates and status off the view."""
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(RowColors(view))
    view.verticalHeader().hide()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(not give_way)
    for column in give_way:
        header.setSectionResizeMode(model.headers.index(column), QHeaderView.ResizeMode.Stretch)
    return view


def selected_row(view: QAbstractItemView, rows: Sequence[Row]) -> Row | None:
    """The row of `rows` (a table's, in its order) that the view's current index is on; None where
    there is none, or the rows were replaced since."""
    row = view.currentIndex().row()
    return rows[row] if 0 <= row < len(rows) else None


def follow_current_row(view: QAbstractItemView, shown: Callable[[], object]) -> None:
    """Calls `shown` now and again whenever the view's current row changes: what a page shows and
    enables follows the row selected."""
    view.selectionModel().currentRowChanged.connect(lambda _current, _previous: shown())
    shown()


class ElidedLabel(QElidingLabel):
    """One line of plain text that gives up its end ("…") where the room is short, rather than
    widening the window; it asks for its whole text's width where there is room."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()  # the hint follows the whole text, not the elided one shown so far

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right() + 4
        return QSize(width, super().sizeHint().height())


def wrapping_bar(*widgets: QWidget) -> QWidget:
    """A row of buttons (and short labels) that continues on the next line where the window is
    narrow: a row of buttons must never make a page wider than a 1366×768 screen at 125 %."""
    bar = QWidget()
    flow = QFlowLayout(bar)
    flow.setContentsMargins(0, 0, 0, 0)
    line = max(w.sizeHint().height() for w in widgets)
    for widget in widgets:
        if isinstance(widget, QLabel):  # the flow puts each item at the top of its line: centre the text
            widget.setMinimumHeight(line)
            widget.setAlignment(
                widget.alignment() & ~Qt.AlignmentFlag.AlignVertical_Mask | Qt.AlignmentFlag.AlignVCenter
            )
        flow.addWidget(widget)
    return bar


def search_box(placeholder: str) -> QLineEdit:
    """A line to type what is looked for in, with a button that clears it."""
    box = QLineEdit(placeholderText=placeholder)
    box.setClearButtonEnabled(True)
    return box


def keyed_button(text: str, key: str, shown: str = "") -> QPushButton:
    """A button pressed by `key` too, which it names after its text: "同意（Ctrl+Enter）". shown: the
    key as the user reads it, where Qt's name differs (Ctrl+Return is the Enter key, Alt+Up Alt+↑)."""
    button = QPushButton(f"{text}（{shown or key}）")
    button.setShortcut(key)
    return button


def wrapped_label(text: str = "") -> QLabel:
    """A label whose text continues on the next line rather than widening the window."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def add_parts(layout: QBoxLayout, parts: Iterable[QWidget | QLayout]) -> None:
    """Each part in turn, a widget or a layout of its own."""
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)


def column_layout(
    owner: QWidget, *above: QWidget | QLayout, fill: QWidget, below: Sequence[QWidget | QLayout] = ()
) -> QVBoxLayout:
    """The owner's layout, from the top: `above` (a note, a row of buttons, the message line), then
    `fill` (the table) taking the room the others leave, then `below`."""
    layout = QVBoxLayout(owner)
    add_parts(layout, above)
    layout.addWidget(fill, 1)
    add_parts(layout, below)
    return layout


def over_detail(table: QWidget, detail: QWidget) -> QSplitter:
    """A table over what its selected row says in full, the table taking three parts of four; the
    user moves the line between them."""
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(table)
    split.addWidget(detail)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 1)
    return split


def dialog_buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def confirm(parent: QWidget, title: str, text: str, yes: str, keep: str = "取消") -> bool:
    """Asks before something that cannot be undone; True once `yes` is clicked. `keep` is the
    default button, so Enter never does it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    chosen = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton(keep, QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is chosen


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    """A line of text asked in a small modal dialog; None where it was cancelled."""
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(edit: QDateEdit) -> date:
    """The day the edit shows (as QDate.toPython() gives it, which PySide6's stub calls an object)."""
    shown = edit.date()
    return date(shown.year(), shown.month(), shown.day())


def date_edit(day: date, display: str = "yyyy-MM-dd") -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(display)
    return edit


class OneDialog:
    """The one dialog of a kind a page has open: opened window-modal without a nested event loop
    (the page keeps its background callbacks), forgotten and deleted once it is closed."""

    def __init__(self):
        self.shown: QDialog | None = None

    def open(self, dialog: QDialog) -> None:
        self.shown = dialog

        def finished(_result: int) -> None:
            if self.shown is dialog:
                self.shown = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
