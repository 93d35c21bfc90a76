"""The red banner across the top of the manager's window, on whatever page is shown, while the hall
has cases nobody can take any more (无人可办): a grey status-bar line is missed, and such a case
waits on the manager (a letter to register or renew, a reviewer to post). 查看 opens the 授权书
page, which lists them with why; 知道了 closes it for the session."""

from html import escape

from PySide6.QtCore import Signal

from app.approval.dto import StrandedCase
from ui.banner import Banner
from ui.palette import ALERT

LISTED = 2  # the banner names the first cases; the 授权书 page lists them all


def banner_text(rows: list[StrandedCase]) -> str:
    named = "；".join(f"{escape(r.case_no)}《{escape(r.matter)}》{escape(r.reason)}" for r in rows[:LISTED])
    more = f"等 {len(rows)} 件" if len(rows) > LISTED else ""
    return f"<b>无人可办的办件 {len(rows)} 件</b>：{named}{more}。请登记或续签授权书，或为部门安排审批人员。"


class StrandedBanner(Banner):
    open_cases = Signal()  # 查看: the main window shows the 授权书 page

    def __init__(self, parent=None):
        super().__init__(
            f"StrandedBanner {{ background: {ALERT}; }} QLabel {{ color: white; }}"
            f" QPushButton {{ color: {ALERT}; background: white; }}",
            "查看",
            parent,
        )
        self.view.clicked.connect(self.open_cases)

    def show_cases(self, rows: list[StrandedCase]) -> None:
        self.text.setText(banner_text(rows) if rows else "")
        self.setVisible(bool(rows))
