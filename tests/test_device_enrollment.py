"""Each hall device enrolls with a code made for its kind and keeps its own credential in a device
file of its own (`main.py kiosk|board|rating-pad [--file F] enroll …`); the rules of the kinds are
pure and tested from tables."""

import json
import stat
import subprocess
import sys

import pytest

from app.devices.credential import DeviceFile, DeviceFileUnreadable, NotEnrolled, enrolled_as
from app.devices.scope import Device, DeviceKind, code_problem, scope_refusal, window_refusal
from tests.helpers import ROOT

KIOSK, BOARD, PAD, WORKSTATION = DeviceKind.KIOSK, DeviceKind.BOARD, DeviceKind.RATING_PAD, DeviceKind.WORKSTATION


@pytest.mark.parametrize(
    ("kind", "window_no", "problem"),
    [
        (WORKSTATION, None, None),
        (KIOSK, None, None),
        (BOARD, None, None),
        (PAD, 3, None),
        (PAD, None, "须指明所在窗口"),
        (KIOSK, 3, "取号机的注册码不需要窗口号"),
        (WORKSTATION, 1, "工作站的注册码不需要窗口号"),
    ],
)
def test_a_code_names_a_window_exactly_for_a_rating_pad(kind, window_no, problem):
    found = code_problem(kind, window_no)
    assert found == problem if problem is None else problem in found


@pytest.mark.parametrize(
    ("device", "granted", "refused"),
    [
        (Device("k", KIOSK), {KIOSK}, False),
        (Device("k", KIOSK), {WORKSTATION}, True),
        (Device("b", BOARD), {KIOSK, WORKSTATION}, True),
        (Device("p", PAD, 3), {PAD, WORKSTATION}, False),
        (Device("w", WORKSTATION), {PAD}, True),
    ],
)
def test_a_device_reaches_only_the_kinds_a_route_grants(device, granted, refused):
    why = scope_refusal(device, frozenset(granted))
    assert (why is not None) == refused
    if refused:
        assert why.startswith("该设备（") and why.endswith("无权使用此功能。")


@pytest.mark.parametrize(
    ("device", "window_no", "refused"),
    [
        (Device("p", PAD, 3), 3, False),
        (Device("p", PAD, 3), 4, True),
        (Device("w", WORKSTATION), 4, False),  # a workstation serves any window it is posted at
    ],
)
def test_a_pad_is_bound_to_its_window(device, window_no, refused):
    why = window_refusal(device, window_no)
    assert (why is not None) == refused
    if refused:
        assert "3 号窗口评价器" in why and f"不能用于 {window_no} 号窗口" in why


def main_py(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_devices_enroll_from_the_command_line_each_with_its_own_file(center, tmp_path):
    db = f"sqlite:///{tmp_path / 'center.sqlite3'}"
    refused = main_py("center", "code", "--url", db, "--kind", "rating-pad")
    assert refused.returncode == 1 and "须指明所在窗口（--window 窗口号）" in refused.stderr
    outside = main_py("center", "code", "--url", db, "--kind", "board", "--outside", "局机关 302 室")
    assert outside.returncode == 1 and "只有工作站可以登记大厅以外的位置" in outside.stderr
    made = main_py("center", "code", "--url", db, "--kind", "rating-pad", "--window", "2")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip()

    pad = tmp_path / "pad.json"
    wrong = main_py("board", "--file", str(pad), "enroll", "--center", center.url, "--code", code)
    assert wrong.returncode == 1 and "该注册码用于注册评价器，不能用于叫号屏" in wrong.stderr
    assert not pad.exists()  # and the code is still good for the pad it was made for
    done = main_py("rating-pad", "--file", str(pad), "enroll", "--center", center.url, "--code", code)
    assert done.returncode == 0, done.stderr
    assert "已注册为2 号窗口评价器" in done.stdout
    saved = json.loads(pad.read_text(encoding="utf-8"))
    assert (saved["kind"], saved["window_no"], saved["center_url"]) == ("rating-pad", 2, center.url)
    assert stat.S_IMODE(pad.stat().st_mode) == 0o600  # the credential is the device's whole authority
    status = center.app.state.service.status().workstations
    assert [(w.kind, w.window_no) for w in status if w.id == saved["device_id"]] == [("rating-pad", 2)]

    # The programs refuse, before any window opens, a file for another kind or window, or none.
    other_kind = main_py("kiosk", "--file", str(pad))
    assert other_kind.returncode == 1 and "是评价器的注册信息，不能用于取号机" in other_kind.stderr
    other_window = main_py("rating-pad", "--file", str(pad), "--window", "3")
    assert other_window.returncode == 1 and "本评价器注册在 2 号窗口，不能用于 3 号窗口" in other_window.stderr
    missing = main_py("board", "--file", str(tmp_path / "none.json"))
    assert missing.returncode == 1 and "本叫号屏尚未注册到中心" in missing.stderr
    assert "center code --kind board" in missing.stderr


def test_a_damaged_device_file_says_so(tmp_path):
    broken = tmp_path / "kiosk.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(DeviceFileUnreadable, match="无法读取"):
        DeviceFile(broken).read()
    with pytest.raises(NotEnrolled, match="尚未注册"):
        enrolled_as(DeviceFile(tmp_path / "none.json"), KIOSK)
