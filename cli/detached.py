"""Processes of this program that outlive the one starting them (the demo's center and devices),
found again by their process id files. A process is started in a session of its own, so closing
the terminal or the client that started it, or Ctrl+C there, leaves it running."""

import os
import subprocess
import sys
import time
from pathlib import Path

import psutil

from app.paths import ROOT

MAIN = ROOT / "main.py"


class Detached:
    """The processes kept in `folder`, each named after its command (center, kiosk, board,
    rating-pad): NAME.pid holds its id (`kill $(cat NAME.pid)` ends it), NAME.log what it printed."""

    def __init__(self, folder: Path):
        self.folder = folder

    def pid_file(self, name: str) -> Path:
        return self.folder / f"{name}.pid"

    def log_file(self, name: str) -> Path:
        return self.folder / f"{name}.log"

    def start(self, name: str, args: list[str], env: dict[str, str] | None = None) -> int:
        """`python main.py ARGS…` (ARGS name the command `name`) in a session of its own; returns
        its process id."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with self.log_file(name).open("ab") as log:
            proc = subprocess.Popen(
                [sys.executable, str(MAIN), *args],
                cwd=ROOT,
                # A crash (a segfault in Qt, say) leaves its stack in the log, not a silent end.
                env={**os.environ, "PYTHONFAULTHANDLER": "1", **(env or {})},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                **_own_session(),
            )
        self.pid_file(name).write_text(f"{proc.pid}\n", encoding="ascii")
        return proc.pid

    def running(self, name: str) -> psutil.Process | None:
        """The process the id file names, if it is alive and still this program's `name` (an id
        can be reused by an unrelated process after a reboot)."""
        try:
            pid = int(self.pid_file(name).read_text(encoding="ascii").split()[0])
            proc = psutil.Process(pid)
            alive = proc.status() != psutil.STATUS_ZOMBIE
            command = proc.cmdline()
        except (OSError, ValueError, IndexError, psutil.Error):
            return None
        return proc if alive and str(MAIN) in command and name in command else None

    def stop(self, name: str, timeout: float = 10.0) -> bool:
        """Ends the process; True if it was running."""
        proc = self.running(name)
        self.pid_file(name).unlink(missing_ok=True)
        if proc is None:
            return False
        proc.terminate()
        if not _ended(proc, timeout):
            proc.kill()
            _ended(proc, timeout)
        return True

    def log_tail(self, name: str, lines: int = 8) -> str:
        try:
            text = self.log_file(name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.strip().splitlines()[-lines:])


def _ended(proc: psutil.Process, timeout: float) -> bool:
    """Waits for the process to end. One whose parent (the client that started it) is still
    running stays a zombie until that parent exits: it has ended all the same."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


def _own_session() -> dict:
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.DETACHED_PROCESS}
    return {"start_new_session": True}
