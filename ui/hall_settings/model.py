"""The departments and what their documents print, as a table; a department not set yet is
light yellow, with what its notices print meanwhile."""

from app.hall_settings.dto import DepartmentSettingsRow
from ui.palette import YELLOW
from ui.rows_model import RowsModel

UNSET = YELLOW


def seal_text(text: str, purpose: str) -> str:
    return f"{text}（{purpose}）"


class DepartmentsModel(RowsModel):
    headers = ("部门", "受理专用章", "审批专用章", "行政复议机关", "行政诉讼法院")

    def cells(self, d: DepartmentSettingsRow) -> tuple[str, ...]:
        f = d.fields or d.defaults
        return (
            d.name,
            seal_text(f.acceptance_seal, f.acceptance_seal_purpose),
            seal_text(f.approval_seal, f.approval_seal_purpose),
            f.reconsideration_body or "未设置（文书只写“依法申请行政复议”）",
            f.court or "未设置（文书只写“依法提起行政诉讼”）",
        )

    def color(self, d: DepartmentSettingsRow) -> str | None:
        return UNSET if d.fields is None else None
