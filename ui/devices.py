"""`python main.py kiosk | board | rating-pad`: the hall's devices, each a full-screen client of
the center's queue with its own enrollment (a pad's window is the one it was enrolled for)."""

from argparse import Namespace

from app.devices.credential import DeviceCredential, DeviceFile
from app.devices.scope import DeviceKind
from app.hall_settings.client import HallSettingsClient
from ui.device import run_device
from ui.hall_name import HallName


def run(file: DeviceFile, enrolled: DeviceCredential, args: Namespace) -> int:
    if enrolled.kind == DeviceKind.KIOSK:
        from ui.kiosk.controller import KioskController
        from ui.kiosk.view import KioskView

        def make(client):
            view = KioskView()
            view.controller = KioskController(view, client)
            view.hall_name = HallName(view, HallSettingsClient(client.store, client.workstation_id))
            return view

        return run_device(file, "自助取号机", make)
    if enrolled.kind == DeviceKind.BOARD:
        from ui.board.controller import BoardController
        from ui.board.view import BoardView

        def make(client):
            view = BoardView()
            view.controller = BoardController(view, client)
            view.hall_name = HallName(view, HallSettingsClient(client.store, client.workstation_id))
            return view

        return run_device(file, "叫号屏", make, screen=-1 if args.screen is None else args.screen)
    from ui.rating_pad.controller import RatingPadController
    from ui.rating_pad.view import RatingPadView

    def make(client):
        view = RatingPadView(enrolled.window_no)
        view.controller = RatingPadController(view, client)
        return view

    return run_device(file, enrolled.device.label, make)
