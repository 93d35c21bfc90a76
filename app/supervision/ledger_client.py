"""The 问题台账 as a workstation reaches it at the center, where supervisors and managers keep it."""

from app.center_client import CenterClient
from app.choices import DepartmentChoice
from app.supervision import ledger_excel
from app.supervision.ledger_dto import LedgerRow, NewLedgerItem
from app.supervision.ledger_rules import LedgerStatus
from app.web import wire


class LedgerClient(CenterClient, prefix="/v1/supervision/ledger", service="问题台账"):
    """app.supervision.ledger_dto.Ledger over HTTP."""

    def ledger(self, status: LedgerStatus | None = None, department_id: str | None = None) -> list[LedgerRow]:
        params = {k: str(v) for k, v in (("status", status), ("department_id", department_id)) if v is not None}
        return self._call(list[LedgerRow], "GET", "", params=params)

    def add(self, new: NewLedgerItem, signal_id: str | None = None) -> LedgerRow:
        return self._call(LedgerRow, "POST", "", json={**wire.encode(new), "signal_id": signal_id})

    def advance(self, item_id: str, status: LedgerStatus, note: str = "") -> LedgerRow:
        return self._call(LedgerRow, "POST", f"/{item_id}/advance", json={"status": str(status), "note": note})

    def departments(self) -> list[DepartmentChoice]:
        return self._call(list[DepartmentChoice], "GET", "/departments")

    def export_excel(self, rows: list[LedgerRow]) -> bytes:
        """The rows already fetched, as a workbook made here: nothing more to ask the center."""
        return ledger_excel.workbook(rows)
