"""`./dev.sh demo` (main.py demo) on a fresh machine: the center runs as a process of its own, with
the kiosk, the board and a rating pad; it outlives the client (even Ctrl+C or a closed terminal,
which signal the client's whole process group); a second launch reuses it; `demo stop` ends them.
A temporary port and data folder, never the README's 8765 or the user's data."""

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from cli.demo_hall import CENTER, DEVICES, DemoHall
from tests.helpers import ROOT
from tests.sync_harness import free_port

READY = "演示大厅已就绪"


class Launch:
    """`python main.py demo --port PORT` as a terminal would start it: in a process group of its own."""

    def __init__(self, folder: Path, port: int):
        # The past month has tests of its own (tests/test_demo_past.py); the processes are tested here.
        env = {**os.environ, "HALL_DATA_DIR": str(folder), "QT_QPA_PLATFORM": "offscreen", "HALL_DEMO_PAST": "0"}
        self.proc = subprocess.Popen(
            [sys.executable, "main.py", "demo", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_ready(self, timeout: float) -> None:
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                pytest.fail(f"the demo did not get ready: {''.join(seen)}")
            seen.append(line)
            if READY in line:
                return

    def interrupt(self) -> None:
        """What Ctrl+C or closing the terminal does: a signal to the client's whole process group."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(30)


def answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).json()["status"] == "ok"
    except httpx.TransportError:
        return False


def running(hall: DemoHall) -> dict[str, int]:
    return {name: proc.pid for name in (CENTER, *DEVICES) if (proc := hall.processes.running(name))}


def seen(hall: DemoHall) -> str:
    """For a failure's message: each process's id file, what the system says of that id, its log."""
    import psutil

    lines = []
    for name in (CENTER, *DEVICES):
        pid_file = hall.processes.pid_file(name)
        pid = pid_file.read_text(encoding="ascii").strip() if pid_file.exists() else "no id file"
        try:
            proc = psutil.Process(int(pid))
            state = f"{proc.status()} {proc.cmdline()}"
        except (ValueError, psutil.Error) as exc:
            state = repr(exc)
        lines.append(f"{name} {pid}: {state}; log: {hall.processes.log_tail(name)!r}")
    return "\n".join(lines)


@pytest.mark.slow
def test_the_center_and_devices_outlive_the_client_and_a_second_launch_reuses_them(tmp_path):
    folder, port = tmp_path / "data", free_port()
    hall = DemoHall(folder / "hall.sqlite3", port)
    launches = []
    try:
        first = Launch(folder, port)
        launches.append(first)
        first.wait_ready(timeout=240)  # a fresh machine: the center seeds its store first
        processes = running(hall)
        assert set(processes) == {CENTER, *DEVICES}, seen(hall)
        assert processes[CENTER] != first.proc.pid and os.getsid(processes[CENTER]) != os.getsid(first.proc.pid)
        assert answers(port) and (folder / "center.sqlite3").exists()
        assert DemoHall.of(folder / "hall.sqlite3", None).port == port  # for a client started without --port

        first.interrupt()
        assert first.proc.returncode is not None
        assert answers(port)  # the hall's queue is still there
        assert running(hall) == processes, seen(hall)  # and so are the kiosk, the board and the pad

        second = Launch(folder, port)
        launches.append(second)
        second.wait_ready(timeout=120)
        assert running(hall) == processes  # reused: no second center, no second kiosk
        second.interrupt()

        env = {**os.environ, "HALL_DATA_DIR": str(folder)}
        stop = subprocess.run(
            [sys.executable, "main.py", "demo", "stop", "--port", str(port)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert stop.returncode == 0 and "已停止" in stop.stdout and "中心" in stop.stdout
        assert not answers(port) and running(hall) == {}
        assert not list((folder / "demo").glob("*.pid"))
    finally:
        for launch in launches:
            launch.interrupt()
        hall.stop()


def test_a_port_taken_by_another_program_is_named_not_reused(tmp_path):
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from cli.demo_hall import DemoHallError

    class NotACenter(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), NotACenter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        hall = DemoHall(tmp_path / "hall.sqlite3", server.server_address[1])
        with pytest.raises(DemoHallError, match="已被其他程序占用"):
            hall.ensure_center(lambda _text: None)
        assert not (tmp_path / "demo" / "center.pid").exists()
    finally:
        server.shutdown()


def test_stop_ends_a_process_whose_starter_is_still_running(tmp_path):
    """The client that started a device may still be open: the ended device stays its zombie child
    until the client exits, and `demo stop` (another process) must not wait for that."""
    import time

    from cli.detached import Detached

    url = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    starter = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from cli.detached import Detached; "
            f"Detached(Path(sys.argv[1])).start('center', ['center', 'serve', '--url', {url!r}, "
            f"'--port', '{free_port()}']); print('started', flush=True); time.sleep(60)",
            str(tmp_path / "demo"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert starter.stdout.readline().strip() == "started"
        processes = Detached(tmp_path / "demo")
        assert processes.running(CENTER) is not None
        begun = time.monotonic()
        assert processes.stop(CENTER)
        assert time.monotonic() - begun < 8 and processes.running(CENTER) is None
        assert not processes.stop(CENTER)  # already ended: nothing to do
    finally:
        starter.kill()
        starter.wait()


def test_a_client_started_without_a_port_joins_the_center_the_hall_last_started(tmp_path):
    """Started again without --port, a client took 8765 and started a second center over the same
    store, and `demo stop --port N` then stopped the wrong one."""
    from cli.demo_hall import DEMO_PORT

    db = tmp_path / "hall.sqlite3"
    assert DemoHall.of(db, None).port == DEMO_PORT  # never started: the README's port
    DemoHall.of(db, 8794).port_file.parent.mkdir(parents=True)
    DemoHall.of(db, 8794).port_file.write_text("8794\n", encoding="ascii")  # as start() leaves it
    assert DemoHall.of(db, None).port == 8794
    assert DemoHall.of(db, 9001).port == 9001  # a port named wins
