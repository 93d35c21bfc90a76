"""待办提醒 (layout): deferred slips (2-working-day rule, automatic acceptance at 5), outstanding
容缺 commitments, and notices waiting to be printed. Overdue rows are red, rows due soon yellow.
Its behaviour is ui.acceptance.followup_controller."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.acceptance.service import AcceptanceService, CommitmentRow, PendingSlip
from app.actor import Actor
from app.notices.dto import IssuedNotice
from ui.acceptance.followup_controller import FollowUpController, FollowUpLists
from ui.message import tell
from ui.page import Clients, Page
from ui.palette import RED, YELLOW
from ui.rows_model import RowsModel
from ui.widgets import keyed_button, rows_table, selected_row, wrapped_label


class PendingModel(RowsModel):
    headers = ("申请人", "事项", "收件日期", "告知期限", "逾期自动受理日")

    def cells(self, r: PendingSlip) -> tuple[str, ...]:
        due = f"{r.slip_due_on:%Y-%m-%d}" + ("（已逾期）" if r.overdue else "")
        return (r.applicant, r.title, f"{r.received_on:%Y-%m-%d}", due, f"{r.auto_accept_on:%Y-%m-%d}")

    def color(self, r: PendingSlip) -> str | None:
        return RED if r.overdue else None


class CommitmentModel(RowsModel):
    headers = ("办件编号", "申请人", "容缺材料", "承诺补交日期", "状态")

    def cells(self, r: CommitmentRow) -> tuple[str, ...]:
        state = "已逾期" if r.overdue else "即将到期" if r.due_soon else "未到期"
        return (r.case_no, r.applicant, r.material, f"{r.due_on:%Y-%m-%d}", state)

    def color(self, r: CommitmentRow) -> str | None:
        return RED if r.overdue else YELLOW if r.due_soon else None


class UnprintedModel(RowsModel):
    headers = ("文书编号", "文书")

    def cells(self, n: IssuedNotice) -> tuple[str, ...]:
        return (n.notice_no, n.kind)


def _tab(table: QTableView, *buttons: QPushButton) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    bar = QHBoxLayout()
    for b in buttons:
        bar.addWidget(b)
    bar.addStretch()
    layout.addLayout(bar)
    layout.addWidget(table)
    return page


class FollowUpPage(Page):
    open_deferred = Signal(str)  # application id: issue its slip on the acceptance page
    print_notice = Signal(object)  # IssuedNotice

    def __init__(self, service: AcceptanceService, actor: Actor, parent=None):
        super().__init__(parent)
        self.pending, self.commitments, self.unprinted = PendingModel(self), CommitmentModel(self), UnprintedModel(self)
        self.pending_view = rows_table(self.pending, stretch=True)
        self.commitment_view = rows_table(self.commitments, stretch=True)
        self.unprinted_view = rows_table(self.unprinted, stretch=True)
        self.open_button = QPushButton("核验并出具告知单")
        self.supplied_button = QPushButton("标记已补交")
        self.print_button = QPushButton("打印 / 补打")
        self.refresh_button = keyed_button("刷新", "F5")
        self.notice = wrapped_label()
        self.tabs = QTabWidget()
        self.tabs.addTab(_tab(self.pending_view, self.open_button), "待告知（2 个工作日内）")
        self.tabs.addTab(_tab(self.commitment_view, self.supplied_button), "容缺承诺")
        self.tabs.addTab(_tab(self.unprinted_view, self.print_button), "待打印文书")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.notice, 1)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        self.controller = FollowUpController(self, service, actor)

    def refresh(self) -> None:
        self.controller.refresh()

    def show_lists(self, lists: FollowUpLists) -> None:
        auto = lists.auto_accepted
        if auto:
            self.say(
                "以下申请逾期未出具一次性告知单，已依法自收到材料之日起受理（行政许可法第三十二条）：\n"
                + "\n".join(f"{'、'.join(r.case_nos)}（{r.notices[0].notice_no}）" for r in auto),
                error=True,
            )
        self.pending.set_rows(lists.pending)
        self.commitments.set_rows(lists.commitments)
        self.unprinted.set_rows(lists.unprinted)
        overdue = sum(r.overdue for r in self.pending.rows) + sum(r.overdue for r in self.commitments.rows)
        self.tabs.setTabText(0, f"待告知（{len(self.pending.rows)}）")
        self.tabs.setTabText(1, f"容缺承诺（{len(self.commitments.rows)}）")
        self.tabs.setTabText(2, f"待打印文书（{len(self.unprinted.rows)}）")
        if not auto:
            self.say(f"有 {overdue} 项已逾期，请优先处理。" if overdue else "", error=True)

    def say(self, text: str, error: bool = False) -> None:
        tell(self.notice, text, error)

    def urgent_summary(self) -> str:
        parts = []
        overdue_slips = sum(r.overdue for r in self.pending.rows)
        overdue = sum(r.overdue for r in self.commitments.rows)
        soon = sum(r.due_soon for r in self.commitments.rows)
        if overdue_slips:
            parts.append(f"{overdue_slips} 件待告知申请已超过 2 个工作日")
        if overdue:
            parts.append(f"{overdue} 项容缺材料已逾期")
        if soon:
            parts.append(f"{soon} 项容缺材料即将到期")
        if self.unprinted.rows:
            parts.append(f"{len(self.unprinted.rows)} 份文书待打印")
        return "；".join(parts)

    def selected(self, view: QTableView, model: RowsModel):
        return selected_row(view, model.rows)


def build(clients: Clients, actor: Actor) -> FollowUpPage:
    """待办提醒 (clerks): over this workstation's acceptance."""
    return FollowUpPage(clients.ctx.acceptance, actor)
