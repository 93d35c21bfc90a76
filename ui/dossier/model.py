"""The cases a dossier lookup found, one row each: the case number, what it is, who applied,
when it was accepted and where it stands; an open case shows its working days left, yellow when
few, red when overdue."""

from app.dossier.dto import CaseSummary
from ui.palette import WARNING
from ui.rows_model import RowsModel


class DossierCasesModel(RowsModel):
    headers = ("办件编号", "事项", "申请人", "受理日期", "决定", "剩余工作日", "状态")

    def cells(self, c: CaseSummary) -> tuple[str, ...]:
        left = "—" if c.days_left is None else f"超期 {-c.days_left} 天" if c.days_left < 0 else str(c.days_left)
        return (c.case_no, c.matter, c.applicant, c.accepted_on.isoformat(), c.decision or "未决定", left, c.status)

    def color(self, c: CaseSummary) -> str | None:
        return WARNING.get(c.warning)
