"""The chief's or reviewer's inbox as a table: the most urgent case first, yellow when little
time is left, red when overdue."""

from ui.rows_model import RowsModel

COLORS = {"red": "#ffcdd2", "yellow": "#fff3c4"}


class InboxModel(RowsModel):
    headers = ("办件编号", "事项", "申请人", "受理日期", "待办环节", "承诺期限", "剩余工作日", "法定期限", "状态")

    def cells(self, r: dict) -> tuple[str, ...]:
        left = r["days_left"]
        return (
            r["case_no"],
            r["matter"],
            r["applicant"],
            r["accepted_on"],
            r["step"],
            r["promised_due"],
            f"超期 {-left} 天" if left < 0 else str(left),
            r["statutory_due"],
            "特殊环节中（计时暂停）" if r["paused"] else ("已超期" if left < 0 else "办理中"),
        )

    def color(self, r: dict) -> str | None:
        return COLORS.get(r["warning"])
