"""`python main.py kiosk | board | rating-pad`: the hall's devices, each a full-screen client of
the center's queue with its own enrollment (a pad's window is the one it was enrolled for)."""

from argparse import Namespace

from PySide6.QtCore import QObject

from app.devices.credential import DeviceCredential, DeviceFile
from app.devices.scope import DeviceKind
from app.hall_settings.client import HallSettingsClient
from app.queue.client import QueueClient
from ui.device import run_device
from ui.hall_name import HallName


def _hall_name(view: QObject, client: QueueClient) -> HallName:
    """The center's name on a kiosk or a board, read from the same center the queue talks to."""
    return HallName(view, HallSettingsClient(client.store, client.workstation_id))


def run(file: DeviceFile, enrolled: DeviceCredential, args: Namespace) -> int:
    kept: list[QObject] = []  # the view's controller and hall name, for as long as the device runs
    if enrolled.kind == DeviceKind.KIOSK:
        from ui.kiosk.controller import KioskController
        from ui.kiosk.view import KioskView

        def kiosk(client: QueueClient) -> KioskView:
            view = KioskView()
            kept.extend([KioskController(view, client), _hall_name(view, client)])
            return view

        return run_device(file, "自助取号机", kiosk)
    if enrolled.kind == DeviceKind.BOARD:
        from ui.board.controller import BoardController
        from ui.board.view import BoardView

        def board(client: QueueClient) -> BoardView:
            view = BoardView()
            kept.extend([BoardController(view, client), _hall_name(view, client)])
            return view

        return run_device(file, "叫号屏", board, screen=-1 if args.screen is None else args.screen)
    from ui.rating_pad.controller import RatingPadController
    from ui.rating_pad.view import RatingPadView

    window_no = enrolled.window_no
    assert window_no is not None, "a rating pad is enrolled for its window"

    def pad(client: QueueClient) -> RatingPadView:
        view = RatingPadView(window_no)
        kept.append(RatingPadController(view, client))
        return view

    return run_device(file, enrolled.device.label, pad)
