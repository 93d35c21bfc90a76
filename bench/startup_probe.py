"""Runs the real client (ui.client.run_client) and watches it: prints LOGIN_SHOWN when the login
window appears, logs in as the demo manager, prints RSS_MB once the main window is shown, quits."""

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


class Watcher(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show:
            name = type(obj).__name__
            if name == "LoginDialog" and not getattr(self, "seen_login", False):
                self.seen_login = True
                print("LOGIN_SHOWN", flush=True)
                QTimer.singleShot(0, lambda: self._login(obj))
            elif name == "MainWindow":
                QTimer.singleShot(0, lambda: self._measure(obj))
        return False

    def _login(self, dialog) -> None:
        from app.demo import DEMO_PASSWORD

        dialog.staff_no.setText("C001")  # the clerk: the heaviest main window
        dialog.password.setText(DEMO_PASSWORD)
        dialog.try_login()

    def _measure(self, window) -> None:
        import psutil

        QApplication.processEvents()
        print("RSS_MB", round(psutil.Process().memory_info().rss / 2**20, 1), flush=True)
        window.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    watcher = Watcher()
    app.installEventFilter(watcher)
    from ui.client import run_client

    return run_client(Path(sys.argv[1]))


if __name__ == "__main__":
    sys.exit(main())
