"""The hall's staff as a table: a person locked out is red, one who has not yet changed the
one-time password a manager gave them light yellow."""

from datetime import datetime

from app.clock import hall_time
from app.trust.dto import StaffRow
from ui.palette import RED, YELLOW
from ui.rows_model import RowsModel

LOCKED, MUST_CHANGE = RED, YELLOW


def locked_until(person: StaffRow, now: datetime) -> datetime | None:
    """Until when (UTC) the person is locked out at the center; None when they are not."""
    until = person.locked_until
    return until if until is not None and until > now else None


def status_text(person: StaffRow, now: datetime) -> str:
    until = locked_until(person, now)
    if until is not None:
        return f"已锁定（至 {hall_time(until):%H:%M}）"
    if not person.active:
        return "已停用"
    if not person.has_key:
        return "无电子签名密钥，须重置密码"
    if person.on_initial_key:
        return "待本人修改初始密码"
    return "正常"


class StaffModel(RowsModel):
    headers = ("工号", "姓名", "岗位", "部门", "窗口", "状态")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.now = datetime.min  # UTC, when the rows arrived: set with them

    def cells(self, p: StaffRow) -> tuple[str, ...]:
        window = f"{p.window_no} 号窗口" if p.window_no else ""
        return (p.staff_no, p.name, p.role_labels, p.department, window, status_text(p, self.now))

    def color(self, p: StaffRow) -> str | None:
        if locked_until(p, self.now) is not None:
            return LOCKED
        return MUST_CHANGE if p.on_initial_key or not p.has_key else None
