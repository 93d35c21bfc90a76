"""The clerk's calling bar above every page: the ticket at this window, the calling actions with
their keys, the waiting counts, and, when the center cannot be reached, the walk-in record.
The bar wraps onto a second line where the window is narrow (1366×768 at 125 %) rather than
widening the window; the keys are in each button's tooltip."""

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout

from app.queue.dto import WindowState
from app.queue.tickets import CALLED, SERVING
from ui.palette import ALERT, RULE
from ui.widgets import wrapping_bar

# F2 stays with the checklist (write the defect); the calling keys sit next to it.
ACTIONS = [
    ("call", "叫号", "F3"),
    ("recall", "重呼", "F4"),
    ("no_show", "过号", "Alt+G"),
    ("start", "开始办理", "Alt+S"),
    ("end", "结束办理", "Alt+E"),
    ("park", "暂停", "Alt+P"),
    ("resume", "恢复", "Alt+R"),
    ("transfer", "转移…", "Alt+T"),
]
COMPACT = f"#queuePanel {{ border-bottom: 1px solid {RULE}; }} #queuePanel QPushButton {{ padding: 0 10px; }}"


class QueuePanel(QFrame):
    def __init__(self, window_no: int):
        super().__init__()
        self.setObjectName("queuePanel")
        self.setStyleSheet(COMPACT)
        self.title = QLabel(f"<b>排队叫号 · {window_no} 号窗口</b>")
        self.current = QLabel("当前：无")
        self.current.setMinimumWidth(230)  # room for a called ticket, so the buttons do not jump at each call
        self.buttons: dict[str, QPushButton] = {}
        for key, text, shortcut in ACTIONS:
            button = QPushButton(text)
            button.setShortcut(shortcut)
            button.setToolTip(f"{text}（{shortcut}）")
            self.buttons[key] = button
        self.waiting = QLabel("")
        self.walk_in = QPushButton("登记无号服务")
        self.walk_in.setToolTip("中心不可达时，记录一次没有排队号的接待，恢复连接后自动上传")
        self.walk_in.hide()
        self.offline = QLabel("")
        self.offline.setStyleSheet(f"color: {ALERT};")
        self.offline.setWordWrap(True)
        self.offline.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(2)
        layout.addWidget(wrapping_bar(self.title, self.current, *self.buttons.values(), self.waiting, self.walk_in))
        layout.addWidget(self.offline)

    def show_state(self, state: WindowState) -> None:
        ticket = state.current
        if ticket is None:
            self.current.setText("当前：无")
        else:
            name = f" {ticket.name_masked}" if ticket.name_masked else ""
            recalls = f" · 重呼 {ticket.recalls} 次" if ticket.recalls else ""
            self.current.setText(f"当前：<b>{ticket.label}</b>{name} · {ticket.status}{recalls}")
        status = ticket.status if ticket else None
        enabled = {
            "call": ticket is None,
            "recall": status == CALLED,
            "no_show": status == CALLED,
            "start": status == CALLED,
            "end": status == SERVING,
            "park": status in (CALLED, SERVING),
            "resume": ticket is None and bool(state.parked),
            "transfer": ticket is not None,
        }
        for key, button in self.buttons.items():
            button.setEnabled(enabled[key])
        parked = f" · 暂停 {len(state.parked)}" if state.parked else ""
        parked += f" · 指定本窗口 {state.waiting_here}" if state.waiting_here else ""
        self.waiting.setText("等候：" + "  ".join(f"{c} {n}" for c, n in state.waiting.items()) + parked)
        self.offline.setText("")
        self.offline.hide()

    def show_offline(self, text: str, walk_in_open: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)
        self.offline.setText(text)
        self.offline.show()
        self.walk_in.show()
        self.walk_in.setText("结束无号服务" if walk_in_open else "登记无号服务")

    def show_online(self) -> None:
        self.walk_in.hide()
