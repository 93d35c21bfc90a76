"""Table models of the hall page: a day's figures, tidal suggestions and log, rectification items."""

from app.queue.dto import GroupStats, Rectification, TidalLogRow
from ui.rows_model import RowsModel


def _n(value) -> str:
    return "—" if value is None else str(value)


class StatsModel(RowsModel):
    headers = ("分组", "取号数", "已办结", "过号", "平均等候(分)", "95%等候不超过(分)", "平均办理(分)")

    def __init__(self, label: str, parent=None):
        super().__init__(parent)
        self.label = label

    def cells(self, g: GroupStats) -> tuple[str, ...]:
        return (
            self.label.format(g.key),
            str(g.issued),
            str(g.served),
            str(g.no_show),
            _n(g.avg_wait_min),
            _n(g.p95_wait_min),
            _n(g.avg_service_min),
        )


class TidalModel(RowsModel):
    headers = ("窗口", "类别", "开启", "开启原因", "关闭", "关闭原因", "操作人")

    def cells(self, t: TidalLogRow) -> tuple[str, ...]:
        return (
            f"{t.window_no} 号",
            t.category_code,
            t.opened_at[11:16],
            t.open_reason,
            (t.closed_at or "")[11:16] or "开启中",
            t.close_reason,
            " / ".join(filter(None, [t.opened_by, t.closed_by])),
        )


class RectificationModel(RowsModel):
    headers = ("排队号", "窗口", "工作人员", "评价", "原因", "关联办件", "开立", "整改期限", "状态")

    def cells(self, r: Rectification) -> tuple[str, ...]:
        return (
            r.label,
            f"{r.window_no} 号",
            r.staff_no,
            r.level,
            r.reason,
            "、".join(r.case_nos) or "—",
            r.opened_on.isoformat(),
            r.due_on.isoformat(),
            r.status,
        )
