"""Small widget set-ups every page shares: a table of plain rows (with its row colours), a
dialog's OK/取消 buttons and a date field with its calendar."""

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QTableView,
)


class RowColors(QStyledItemDelegate):
    """The theme's item rule (qt-material puts a border on ::item) makes Qt skip the model's
    BackgroundRole, so overdue red and due-soon yellow rows would show plain: painted here first."""

    def paint(self, painter, option, index) -> None:
        color = index.data(Qt.ItemDataRole.BackgroundRole)
        if color is not None and not option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, color)
        super().paint(painter, option, index)


def rows_table(model, *, stretch: bool = False) -> QTableView:
    """One row selected at a time; columns fit their contents (or share the width: stretch); the
    model's row colours show whatever the theme."""
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(RowColors(view))
    view.verticalHeader().hide()
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


def dialog_buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: date, display: str = "yyyy-MM-dd") -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(display)
    return edit
