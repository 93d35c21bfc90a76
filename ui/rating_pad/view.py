"""The rating pad (评价器) facing the applicant: who served them and which ticket, five levels
from 非常满意 to 非常不满意, and a reason, required for the two lowest."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.queue.dto import WindowState
from app.queue.rating import LEVELS
from ui.message import tell
from ui.palette import RATING

COLORS = RATING
REASONS = ["等候时间长", "办理效率低", "服务态度差", "材料要求没讲清楚", "多次往返", "系统故障"]


class RatingPadView(QWidget):
    rated = Signal(int, str)

    def __init__(self, window_no: int):
        super().__init__()
        self.window_no = window_no
        self.header = QLabel(f"{window_no} 号窗口 · 服务评价")
        self.header.setStyleSheet("font-size: 34px; font-weight: bold;")
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.serving = QLabel("")
        self.serving.setStyleSheet("font-size: 26px;")
        self.serving.setAlignment(Qt.AlignmentFlag.AlignCenter)
        levels = QHBoxLayout()
        self.level_buttons = []
        for level, label in LEVELS.items():
            b = QPushButton(label)
            b.setStyleSheet(f"font-size: 28px; min-height: 110px; color: white; background: {COLORS[level]};")
            b.clicked.connect(lambda _=False, v=level: self._chosen(v))
            levels.addWidget(b)
            self.level_buttons.append(b)
        self.reason_box = QWidget()
        reasons = QGridLayout(self.reason_box)
        ask = QLabel("请告诉我们原因（必填，可多选，也可补充）：")
        ask.setStyleSheet("font-size: 24px;")
        reasons.addWidget(ask, 0, 0, 1, 3)
        self.reason_buttons = []
        for i, text in enumerate(REASONS):
            b = QPushButton(text)
            b.setCheckable(True)
            b.setStyleSheet("font-size: 22px; min-height: 48px;")
            reasons.addWidget(b, 1 + i // 3, i % 3)
            self.reason_buttons.append(b)
        self.reason_text = QLineEdit()
        self.reason_text.setPlaceholderText("其他原因")
        self.reason_text.setStyleSheet("font-size: 22px; min-height: 50px;")
        reasons.addWidget(self.reason_text, 3, 0, 1, 3)
        self.submit = QPushButton("提交评价")
        self.submit.setStyleSheet("font-size: 26px; min-height: 56px;")
        self.submit.clicked.connect(self._submit_low)
        reasons.addWidget(self.submit, 4, 0, 1, 3)
        self.reason_box.hide()
        self.message = QLabel("")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 24px;")
        layout = QVBoxLayout(self)
        # With the reasons open, the pad still fits a 1366×768 screen at 125 %.
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addWidget(self.header)
        layout.addWidget(self.serving)
        layout.addSpacing(12)
        layout.addLayout(levels)
        layout.addWidget(self.reason_box)
        layout.addStretch()
        layout.addWidget(self.message)
        self.pending_level: int | None = None

    def _chosen(self, level: int) -> None:
        if level <= 2:
            self.pending_level = level
            self.reason_box.show()
            self.say(f"您选择了“{LEVELS[level]}”，请选择或填写原因后提交。")
            return
        self.rated.emit(level, "")

    def _submit_low(self) -> None:
        picked = [b.text() for b in self.reason_buttons if b.isChecked()]
        extra = self.reason_text.text().strip()
        reason = "；".join([*picked, extra] if extra else picked)
        if not reason:
            self.say("请至少选择或填写一个原因。", error=True)
            return
        self.rated.emit(self.pending_level, reason)

    def show_window(self, state: WindowState) -> None:
        ticket = state.rateable
        self.setEnabled(True)
        for b in self.level_buttons:
            b.setEnabled(ticket is not None)
        if ticket is None:
            self.serving.setText(f"工作人员：{state.staff_name or '—'}　当前没有正在办理的业务")
        else:
            self.serving.setText(f"为您服务的是：{state.staff_name}　排队号：{ticket.label}　请对本次服务进行评价")

    def reset(self) -> None:
        self.pending_level = None
        self.reason_box.hide()
        self.reason_text.clear()
        for b in self.reason_buttons:
            b.setChecked(False)

    def say(self, text: str, error: bool = False) -> None:
        tell(self.message, text, error, size=24)
