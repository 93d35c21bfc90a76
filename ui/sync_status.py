"""Sync in the client: a round every 30 s, soon after each write, and when the center comes back;
always off the UI thread. The status bar says online/offline, what is waiting and when it last
synced; refused changes are listed in the tooltip with the center's reason."""

import logging
from datetime import UTC

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from app.sync.dto import OutboxStatus
from app.sync.engine import SyncEngine
from ui.background import run_in_background
from ui.palette import ALERT

log = logging.getLogger(__name__)

INTERVAL_MS = 30_000
OFFLINE_INTERVAL_MS = 3_000  # while the center is away, look for it often: the outbox empties soon after it returns
SOON_MS = 1_500


class SyncStatus(QObject):
    synced = Signal(object)  # SyncReport

    def __init__(self, engine: SyncEngine, label: QLabel, parent=None):
        super().__init__(parent)
        self.engine, self.label = engine, label
        self.running = False
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.run)
        self.soon_timer = QTimer(self, singleShot=True, interval=SOON_MS)
        self.soon_timer.timeout.connect(self.run)
        if engine.enrolled():
            self.timer.start()
            self.show(engine.status(), None)
            self.run()
        else:
            label.setText("连接：单机运行（未注册到中心）")

    def stop(self) -> None:
        """Logout: no more rounds for this window (a round in flight is dropped with its owner)."""
        self.timer.stop()
        self.soon_timer.stop()

    def request(self) -> None:
        """After a write: push it soon, without waiting for the next round."""
        if self.engine.enrolled():
            self.soon_timer.start()

    def run(self) -> None:
        if self.running:
            return
        self.running = True
        engine = self.engine
        run_in_background(
            lambda: (engine.sync(retries=1, backoff=0.5), engine.status()), self._done, self._failed, owner=self
        )

    def _done(self, result) -> None:
        self.running = False
        report, status = result
        self.timer.setInterval(INTERVAL_MS if report.ok else OFFLINE_INTERVAL_MS)
        self.show(status, report)
        self.synced.emit(report)

    def _failed(self, exc: Exception) -> None:
        self.running = False
        log.error("sync round failed", exc_info=exc)  # the clerk reads words, the log the cause
        self.label.setText("连接：同步出错，稍后自动重试")

    def show(self, status: OutboxStatus, report) -> None:
        online = report is None or report.ok
        when = "—"
        if status.last_sync_at:  # stored in UTC, shown in the clerk's local time
            when = f"{status.last_sync_at.replace(tzinfo=UTC).astimezone():%H:%M}"
        state = "在线" if online else ("需升级程序" if report and report.outdated else "离线")
        if report is not None and report.untrusted:  # the tooltip says what to do
            state = "中心证书不受信任"
        text = f"连接：{state} · 待上传 {status.pending} · 上次同步 {when}"
        if status.rejected:
            text += f" · 被拒 {len(status.rejected)}"
        self.label.setText(text)
        lines = [f"中心：{status.center}"]
        if report is not None and report.error:
            lines.append(report.error)
        lines += [f"被拒绝的变更 #{r.mutation_id}：{r.reason}" for r in status.rejected]
        self.label.setToolTip("\n".join(lines))
        self.label.setStyleSheet("" if online and not status.rejected else f"color: {ALERT};")
