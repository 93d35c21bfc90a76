"""The 自查自纠 tab's form: a department's own answer to an item the record cannot judge (1, 2, 5),
是 or 否 with a note (for 否, what is not yet in place). The center checks it; its messages come
back under the fields they concern, and a refusal as a whole on the summary line, the dialog
keeping what was typed."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QDialog, QFormLayout, QHBoxLayout, QRadioButton, QWidget

from app.supervision.scorecard import Answer, Verdict
from ui.center_form import CenterForm
from ui.supervision.ledger_dialogs import text_box
from ui.widgets import wrapped_label

NOTE_HINT = "回答“否”时必填：写明存在的问题；回答“是”时可写明依据（500 字以内）"


class AnswerDialog(CenterForm, QDialog):
    """answer: the item as the scorecard shows it now; unit: the department's name."""

    submitted = Signal()  # OK (Enter): the controller sends verdict() and note() and answers

    def __init__(self, answer: Answer, unit: str, parent=None):
        super().__init__(parent)
        self.answer = answer
        self.setWindowTitle(f"自查填报 · 第 {answer.item_no} 项")
        self.setMinimumWidth(560)
        about = wrapped_label(f"{unit}\n第 {answer.item_no} 项　{answer.text}\n当前：{answer.verdict}")
        self.yes = QRadioButton("是（符合）")
        self.no = QRadioButton("否（存在问题）")
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            self.group.addButton(button)
        if answer.verdict == Verdict.YES:
            self.yes.setChecked(True)
        elif answer.verdict == Verdict.NO:
            self.no.setChecked(True)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        row.addStretch(1)
        self.note = text_box(90)
        self.note.setPlaceholderText(NOTE_HINT)
        self.form_buttons("提交")
        form = QFormLayout()
        self.add_field(form, "answer", "是否符合", choice, self.yes)
        self.add_field(form, "note", "说明", self.note)
        self.stack(about, form)
        (self.no if self.no.isChecked() else self.yes).setFocus()

    def verdict(self) -> Verdict:
        """是 or 否 as chosen; neither chosen yet, 待填 (the center asks for one)."""
        if self.yes.isChecked():
            return Verdict.YES
        return Verdict.NO if self.no.isChecked() else Verdict.OPEN

    def note_text(self) -> str:
        return self.note.toPlainText()
