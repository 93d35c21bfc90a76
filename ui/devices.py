"""`python main.py kiosk | board | rating-pad --window N`: the hall's devices, each a full-screen
client of the center's queue."""

from argparse import Namespace
from pathlib import Path

from app.hall_settings.client import HallSettingsClient
from ui.device import run_device
from ui.hall_name import HallName


def run(command: str, db_path: Path, args: Namespace) -> int:
    if command == "kiosk":
        from ui.kiosk.controller import KioskController
        from ui.kiosk.view import KioskView

        def make(client):
            view = KioskView()
            view.controller = KioskController(view, client)
            view.hall_name = HallName(view, HallSettingsClient(client.store, client.workstation_id))
            return view

        return run_device(db_path, "自助取号机", make)
    if command == "board":
        from ui.board.controller import BoardController
        from ui.board.view import BoardView

        def make(client):
            view = BoardView()
            view.controller = BoardController(view, client)
            view.hall_name = HallName(view, HallSettingsClient(client.store, client.workstation_id))
            return view

        return run_device(db_path, "叫号屏", make, screen=-1 if args.screen is None else args.screen)
    from ui.rating_pad.controller import RatingPadController
    from ui.rating_pad.view import RatingPadView

    def make(client):
        view = RatingPadView(args.window)
        view.controller = RatingPadController(view, client)
        return view

    return run_device(db_path, f"{args.window} 号窗口评价器", make)
