"""Enrolling a kiosk, board or rating pad at the center with a one-time code made for its kind
(`python main.py center code --kind …`): the device gets an id and a credential of its own, kept
in its device file. The demo launcher calls enroll_device for each device it starts."""

import socket
import uuid
from pathlib import Path

import httpx

from app.devices.credential import DeviceCredential, DeviceFile
from app.devices.scope import LABELS, DeviceKind
from app.sync.engine import request_enrollment


def enroll_device(
    path: Path,
    center_url: str,
    code: str,
    kind: DeviceKind,
    name: str = "",
    transport: httpx.BaseTransport | None = None,
    timeout: float = 10.0,
) -> DeviceCredential:
    """Enrolls this device as `kind` and writes its device file (replacing an earlier enrollment,
    which the manager revokes at the center). The center refuses a code made for another kind;
    a rating pad's window comes from its code. Raises SyncFailed with the center's reason."""
    host = socket.gethostname()
    device_id = str(uuid.uuid4())
    body = {
        "code": code,
        "workstation_id": device_id,
        "name": (name or f"{LABELS[kind]}（{host}）")[:60],
        "hostname": host[:120],
        "kind": kind,
    }
    answer = request_enrollment(center_url, body, transport, timeout)
    credential = DeviceCredential(center_url, device_id, answer.credential, answer.kind, answer.window_no)
    DeviceFile(path).write(credential)
    return credential
