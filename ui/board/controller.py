"""The board's behaviour: poll the center, announce each new call by voice (Qt text-to-speech
where an engine exists, a chime otherwise, the system bell where the machine has no sound
libraries), honour mute, and keep retrying when the center blips."""

import logging

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from app.paths import RESOURCES
from app.queue.dto import Board, BoardCall, BoardSource
from ui.background import run_in_background
from ui.board.view import BoardView

log = logging.getLogger(__name__)
POLL_MS = 1500
RETRY_MS = (2000, 4000, 8000, 15000)


def call_text(call: BoardCall) -> str:
    return f"请{call.label}号到{call.window_no}号窗口办理"


class Voice:
    """Text-to-speech when the platform has an engine; otherwise a chime, so a call is never silent."""

    def __init__(self):
        self.tts = None
        self.chime = None
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech

            if QTextToSpeech.availableEngines():
                self.tts = QTextToSpeech()
        except ImportError:
            self.tts = None
        if self.tts is None:
            try:
                from PySide6.QtMultimedia import QSoundEffect
            except ImportError as exc:  # no sound libraries on this machine (e.g. libpulse): the bell
                log.warning("no sound for the board (%s); calls ring the system bell", exc)
            else:
                self.chime = QSoundEffect()
                self.chime.setSource(QUrl.fromLocalFile(str(RESOURCES / "sounds" / "chime.wav")))
        self.muted = False

    @property
    def kind(self) -> str:
        return "语音" if self.tts is not None else "提示音" if self.chime is not None else "系统铃声"

    def say(self, text: str) -> None:
        if self.muted:
            return
        if self.tts is not None:
            self.tts.say(text)
        elif self.chime is not None:
            self.chime.play()
        else:
            QApplication.beep()


class BoardController(QObject):
    def __init__(self, view: BoardView, client: BoardSource, voice: Voice | None = None):
        super().__init__(view)
        self.view, self.client = view, client
        self.voice = voice or Voice()
        self.seq = 0  # the newest event shown; 0 also for a hall with none yet today
        self.shown = False  # the first answer's calls are history: only later ones are spoken
        self.failures = 0
        self.in_flight = False
        view.mute.toggled.connect(self._mute)
        QShortcut(QKeySequence("M"), view).activated.connect(view.mute.toggle)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.poll)
        self.poll()

    def _mute(self, muted: bool) -> None:
        self.voice.muted = muted
        self.view.mute.setText("已静音（M）" if muted else "静音（M）")

    def poll(self) -> None:
        if self.in_flight:
            return
        self.in_flight = True
        run_in_background(lambda: self.client.board(after_seq=self.seq), self._shown, self._failed, owner=self)

    def _shown(self, board: Board) -> None:
        self.in_flight = False
        self.failures = 0
        self.view.show_board(board)
        if self.shown:
            for call in board.announce:
                self.voice.say(call_text(call))
        self.seq, self.shown = board.seq, True
        self.timer.start(POLL_MS)

    def _failed(self, exc: Exception) -> None:
        self.in_flight = False
        delay = RETRY_MS[min(self.failures, len(RETRY_MS) - 1)]
        self.failures += 1
        log.warning("board poll failed: %s", exc)  # the reason is for the log; the hall sees a calm line
        self.view.offline(f"叫号信息暂停更新，{delay // 1000} 秒后自动重连，请留意窗口的呼叫。")
        self.timer.start(delay)
