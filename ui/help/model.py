"""The tables of the 帮办代办 page, as the center sends them (app.help.dto): the requests
(overdue red, 紧急/特急 yellow), the selected request's plan and log, the reminders, the pool's
suggestions and the agents' workload."""

from datetime import UTC, datetime

from app.help.dto import LogEntry, PlanItem, Reminder, RequestRow, Suggestion
from app.help.model import PlanState, Urgency
from app.help.report import HEADINGS
from ui.palette import GREEN, RED, YELLOW
from ui.rows_model import FullTextModel, RowsModel

URGENT = (Urgency.URGENT, Urgency.MOST_URGENT)


def progress_text(progress: list[int]) -> str:
    return f"{progress[0]}/{progress[1]}"


def local_time(at: datetime) -> str:
    """The center stores UTC without a zone; staff read their own clock."""
    return f"{at.replace(tzinfo=UTC).astimezone():%Y-%m-%d %H:%M}"


class RequestsModel(FullTextModel):
    headers = ("编号", "类型", "对象", "申请人/项目", "紧急程度", "目标日期", "帮办员", "进度", "状态")

    def cells(self, r: RequestRow) -> tuple[str, ...]:
        return (
            r.request_no,
            r.kind,
            r.subject,
            r.applicant,
            r.urgency,
            str(r.target_on),
            r.agent or "（待分派）",
            progress_text(r.progress),
            "已逾期" if r.overdue else str(r.status),
        )

    def color(self, r: RequestRow) -> str | None:
        if r.overdue:
            return RED
        return YELLOW if r.urgency in URGENT else None


class PlanModel(FullTextModel):
    headers = ("序号", "事项", "部门", "依赖", "办件编号", "状态", "可办理")

    def cells(self, p: PlanItem) -> tuple[str, ...]:
        waits = "、".join(str(d) for d in p.depends_on)  # seqs, as the plan's own column shows them
        ready = "—" if p.state != PlanState.NOT_ACCEPTED else ("可办理" if p.ready else f"等待 {waits}")
        return (str(p.seq), p.matter, p.department, waits or "—", p.case_no or "—", str(p.state), ready)

    def color(self, p: PlanItem) -> str | None:
        return GREEN if p.state != PlanState.NOT_ACCEPTED else None


class LogModel(FullTextModel):
    headers = ("时间", "人员", "类型", "内容", "提醒日期", "完成日期")

    def cells(self, e: LogEntry) -> tuple[str, ...]:
        return (local_time(e.at), e.staff_no, e.kind, e.text, str(e.due_on or ""), str(e.done_on or ""))


class RemindersModel(RowsModel):
    headers = ("到期日", "编号", "事项")

    def cells(self, r: Reminder) -> tuple[str, ...]:
        return (str(r.due_on), r.request_no, r.what)

    def color(self, r: Reminder) -> str | None:
        return RED if r.overdue else None


class SuggestionsModel(FullTextModel):
    headers = ("帮办员", "熟悉", "缺少", "在办", "可接单", "建议")

    def cells(self, s: Suggestion) -> tuple[str, ...]:
        return (
            f"{s.name}（{s.staff_no}）",
            f"{s.covered}/{s.total}",
            "、".join(s.missing) or "—",
            f"{s.load}/{s.max_load}",
            "是" if s.available else "否",
            "符合" if s.fits else "须说明原因",
        )

    def color(self, s: Suggestion) -> str | None:
        return None if s.fits else YELLOW


class WorkloadModel(RowsModel):
    headers = tuple(HEADINGS)

    def cells(self, f) -> tuple[str, ...]:
        return tuple(str(v) for v in f.row())
