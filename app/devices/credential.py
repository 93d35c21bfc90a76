"""A hall device's own enrollment, kept in a small JSON file of its own (never a workstation's
store): the center's address, the device's id and credential, and the kind and window (a rating
pad's) the center enrolled it as. Only the owner may read the file: the credential is the device's
whole authority at the center, and it reaches only its kind's routes."""

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from app.devices.scope import LABELS, Device, DeviceKind
from app.errors import DomainError
from app.paths import data_dir


class DeviceFileUnreadable(DomainError):
    pass


class NotEnrolled(DomainError):
    """The device cannot start: not enrolled, or enrolled as another kind or for another window."""


@dataclass(frozen=True)
class DeviceCredential:
    center_url: str
    device_id: str
    credential: str
    kind: DeviceKind
    window_no: int | None = None

    @property
    def device(self) -> Device:
        return Device(self.device_id, self.kind, self.window_no)


def default_path(kind: DeviceKind) -> Path:
    return data_dir() / f"{kind}.json"


class DeviceFile:
    def __init__(self, path: Path):
        self.path = path

    def read(self) -> DeviceCredential | None:
        """None when the device has not been enrolled yet."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return DeviceCredential(**{**data, "kind": DeviceKind(data["kind"])})
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise DeviceFileUnreadable(
                f"设备注册文件 {self.path} 无法读取（{exc.__class__.__name__}）。请向大厅管理员申请注册码重新注册。"
            ) from exc

    def write(self, credential: DeviceCredential) -> None:
        """Atomically, readable by the owner only."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".new")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(credential), out, ensure_ascii=False, indent=2)
        os.replace(temporary, self.path)


def enrolled_as(file: DeviceFile, kind: DeviceKind, window_no: int | None = None) -> DeviceCredential:
    """The device file's enrollment, if it is one for `kind` (a rating pad: for window `window_no`
    when one is asked for); otherwise what to do, in Chinese."""
    enrolled = file.read()
    if enrolled is None:
        window = " --window 窗口号" if kind == DeviceKind.RATING_PAD else ""
        raise NotEnrolled(
            f"本{LABELS[kind]}尚未注册到中心（{file.path} 不存在）。请大厅管理员生成{LABELS[kind]}的注册码"
            f"（python main.py center code --kind {kind}{window}），再运行 "
            f"python main.py {kind} --file {file.path} enroll --center 中心地址 --code 注册码。"
        )
    if enrolled.kind != kind:
        raise NotEnrolled(f"{file.path} 是{LABELS[enrolled.kind]}的注册信息，不能用于{LABELS[kind]}。")
    if window_no is not None and enrolled.window_no != window_no:
        raise NotEnrolled(
            f"本评价器注册在 {enrolled.window_no} 号窗口，不能用于 {window_no} 号窗口。"
            f"请为 {window_no} 号窗口申请评价器的注册码重新注册。"
        )
    return enrolled
