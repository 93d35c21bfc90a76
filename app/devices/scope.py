"""What each kind of enrolled machine may do at the center. An enrollment code is made for one
kind (a rating pad: for one window), the center records the kind on the enrolled machine's row,
and each route grants only the kinds that use it (app.web.caller.device). A refusal names the
machine, so the center records who tried what."""

from dataclasses import dataclass
from enum import StrEnum

from app.errors import PermissionDenied


class DeviceKind(StrEnum):
    WORKSTATION = "workstation"
    KIOSK = "kiosk"
    BOARD = "board"
    RATING_PAD = "rating-pad"


LABELS = {
    DeviceKind.WORKSTATION: "工作站",
    DeviceKind.KIOSK: "取号机",
    DeviceKind.BOARD: "叫号屏",
    DeviceKind.RATING_PAD: "评价器",
}


@dataclass(frozen=True)
class Device:
    """An enrolled machine as the center knows it; window_no only for a rating pad."""

    id: str
    kind: DeviceKind
    window_no: int | None = None

    @property
    def label(self) -> str:
        if self.kind == DeviceKind.RATING_PAD:
            return f"{self.window_no} 号窗口{LABELS[self.kind]}"
        return LABELS[self.kind]


class DeviceRefused(PermissionDenied):
    """A machine asked for something its kind may not do; the center answers 403 and records it."""

    def __init__(self, device: Device, message: str):
        super().__init__(message)
        self.device = device


def code_problem(kind: DeviceKind, window_no: int | None) -> str | None:
    """An enrollment code names a window exactly when it is for a rating pad."""
    if kind == DeviceKind.RATING_PAD and window_no is None:
        return "评价器的注册码须指明所在窗口（--window 窗口号）。"
    if kind != DeviceKind.RATING_PAD and window_no is not None:
        return f"只有评价器的注册码指明窗口，{LABELS[kind]}的注册码不需要窗口号。"
    return None


def scope_refusal(device: Device, granted: frozenset[DeviceKind]) -> str | None:
    if device.kind in granted:
        return None
    return f"该设备（{device.label}）无权使用此功能。"


def window_refusal(device: Device, window_no: int) -> str | None:
    """A rating pad reads and rates its own window's service only; other kinds are not bound to one."""
    if device.kind != DeviceKind.RATING_PAD or device.window_no == window_no:
        return None
    return f"该设备（{device.label}）只能查看和评价本窗口的服务，不能用于 {window_no} 号窗口。"


def revoked(device: Device) -> str:
    return f"该{LABELS[device.kind]}已被中心吊销，不能再使用。请联系大厅管理员。"


def kind_mismatch(code_kind: DeviceKind, enrolling: DeviceKind) -> str:
    return (
        f"该注册码用于注册{LABELS[code_kind]}，不能用于{LABELS[enrolling]}。"
        f"请向大厅管理员申请{LABELS[enrolling]}的注册码。"
    )
