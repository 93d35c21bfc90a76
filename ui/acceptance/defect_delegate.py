"""Editing a defect: pick one of the material's published common errors, or type another."""

from PySide6.QtWidgets import QComboBox

from ui.acceptance.checklist_model import ChecklistModel
from ui.widgets import RowColors


class DefectDelegate(RowColors):  # the defect column keeps the row's status colour
    def __init__(self, model: ChecklistModel, parent=None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.addItems(list(self.model.items[index.row()].common_errors))
        line = box.lineEdit()
        assert line is not None, "an editable box has its line edit"
        line.setPlaceholderText("选择常见错误或直接输入问题")
        return box

    def setEditorData(self, editor, index):
        current = self.model.items[index.row()].defect
        editor.setCurrentText(current or (editor.itemText(0) if editor.count() else ""))
        editor.lineEdit().selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentText())
