"""电子监察 as a workstation reaches it at the center, where the signals are kept."""

from app.center_client import CenterClient
from app.supervision.dto import SignalRow, SweepResult, TooFastLimitRow


class SignalClient(CenterClient, prefix="/v1/supervision/signals", service="电子监察"):
    """app.supervision.dto.Signals over HTTP."""

    def sweep(self) -> SweepResult:
        return self._call(SweepResult, "POST", "/sweep")

    def signals(self, include_explained: bool = True) -> list[SignalRow]:
        return self._call(list[SignalRow], "GET", "", params={"include_explained": include_explained})

    def explain(self, signal_id: str, reason: str) -> None:
        self._request("POST", f"/{signal_id}/explain", json={"reason": reason})

    def too_fast_limits(self) -> list[TooFastLimitRow]:
        return self._call(list[TooFastLimitRow], "GET", "/too-fast-limits")

    def set_too_fast_limit(self, matter_id: str, minutes: int | None) -> None:
        self._request("PUT", f"/too-fast-limits/{matter_id}", json={"minutes": minutes})
