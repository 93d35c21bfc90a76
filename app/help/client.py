"""Help and agent service as a workstation reaches it at the center.

requests(include_closed) -> [{id, request_no, kind, subject, applicant, urgency,
  target_on, status, agent, progress: [accepted, total], overdue}]
request(id) -> {…, lead_department, agent, assign_reason, plan: [{seq, matter_id,
  matter, department, depends_on, case_no, state (未受理/已受理/已办结), ready}], progress,
  log: [{id, at, staff_no, kind, text, due_on, done_on}], rating, rating_reason}
suggestions(id) -> [{staff_no, name, covered, total, level, load, max_load, available,
  missing, fits}] the best first
Dates come as ISO text."""

from datetime import date

from app.center_client import CenterClient
from app.help.base import HelpRefused
from app.help.requests import NewRequest


class HelpClient(CenterClient):
    prefix = "/v1/help"
    refused = HelpRefused
    service = "帮办代办"

    def requests(self, include_closed: bool = False) -> list[dict]:
        return self._request("GET", "/requests", params={"include_closed": include_closed})

    def create(self, new: NewRequest) -> str:
        body = {
            **{k: v for k, v in new.__dict__.items() if k != "plan"},
            "target_on": new.target_on.isoformat() if new.target_on else None,
            "plan": [{"matter_id": p.matter_id, "depends_on": list(p.depends_on)} for p in new.plan],
        }
        return self._request("POST", "/requests", json=body)["id"]

    def request(self, request_id: str) -> dict:
        return self._request("GET", f"/requests/{request_id}")

    def suggestions(self, request_id: str) -> list[dict]:
        return self._request("GET", f"/requests/{request_id}/suggestions")

    def assign(self, request_id: str, agent_no: str, reason: str = "") -> None:
        body = {"agent_no": agent_no, "reason": reason}
        self._request("POST", f"/requests/{request_id}/assign", json=body)

    def log(self, request_id: str, kind: str, text: str, due_on: date | None = None) -> None:
        body = {"kind": kind, "text": text, "due_on": due_on.isoformat() if due_on else None}
        self._request("POST", f"/requests/{request_id}/log", json=body)

    def done(self, log_id: str) -> None:
        self._request("POST", f"/log/{log_id}/done", json={})

    def reminders(self, within_days: int = 3) -> list[dict]:
        return self._request("GET", "/reminders", params={"within_days": within_days})

    def link(self, request_id: str, seq: int, case_no: str) -> None:
        body = {"seq": seq, "case_no": case_no}
        self._request("POST", f"/requests/{request_id}/link", json=body)

    def close(self, request_id: str, note: str) -> None:
        self._request("POST", f"/requests/{request_id}/close", json={"note": note})

    def cancel(self, request_id: str, note: str) -> None:
        self._request("POST", f"/requests/{request_id}/cancel", json={"note": note})

    def rate(self, request_id: str, level: int, reason: str = "") -> None:
        body = {"level": level, "reason": reason}
        self._request("POST", f"/requests/{request_id}/rate", json=body)

    def agents(self) -> list[dict]:
        return self._request("GET", "/agents")

    def workload(self, first: date, last: date) -> list[dict]:
        params = {"first": first.isoformat(), "last": last.isoformat()}
        return self._request("GET", "/workload", params=params)
