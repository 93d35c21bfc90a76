"""The audit log page (managers): the latest entries and a chain verification."""

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout

from app import audit
from app.actor import Actor
from app.audit_labels import action_label, detail_text, entity_label
from app.clock import hall_time
from app.context import AppContext
from ui.background import run_in_background
from ui.page import Clients, Page
from ui.rows_model import FullTextModel
from ui.widgets import keyed_button, wrapped_label


class AuditModel(FullTextModel):  # a long subject or detail is cut in its column: whole in the tooltip
    headers = ("序号", "时间", "人员", "操作", "对象", "原因", "详情")

    def cells(self, r: audit.AuditRow) -> tuple[str, ...]:
        return (
            str(r.seq),
            f"{hall_time(r.at):%Y-%m-%d %H:%M:%S}",  # the log keeps UTC; the hall reads its own clock
            r.staff,
            action_label(r.action),
            f"{entity_label(r.entity)} {r.subject}".strip(),
            r.reason,
            detail_text(r.detail),
        )


class AuditPage(Page):
    def __init__(self, ctx: AppContext, actor: Actor, parent=None):
        super().__init__(parent)
        self.ctx, self.actor = ctx, actor
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.refresh_button = keyed_button("刷新", "F5")
        self.verify_button = QPushButton("校验审计日志")
        self.result = wrapped_label("审计日志只可追加；每条记录的哈希覆盖其内容和上一条的哈希。")
        bar = QHBoxLayout()
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.verify_button)
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.result)
        layout.addWidget(self.table)
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)

    def refresh(self) -> None:
        self.model.set_rows(audit.list_recent(self.ctx.store, self.actor))
        self.table.resizeColumnsToContents()

    def verify(self) -> None:
        self.result.setText("正在校验…")
        store = self.ctx.store
        run_in_background(
            lambda: audit.verify_store(store), self._show, lambda exc: self.result.setText(f"校验失败：{exc}")
        )

    def _show(self, report: audit.VerifyReport) -> None:
        if report.ok:
            self.result.setText(f"✔ 校验通过：{report.checked} 条记录，哈希链完整。")
        else:
            self.result.setText("✘ 发现问题：\n" + "\n".join(report.problems))


def build(clients: Clients, actor: Actor) -> AuditPage:
    """审计日志 (managers): this workstation's own log and its chain."""
    return AuditPage(clients.ctx, actor)
