"""结果送达 (layout): the decided cases whose result is still to be handed over or mailed, the
selected one's delivery so far, and the actions with their keys."""

from PySide6.QtWidgets import QHeaderView, QLabel, QTableView

from app.actor import Actor
from app.approval.client import NoticeClient
from app.delivery.client import DeliveryClient
from app.delivery.dto import Deliveries, DeliveryRow
from app.delivery.service import AWAITING_DELIVERY, MAILED, RETURNED
from ui.center_page import CenterPage
from ui.delivery.controller import DeliveryController
from ui.delivery.model import DeliveryModel
from ui.page import Clients
from ui.widgets import column_layout, keyed_button, rows_table, selected_row, wrapped_label, wrapping_bar


class DeliveryPage(CenterPage[DeliveryController]):
    def __init__(self, client: Deliveries, notices: NoticeClient, actor: Actor, parent=None):
        super().__init__(parent)
        self.model = DeliveryModel(self)
        self.table = rows_table(self.model, stretch=True)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        # Ten columns: sized to their contents rather than stretched equally, the last takes the rest.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.refresh_button = keyed_button("刷新", "F5")
        self.summary = QLabel("")
        self.detail = wrapped_label()
        self.collect = keyed_button("窗口领取…", "F7")
        self.mail = keyed_button("邮寄…", "F8")
        self.result = keyed_button("签收/退回…", "F9")
        self.print_decision = keyed_button("打印决定书", "F6")

        bar = wrapping_bar(self.collect, self.mail, self.result, self.print_decision, self.summary, self.refresh_button)
        column_layout(self, bar, fill=self.table, below=(self.detail, self.message))
        self.show_row(None)
        self.controller = DeliveryController(self, client, notices, actor)
        self.controller.message.connect(self.said)

    def selected(self) -> DeliveryRow | None:
        return selected_row(self.table, self.model.rows)

    def show_row(self, r: DeliveryRow | None) -> None:
        """Enables what the row's status allows; the center refuses anything else anyway."""
        status = r.status if r else None
        self.collect.setEnabled(status in (AWAITING_DELIVERY, RETURNED))
        self.mail.setEnabled(status in (AWAITING_DELIVERY, RETURNED))
        self.result.setEnabled(status == MAILED)
        self.print_decision.setEnabled(r is not None)
        self.detail.setText(_detail(r) if r else "请在上方选择办件。")


def _detail(r: DeliveryRow) -> str:
    parts = [f"{r.case_no}　{r.matter}　{r.applicant}　{r.decision}许可（{r.decided_on}）"]
    if r.status == MAILED:
        parts.append(f"{r.sent_on} 寄给 {r.recipient}，{r.carrier} {r.tracking_no}，待寄递企业回复")
    elif r.status == RETURNED:
        parts.append(f"邮件已退回（{r.carrier} {r.tracking_no}），可重新邮寄或窗口领取")
    else:
        parts.append(f"应于 {r.due_on} 前送达")
    return "；".join(parts)


def build(clients: Clients, actor: Actor) -> DeliveryPage:
    """结果送达 (clerks): the center's decided cases and the notices it keeps."""
    return DeliveryPage(clients.center(DeliveryClient), clients.center(NoticeClient), actor)
