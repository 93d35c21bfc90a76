"""Small questions an outcome needs: the 容缺 due date, why a matter is refused, and why a later
slip raises something the first did not."""

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ui.widgets import date_edit, day_of, dialog_buttons, qdate, wrapped_label


def ask_supply_date(parent, suggested: date, first: date, last: date) -> date | None:
    """A day from `first` to `last` (the statutory limit: the case is decided once the material is in)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("容缺受理：约定补交日期")
    edit = date_edit(suggested, "yyyy年MM月dd日")
    edit.setDateRange(qdate(first), qdate(last))
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("申请人承诺在以下日期前补交所缺材料："))
    layout.addWidget(edit)
    note = wrapped_label(f"最晚可约定至 {last:%Y年%m月%d日}（法定办结期限）：材料补齐后才能作出决定。")
    layout.addWidget(note)
    layout.addWidget(dialog_buttons(dialog, "确定并出具容缺受理通知书"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return day_of(edit)


def ask_rejection(parent) -> tuple[str, str] | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("不予受理")
    reason = QPlainTextEdit()
    reason.setTabChangesFocus(True)
    reason.setPlaceholderText("必填：例如“申请事项依法不需要取得行政许可”或“不属于本机关职权范围”")
    redirect = QLineEdit(placeholderText="属于其他机关职权的，写明应向哪个机关申请")
    form = QFormLayout()
    form.addRow("理由", reason)
    form.addRow("告知向何处申请", redirect)
    error = QLabel()
    error.setProperty("role", "error")
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    box = dialog_buttons(dialog, "出具不予受理通知书")
    box.accepted.disconnect()

    def accept() -> None:
        if not reason.toPlainText().strip():
            error.setText("请填写不予受理的理由。")
            return
        dialog.accept()

    box.accepted.connect(accept)
    layout.addWidget(box)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return reason.toPlainText().strip(), redirect.text().strip()


def ask_late_reasons(parent, names: dict[str, str]) -> dict[str, str] | None:
    """names: item key -> material name. Returns key -> reason, or None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("再次告知：首次告知单未列出的问题")
    layout = QVBoxLayout(dialog)
    note = QLabel(
        "一次性告知只能告知一次。以下问题首次告知单未列出，只有确因补正材料本身引起时才可再次告知，"
        "请逐项写明原因（将记录在案，供监督检查）："
    )
    note.setWordWrap(True)
    layout.addWidget(note)
    form = QFormLayout()
    edits = {}
    for key, name in names.items():
        edits[key] = QLineEdit()
        form.addRow(name, edits[key])
    layout.addLayout(form)
    layout.addWidget(dialog_buttons(dialog, "记录原因并出具告知单"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return {key: edit.text().strip() for key, edit in edits.items()}
