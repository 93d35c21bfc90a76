"""工作量统计 (managers): per agent, the requests recorded in a period, open, closed and on time,
overdue, contacts logged and the applicants' ratings, from the center; exported to Excel off the
UI thread."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.actor import Actor
from app.help.dto import AgentFigures, Helps
from app.help.report import write_workload
from ui.background import run_in_background
from ui.file_paths import ask_save_path
from ui.help.model import WorkloadModel
from ui.message import tell
from ui.widgets import column_layout, date_edit, day_of, rows_table, wrapped_label


class WorkloadPanel(QWidget):
    message = Signal(str)  # what was done, for the status bar

    def __init__(self, client: Helps, actor: Actor, parent=None):
        super().__init__(parent)
        self.client, self.actor = client, actor
        # Replaceable (tests): asked for the workbook's path with a suggested name; "" = cancelled.
        self.choose_path = lambda name: ask_save_path(self, "导出工作量", name, "Excel (*.xlsx)")
        self.figures: list[AgentFigures] = []
        self.period: tuple[date, date] | None = None  # of the figures shown, which an export writes
        today = date.today()
        self.first = date_edit(today.replace(day=1))
        self.last = date_edit(today)
        self.query = QPushButton("统计")
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.setEnabled(False)
        self.model = WorkloadModel(self)
        self.table = rows_table(self.model, stretch=True)  # ten short figures share the width
        self.note = wrapped_label()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("登记日期："))
        bar.addWidget(self.first)
        bar.addWidget(QLabel("至"))
        bar.addWidget(self.last)
        bar.addWidget(self.query)
        bar.addStretch()
        bar.addWidget(self.export_button)
        column_layout(self, bar, fill=self.table, below=(self.note,))
        self.query.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)

    def refresh(self) -> None:
        first, last = day_of(self.first), day_of(self.last)

        def shown(rows: list[AgentFigures]) -> None:
            self.figures, self.period = rows, (first, last)
            self.model.set_rows(self.figures)
            self.export_button.setEnabled(bool(self.figures))
            tell(self.note, f"{first} 至 {last}：{len(self.figures)} 名帮办员" if rows else "该期间没有分派的申请。")

        run_in_background(lambda: self.client.workload(first, last), shown, self._failed)

    def _failed(self, exc: Exception) -> None:
        tell(self.note, str(exc), error=True)

    def export(self) -> None:
        if not self.figures or self.period is None:
            return
        first, last = self.period
        path = self.choose_path(f"帮办代办工作量_{first:%Y%m%d}-{last:%Y%m%d}.xlsx")
        if not path:
            return
        figures = list(self.figures)

        def written(_result) -> None:
            text = f"已导出工作量：{path}"
            tell(self.note, text)
            self.message.emit(text)

        def failed(exc: Exception) -> None:
            tell(self.note, f"无法写入文件：{exc}" if isinstance(exc, OSError) else str(exc), error=True)

        run_in_background(lambda: write_workload(figures, first, last, Path(path)), written, failed)
