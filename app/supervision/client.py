"""电子监察 as a workstation reaches it at the center, where the signals are kept."""

from app.center_client import CenterClient
from app.supervision.dto import SignalRow, SweepResult


class SignalClient(CenterClient):
    """app.supervision.dto.Signals over HTTP."""

    prefix = "/v1/supervision/signals"
    service = "电子监察"

    def sweep(self) -> SweepResult:
        return self._call(SweepResult, "POST", "/sweep")

    def signals(self, include_explained: bool = True) -> list[SignalRow]:
        return self._call(list[SignalRow], "GET", "", params={"include_explained": include_explained})

    def explain(self, signal_id: str, reason: str) -> None:
        self._request("POST", f"/{signal_id}/explain", json={"reason": reason})
