"""The smaller questions of the 帮办代办 page: a log entry (with an optional reminder date), the
case a plan item was accepted as, a note to close or cancel with, the confirmation to cancel, and
the applicant's rating. Each returns what was entered, or None when cancelled."""

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from app.errors import FieldError
from app.help.dto import RequestView
from app.help.model import LOG_KINDS
from app.queue.rating import LEVELS
from ui.fields_dialog import FieldsDialog
from ui.message import tell
from ui.rating_pad.view import COLORS
from ui.widgets import date_edit, day_of, qdate, wrapped_label


def _text_box(placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setMaximumHeight(110)
    return box


def _required(box: QPlainTextEdit, key: str, message: str) -> list[FieldError]:
    return [] if box.toPlainText().strip() else [FieldError(key, message)]


class LogDialog(FieldsDialog):
    def __init__(self, parent, view: RequestView, today: date):
        super().__init__(
            parent,
            f"记录：{view.request_no}",
            "记录每一次联系和办理步骤。填写提醒日期的，到期前 3 天起列入左侧提醒。",
            "记录",
        )
        self.kind = QComboBox()
        self.kind.addItems(list(LOG_KINDS))
        self.text = _text_box("如：电话联系刘强，约定 3 月 4 日上午到厂勘查")
        self.remind = QCheckBox("设置提醒")
        self.due_on = date_edit(today, "yyyy年MM月dd日")
        self.due_on.setMinimumDate(qdate(today))  # the center refuses a reminder in the past
        self.due_on.setEnabled(False)
        self.remind.toggled.connect(self.due_on.setEnabled)
        self.add("kind", "类型", self.kind)
        self.add("text", "内容", self.text)
        self.form.addRow("", self.remind)
        self.add("due_on", "提醒日期", self.due_on)

    def answer(self) -> tuple[str, str, date | None]:
        due = day_of(self.due_on) if self.remind.isChecked() else None
        return self.kind.currentText(), self.text.toPlainText().strip(), due

    def local_errors(self) -> list[FieldError]:
        return _required(self.text, "text", "请填写记录内容。")


class LinkDialog(FieldsDialog):
    """For a matter accepted without the agent's proxy (the applicant came in person): its case."""

    def __init__(self, parent, view: RequestView):
        super().__init__(
            parent,
            f"关联办件：{view.request_no}",
            "申请人自行到窗口受理的事项，在此关联其办件编号（办件须已同步到中心）。",
            "关联",
        )
        self.seq = QComboBox()
        for p in view.plan:
            if p.case_no is None:
                self.seq.addItem(f"第 {p.seq} 项  {p.matter}", p.seq)
        self.case_no = QLineEdit()
        self.case_no.setPlaceholderText("受理通知书上的办件编号")
        self.add("seq", "计划事项", self.seq)
        self.add("case_no", "办件编号", self.case_no)

    def answer(self) -> tuple[int, str]:
        return self.seq.currentData(), self.case_no.text().strip().upper()

    def local_errors(self) -> list[FieldError]:
        if self.seq.currentData() is None:
            return [FieldError("seq", "计划中的事项均已关联办件。")]
        return [] if self.case_no.text().strip() else [FieldError("case_no", "请填写办件编号。")]


class NoteDialog(FieldsDialog):
    def __init__(self, parent, title: str, note: str, label: str, ok_text: str, placeholder: str = ""):
        super().__init__(parent, title, note, ok_text)
        self.label = label
        self.text = _text_box(placeholder)
        self.add("text", label, self.text)

    def answer(self) -> str:
        return self.text.toPlainText().strip()

    def local_errors(self) -> list[FieldError]:
        return _required(self.text, "text", f"请填写{self.label}。")


class RatingDialog(QDialog):
    """Turned to the applicant: five large buttons as on the rating pad; the two lowest ask why."""

    def __init__(self, parent, view: RequestView):
        super().__init__(parent)
        self.setWindowTitle("帮办代办服务评价")
        self.level: int | None = None
        heading = QLabel(f"请您为本次帮办代办服务评价（{view.request_no}，帮办员 {view.agent}）")
        heading.setStyleSheet("font-size: 22px; font-weight: bold;")
        heading.setWordWrap(True)
        row = QHBoxLayout()
        self.buttons: dict[int, QPushButton] = {}
        for level, label in LEVELS.items():
            b = QPushButton(f"{label}\n{level}")
            b.setStyleSheet(
                f"font-size: 22px; min-height: 110px; min-width: 120px; color: white; background: {COLORS[level]};"
            )
            b.clicked.connect(lambda _=False, v=level: self.choose(v))
            row.addWidget(b)
            self.buttons[level] = b
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("请告诉我们不满意的原因（必填）")
        self.reason.setStyleSheet("font-size: 18px; min-height: 40px;")
        self.submit = QPushButton("提交评价")
        self.submit.setStyleSheet("font-size: 18px; min-height: 44px;")
        self.submit.clicked.connect(self._submit_low)
        self.message = wrapped_label()
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(row)
        layout.addWidget(self.reason)
        layout.addWidget(self.submit)
        layout.addWidget(self.message)
        layout.addWidget(cancel)
        self._low(False)

    def _low(self, shown: bool) -> None:
        self.reason.setVisible(shown)
        self.submit.setVisible(shown)

    def choose(self, level: int) -> None:
        self.level = level
        if level > 2:
            self.accept()
            return
        self._low(True)
        self.reason.setFocus()
        tell(self.message, f"您选择了“{LEVELS[level]}”，请填写原因后提交。")

    def _submit_low(self) -> None:
        assert self.level is not None, "shown once a low level is chosen"
        if not self.reason.text().strip():  # as 好差评: a reason is required at 1–2
            tell(self.message, f"选择“{LEVELS[self.level]}”时请填写原因。", error=True)
            return
        self.accept()

    def answer(self) -> tuple[int, str]:
        assert self.level is not None, "accepted once a level is chosen"
        return self.level, self.reason.text().strip() if self.level and self.level <= 2 else ""


def _ask(dialog: QDialog, read):
    return read() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_log(parent, view: RequestView) -> tuple[str, str, date | None] | None:
    dialog = LogDialog(parent, view, date.today())
    return _ask(dialog, dialog.answer)


def ask_link(parent, view: RequestView) -> tuple[int, str] | None:
    dialog = LinkDialog(parent, view)
    return _ask(dialog, dialog.answer)


def _ask_note(parent, *texts: str) -> str | None:
    dialog = NoteDialog(parent, *texts)
    return _ask(dialog, dialog.answer)


def ask_close(parent, view: RequestView) -> str | None:
    note = "办结后请申请人对本次帮办代办服务评价（评价…）。"
    return _ask_note(parent, f"办结：{view.request_no}", note, "办结说明", "办结", "如：三个事项均已受理，帮办结束")


def ask_cancel(parent, view: RequestView) -> str | None:
    note = "撤销后不能恢复，原因记入日志。"
    return _ask_note(parent, f"撤销：{view.request_no}", note, "撤销原因", "下一步", "如：申请人自行办理")


def ask_rating(parent, view: RequestView) -> tuple[int, str] | None:
    dialog = RatingDialog(parent, view)
    return _ask(dialog, dialog.answer)
