"""The hall's settings as a workstation or device reaches them at the center, which owns them:
the center's names for the kiosk and board, and the manager's page and changes. A change made
here comes back to every workstation with the next pull of reference data."""

from dataclasses import asdict

from app.center_client import CenterClient
from app.hall_settings.fields import CenterFields, DepartmentFields


class HallSettingsClient(CenterClient):
    prefix = "/v1/settings"
    service = "大厅设置"

    def center(self) -> dict:
        """{center_name, center_address, center_phone}; empty strings until a manager sets them."""
        return self._request("GET", "/center")

    def overview(self) -> dict:
        return self._request("GET", "")

    def update_center(self, new: CenterFields, reason: str) -> None:
        self._request("PUT", "/center", json={**asdict(new), "reason": reason})

    def update_department(self, department_id: str, new: DepartmentFields, reason: str) -> None:
        body = {**asdict(new), "reason": reason}
        self._request("PUT", f"/departments/{department_id}", json=body)
