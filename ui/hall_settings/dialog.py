"""Changing a part of the hall's settings (the center, or one department): a line per name with
its message beside it, and the reason for the change. The center checks every field; its messages
come back under the fields they concern, and the dialog keeps what was typed until it is saved."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

from app.hall_settings.fields import LABELS, MAX_LENGTH, MAX_REASON
from ui.center_form import CenterForm
from ui.widgets import wrapped_label

PLACEHOLDERS = {
    "center_name": "如：某某县政务服务中心",
    "center_address": "如：某某县人民路88号",
    "center_phone": "如：0377-69211000",
    "acceptance_seal": "印章环形文字，如：某某县市场监督管理局",
    "acceptance_seal_purpose": "如：受理专用章",
    "approval_seal": "印章环形文字，如：某某县市场监督管理局",
    "approval_seal_purpose": "如：审批专用章",
    "reconsideration_body": "如：某某县人民政府",
    "court": "如：某某县人民法院",
}


class SettingsDialog(CenterForm, QDialog):
    """values: field -> current text (the fields shown, in order)."""

    submitted = Signal()  # 保存 (Enter): the controller sends values() and answers

    def __init__(self, title: str, note: str, values: dict[str, str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        form = QFormLayout()
        for name, value in values.items():
            self._field(form, name, QLineEdit(value, placeholderText=PLACEHOLDERS[name]), MAX_LENGTH[name])
        self.reason = QLineEdit(placeholderText="必填：为什么修改（记入审计日志）")
        self._field(form, "reason", self.reason, MAX_REASON)
        self.form_buttons("保存")
        explanation = wrapped_label(note)
        self.stack(explanation, form)
        next(iter(self.inputs.values())).setFocus()  # Tab goes down the form to 保存, as created

    def _field(self, form: QFormLayout, name: str, edit: QLineEdit, limit: int) -> None:
        edit.setMaxLength(limit + 20)  # a little over: the center says how much too long, beside the field
        self.add_field(form, name, LABELS[name], edit)

    def values(self) -> dict[str, str]:
        return {n: edit.text() for n, edit in self.inputs.items() if n != "reason" and isinstance(edit, QLineEdit)}
