"""The calling bar's behaviour: every action is sent to the center off the UI thread and the
bar shows what the center answered. Offline, the bar says so and records walk-in services."""

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog

from app.actor import Actor
from app.center_client import CenterUnreachable
from app.errors import DomainError
from app.queue.client import QueueClient
from app.queue.dto import TicketInfo, WindowState
from app.queue.walk_in import WalkInService
from ui.background import run_in_background
from ui.queue.panel import QueuePanel
from ui.widgets import ask_text

POLL_MS = 5000


class QueuePanelController(QObject):
    message = Signal(str)

    def __init__(self, panel: QueuePanel, client: QueueClient, actor: Actor, walk_ins: WalkInService):
        super().__init__(panel)
        self.panel, self.client, self.actor, self.walk_ins = panel, client, actor, walk_ins
        self.state: WindowState | None = None
        self.walk_in_id: str | None = None
        self.busy = False
        for key, button in panel.buttons.items():
            button.clicked.connect(lambda _=False, k=key: self.act(k))
        panel.walk_in.clicked.connect(self.toggle_walk_in)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(POLL_MS)
        self.refresh()

    @property
    def window_no(self) -> int:
        assert self.actor.window_no is not None, "the bar is built for someone posted at a window"
        return self.actor.window_no

    def service_ref(self) -> tuple[str | None, str | None]:
        """(ticket id, walk-in id) of the service now at this window: an accepted case links to it."""
        ticket = self.state.current if self.state else None
        return (ticket.id if ticket else None), self.walk_in_id

    def refresh(self) -> None:
        if not self.busy:
            self._send(lambda: (None, self.client.window_state(self.window_no)))

    def _send(self, work, done_text: str = "") -> None:
        """work() returns the ticket acted on (or None) and the window's state after it."""
        self.busy = True

        def done(result: tuple[TicketInfo | None, WindowState]) -> None:
            ticket, state = result
            self.busy = False
            self.state = state
            self.panel.show_online()
            self.panel.show_state(state)
            if done_text and ticket:
                self.message.emit(done_text.format(label=ticket.label))

        def failed(exc: Exception) -> None:
            self.busy = False
            if isinstance(exc, CenterUnreachable):
                self.state = None
                self.panel.show_offline(f"{exc}可登记无号服务。", self.walk_in_id is not None)
            else:
                self.message.emit(str(exc))
                self.refresh()

        run_in_background(work, done, failed, owner=self)

    def act(self, key: str) -> None:
        if self.busy:
            return
        ticket = self.state.current if self.state else None
        if key == "call":
            self._run(lambda: self.client.call_next(self.window_no), "已呼叫 {label} 号")
            return
        if key == "resume":
            parked = self.state.parked if self.state else []
            if not parked:
                return
            labels = [t.label for t in parked]
            label, ok = QInputDialog.getItem(self.panel, "恢复办理", "选择暂停的号：", labels, 0, False)
            if not ok:
                return
            target = parked[labels.index(label)].id
            self._run(lambda: self.client.act("resume", target, window_no=self.window_no), "已恢复 {label} 号")
            return
        if ticket is None:
            return
        extra: dict = {}
        if key == "transfer":
            where = self._ask_transfer()
            if where is None:
                return
            extra = where
        if key == "park":
            reason = ask_text(self.panel, "暂停", "暂停原因（如：申请人去复印材料）：")
            if reason is None:
                return
            extra = {"reason": reason}
        texts = {
            "recall": "已重呼",
            "no_show": "已标记过号",
            "start": "开始办理",
            "end": "已结束办理",
            "park": "已暂停",
            "transfer": "已转移",
        }
        self._run(lambda: self.client.act(key, ticket.id, **extra), texts[key] + " {label} 号")

    def _run(self, work, text: str) -> None:
        self._send(lambda: (work(), self.client.window_state(self.window_no)), text)

    def _ask_transfer(self) -> dict | None:
        try:
            categories = self.client.categories()
        except DomainError as exc:
            self.message.emit(str(exc))
            return None
        items = [f"{c.code} {c.name}" for c in categories] + ["指定窗口…"]
        choice, ok = QInputDialog.getItem(self.panel, "转移", "转往的类别或窗口：", items, 0, False)
        if not ok:
            return None
        if choice == "指定窗口…":
            number, ok = QInputDialog.getInt(self.panel, "转移", "窗口号：", 1, 1, 999)
            return {"window_no": number} if ok else None
        return {"category_code": choice.split()[0]}

    def toggle_walk_in(self) -> None:
        try:
            if self.walk_in_id is None:
                self.walk_in_id = self.walk_ins.start(self.actor, note="中心不可达，无号接待")
                self.message.emit("已开始无号服务：本次受理的办件会关联到它，恢复连接后自动上传。")
            else:
                self.walk_ins.end(self.actor, self.walk_in_id)
                self.walk_in_id = None
                self.message.emit("无号服务已结束。")
        except DomainError as exc:
            self.message.emit(str(exc))
        self.panel.show_offline(self.panel.offline.text(), self.walk_in_id is not None)
