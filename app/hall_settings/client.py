"""The hall's settings as a workstation or device reaches them at the center, which owns them:
the center's names for the kiosk and board, and the manager's page and changes. A change made
here comes back to every workstation with the next pull of reference data."""

from app.center_client import CenterClient
from app.hall_settings.dto import Overview
from app.hall_settings.fields import CenterFields, DepartmentFields
from app.web import wire


class HallSettingsClient(CenterClient, prefix="/v1/settings", service="大厅设置"):
    """app.hall_settings.dto.HallSettings over HTTP."""

    def center(self) -> CenterFields:
        """Empty strings until a manager sets them."""
        return self._call(CenterFields, "GET", "/center")

    def overview(self) -> Overview:
        return self._call(Overview, "GET", "")

    def update_center(self, new: CenterFields, reason: str) -> None:
        self._request("PUT", "/center", json={**wire.encode(new), "reason": reason})

    def update_department(self, department_id: str, new: DepartmentFields, reason: str) -> None:
        body = {**wire.encode(new), "reason": reason}
        self._request("PUT", f"/departments/{department_id}", json=body)
