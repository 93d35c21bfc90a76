"""The kiosk's screen: one large button per category, the priority choice, an optional ID
number typed on an on-screen keypad, 预约签到 (the booking number, ID number or phone typed on the
same keypad), and the ticket just issued. Sized for fingers. While the center cannot be reached
the kiosk is paused: a large notice under the title, and nothing to press that could not work."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.queue.dto import Category
from ui.message import tell
from ui.palette import ALERT, GREY_TEXT

# No 预约 here: an appointment's priority comes only from checking its booking in (预约签到 below).
PRIORITIES = [("", "普通"), ("老年人", "老年人"), ("残疾人", "残疾人"), ("孕妇", "孕妇")]
# Sized for fingers, yet the whole screen fits a 1366×768 monitor.
BIG = "font-size: 26px; min-height: 84px; padding: 0 8px;"
KEY = "font-size: 28px; min-height: 48px; min-width: 64px; padding: 0;"


class KioskView(QWidget):
    category_chosen = Signal(str)

    def __init__(self, hall_name: str = ""):
        super().__init__()
        self.title = title = QLabel()
        title.setStyleSheet("font-size: 34px; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.show_hall(hall_name)
        self.paused_notice = QLabel()
        self.paused_notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paused_notice.setWordWrap(True)
        self.paused_notice.setStyleSheet(
            f"font-size: 34px; font-weight: bold; color: white; background: {ALERT}; padding: 8px; border-radius: 6px;"
        )
        self.paused_notice.hide()
        self.paused = False
        self.categories = QGridLayout()
        self.category_buttons: dict[str, QPushButton] = {}
        self.served: dict[str, bool] = {}  # category code -> a window serves it now

        self.priority = QButtonGroup(self)
        priorities = QHBoxLayout()
        for i, (key, label) in enumerate(PRIORITIES):
            b = QPushButton(label)
            b.setCheckable(True)
            b.setStyleSheet("font-size: 22px; min-height: 60px;")
            b.setProperty("priority", key)
            b.setChecked(i == 0)
            self.priority.addButton(b, i)
            priorities.addWidget(b)

        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText("身份证号（可不填；填写后同一类别只能取一个号）")
        self.id_number.setMaxLength(18)
        self.id_number.setStyleSheet("font-size: 26px; min-height: 48px;")
        keypad = QGridLayout()
        keys = [*"123456789", "X", "0", "退格"]
        for i, key in enumerate(keys):
            b = QPushButton(key)
            b.setStyleSheet(KEY)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, k=key: self._key(k))
            keypad.addWidget(b, i // 3, i % 3)
        clear = QPushButton("清空")
        clear.setStyleSheet(KEY)
        clear.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        clear.clicked.connect(self.id_number.clear)
        keypad.addWidget(clear, 0, 3, 4, 1)  # beside the digits: one row less to reach
        check_in_hint = self._caption("已预约？在上方输入预约号、身份证号或手机号")
        check_in_hint.setWordWrap(True)
        self.check_in_button = QPushButton("预约签到")
        self.check_in_button.setStyleSheet(BIG)

        self.message = QLabel("请选择办理类别")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 24px;")
        self.ticket = QLabel("")
        self.ticket.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ticket.setStyleSheet("font-size: 30px;")

        left = QVBoxLayout()
        left.addWidget(self._caption("办理类别"))
        left.addLayout(self.categories)
        left.addWidget(self._caption("优先类别"))
        left.addLayout(priorities)
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(self._caption("身份证号（选填）"))
        right.addWidget(self.id_number)
        right.addLayout(keypad)
        right.addSpacing(4)
        right.addWidget(check_in_hint)
        right.addWidget(self.check_in_button)
        right.addStretch()
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addSpacing(30)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)
        layout.addWidget(title)
        layout.addWidget(self.paused_notice)
        layout.addSpacing(10)
        layout.addLayout(body, 1)
        layout.addWidget(self.ticket)
        layout.addWidget(self.message)

    def show_hall(self, name: str) -> None:
        """The center's name from the hall's settings (none until they are read)."""
        self.title.setText(f"{name} · 自助取号" if name else "自助取号")

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet(f"font-size: 22px; color: {GREY_TEXT};")
        return label

    def _key(self, key: str) -> None:
        if key == "退格":
            self.id_number.backspace()
        else:
            self.id_number.insert(key)

    def show_categories(self, categories: list[Category]) -> None:
        """Buttons are kept and relabelled, so a refresh never moves what a finger is about to touch."""
        for i, c in enumerate(categories):
            button = self.category_buttons.get(c.code)
            if button is None:
                button = QPushButton()
                button.setStyleSheet(BIG)
                button.clicked.connect(lambda _=False, code=c.code: self.category_chosen.emit(code))
                self.category_buttons[c.code] = button
                self.categories.addWidget(button, i // 2, i % 2)
            button.setText(f"{c.code}  {c.name}\n等候 {c.waiting} 人 · 约 {c.est_wait_min} 分钟")
            button.setProperty("name", c.name)
            self.served[c.code] = bool(c.windows)
        self._resume()

    def pause(self, text: str) -> None:
        """The center cannot be reached: say so where everyone sees it, and offer nothing to press
        (the waiting counts shown would be stale, and no ticket can be issued)."""
        self.paused = True
        self.paused_notice.setText(text)
        self.paused_notice.show()
        for code, button in self.category_buttons.items():
            button.setText(f"{code}  {button.property('name')}\n暂停取号")
        for line in (self.ticket, self.message):  # the notice says it all, in their room
            line.hide()
        self._enable(False)

    def _resume(self) -> None:
        if self.paused:
            self.paused = False
            self.paused_notice.hide()
            self.ticket.show()
            self.message.show()
            self.say("请选择办理类别")
        self._enable(True)

    def _enable(self, on: bool) -> None:
        for code, button in self.category_buttons.items():
            button.setEnabled(on and not self.paused and self.served.get(code, False))
        self.check_in_button.setEnabled(on and not self.paused)

    def chosen_priority(self) -> str:
        checked = self.priority.checkedButton()
        assert checked is not None, "one of the exclusive group is always checked"
        return checked.property("priority")

    def reset(self) -> None:
        self.id_number.clear()
        self.priority.button(0).setChecked(True)

    def say(self, text: str, error: bool = False) -> None:
        tell(self.message, text, error, size=24)

    def set_busy(self, busy: bool) -> None:
        self._enable(not busy)
