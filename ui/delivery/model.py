"""Results waiting to be delivered as a table: the most urgent first (the center sorts them),
yellow when the 10-working-day delivery limit is near, red once it has passed."""

from app.delivery.dto import DeliveryRow
from app.delivery.service import MAILED
from ui.palette import WARNING
from ui.rows_model import RowsModel


def days_text(left: int) -> str:
    return f"超期 {-left} 天" if left < 0 else str(left)


class DeliveryModel(RowsModel):
    headers = ("办件编号", "事项", "申请人", "决定", "决定日期", "送达期限", "剩余工作日", "方式", "状态", "快递单号")

    def cells(self, r: DeliveryRow) -> tuple[str, ...]:
        return (
            r.case_no,
            r.matter,
            r.applicant,
            f"{r.decision}许可",
            str(r.decided_on),
            str(r.due_on),
            # Once mailed the limit is met (sending counts); only the carrier's answer is awaited.
            "—" if r.status == MAILED else days_text(r.days_left),
            r.method or "—",
            r.status,
            r.tracking_no or "—",
        )

    def color(self, r: DeliveryRow) -> str | None:
        return WARNING.get(r.warning)
