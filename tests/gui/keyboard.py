"""The acceptance page driven from the keyboard, as a clerk works: a matter found, the applicant
typed, the checklist ticked, a key pressed where the focus is."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def pick(qtbot, w, query):
    view = w.acceptance_view
    qtbot.keyClicks(view.find_box, query)
    qtbot.keyClick(view.find_box, Qt.Key.Key_Return)
    assert w.acceptance.prepared is not None


def fill_person(qtbot, w, doc_no="11010519491231002X"):
    form = w.acceptance_view.applicant
    form.person.name.setText("张三")  # Chinese arrives from the input method in one commit; QTest types ASCII only
    qtbot.keyClicks(form.person.doc_no, doc_no)
    qtbot.keyClicks(form.person.phone, "13912345678")


def check_all(qtbot, w, keys_by_row=None):
    table = w.acceptance_view.checklist
    table.setFocus()
    items = w.acceptance.checklist.items
    for row, item in enumerate(items):
        table.selectRow(row)
        key = (keys_by_row or {}).get(row, Qt.Key.Key_1 if item.required else Qt.Key.Key_0)
        qtbot.keyClick(table, key)


def press(qtbot, w, key):
    qtbot.keyClick(QApplication.focusWidget() or w, key)
