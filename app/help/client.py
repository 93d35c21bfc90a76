"""Help and agent service as a workstation reaches it at the center."""

from datetime import date

from app.center_client import CenterClient
from app.help.base import HelpRefused
from app.help.dto import AgentFigures, AgentRow, NewRequest, Reminder, RequestRow, RequestView, Suggestion
from app.web import wire


class HelpClient(CenterClient, prefix="/v1/help", refused=HelpRefused, service="帮办代办"):
    """app.help.dto.Helps over HTTP."""

    def requests(self, include_closed: bool = False) -> list[RequestRow]:
        return self._call(list[RequestRow], "GET", "/requests", params={"include_closed": include_closed})

    def create(self, new: NewRequest) -> str:
        return self._call(wire.Created, "POST", "/requests", json=wire.encode(new)).id

    def request(self, request_id: str) -> RequestView:
        return self._call(RequestView, "GET", f"/requests/{request_id}")

    def suggest(self, request_id: str) -> list[Suggestion]:
        return self._call(list[Suggestion], "GET", f"/requests/{request_id}/suggestions")

    def assign(self, request_id: str, agent_no: str, reason: str = "") -> None:
        body = {"agent_no": agent_no, "reason": reason}
        self._request("POST", f"/requests/{request_id}/assign", json=body)

    def log(self, request_id: str, kind: str, text: str, due_on: date | None = None) -> None:
        body = {"kind": kind, "text": text, "due_on": due_on.isoformat() if due_on else None}
        self._request("POST", f"/requests/{request_id}/log", json=body)

    def done(self, log_id: str) -> None:
        self._request("POST", f"/log/{log_id}/done", json={})

    def reminders(self, within_days: int = 3) -> list[Reminder]:
        return self._call(list[Reminder], "GET", "/reminders", params={"within_days": within_days})

    def link_case(self, request_id: str, seq: int, case_no: str) -> None:
        body = {"seq": seq, "case_no": case_no}
        self._request("POST", f"/requests/{request_id}/link", json=body)

    def close(self, request_id: str, note: str) -> None:
        self._request("POST", f"/requests/{request_id}/close", json={"note": note})

    def cancel(self, request_id: str, reason: str) -> None:
        self._request("POST", f"/requests/{request_id}/cancel", json={"reason": reason})

    def rate(self, request_id: str, level: int, reason: str = "") -> None:
        body = {"level": level, "reason": reason}
        self._request("POST", f"/requests/{request_id}/rate", json=body)

    def agents(self) -> list[AgentRow]:
        return self._call(list[AgentRow], "GET", "/agents")

    def workload(self, first: date, last: date) -> list[AgentFigures]:
        params = {"first": first.isoformat(), "last": last.isoformat()}
        return self._call(list[AgentFigures], "GET", "/workload", params=params)
