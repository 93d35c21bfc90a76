"""The dossier page (layout): find a case by its number or list a date range's cases, view one
case's dossier with its check against the published guide, and export a range as one zip for the
archive. Behaviour is in ui.dossier.controller."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
)

from app.actor import Actor
from app.dossier.client import DossierClient
from app.dossier.dto import DossierFile, Dossiers
from ui.center_page import CenterPage
from ui.dossier.controller import DossierController
from ui.dossier.model import DossierCasesModel
from ui.file_paths import ask_save_path
from ui.message import tell
from ui.page import Clients
from ui.widgets import column_layout, date_edit, day_of, rows_table, search_box, wrapped_label

CHECK_HINT = "选择办件后按 Enter 或双击查看卷宗；卷宗的材料清单将与公布的办事指南核对。"


class DossierPage(CenterPage[DossierController]):
    def __init__(self, client: Dossiers, actor: Actor, parent=None):
        super().__init__(parent)
        self.preview_enabled = True  # tests turn the modal preview off
        # Replaceable (tests): asked for the archive's path with a suggested file name; None = cancelled.
        self.choose_zip_path = self._ask_zip_path

        self.case_no = search_box("办件编号，按 Enter 查找")
        self.find_button = QPushButton("查找")
        today = date.today()
        self.first = date_edit(today.replace(day=1))
        self.last = date_edit(today)
        self.list_button = QPushButton("列出")
        self.export_button = QPushButton("导出卷宗压缩包…")
        self.summary = QLabel("")

        self.model = DossierCasesModel(self)
        self.table = rows_table(self.model)
        self.view_button = QPushButton("查看卷宗（Enter）")
        self.view_button.setEnabled(False)
        self.check = wrapped_label(CHECK_HINT)

        find_bar = QHBoxLayout()
        find_bar.addWidget(QLabel("办件编号："))
        find_bar.addWidget(self.case_no, 1)
        find_bar.addWidget(self.find_button)
        find_bar.addSpacing(24)
        find_bar.addWidget(QLabel("受理日期："))
        find_bar.addWidget(self.first)
        find_bar.addWidget(QLabel("至"))
        find_bar.addWidget(self.last)
        find_bar.addWidget(self.list_button)
        find_bar.addWidget(self.export_button)
        view_bar = QHBoxLayout()
        view_bar.addWidget(self.view_button, 0, Qt.AlignmentFlag.AlignTop)
        view_bar.addWidget(self.check, 1)
        column_layout(self, find_bar, self.summary, fill=self.table, below=(view_bar, self.message))

        self.controller = DossierController(self, client, actor)
        self.controller.message.connect(self.said)

    def date_range(self) -> tuple[date, date]:
        return day_of(self.first), day_of(self.last)

    def show_rows(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.view_button.setEnabled(bool(rows))
        self.show_check(None)
        if rows:
            self.table.selectRow(0)
            self.table.setFocus()  # so the next Enter opens the dossier

    def show_check(self, dossier: DossierFile | None) -> None:
        if dossier is None:
            self.check.setText(CHECK_HINT)
            self.check.setStyleSheet("")
        elif dossier.problems:
            lines = "\n".join(f"· {p}" for p in dossier.problems)
            tell(self.check, f"{dossier.case_no}：材料清单与公布的办事指南不一致\n{lines}", error=True)
        else:
            tell(self.check, f"{dossier.case_no}：材料清单与公布的办事指南一致")

    def _ask_zip_path(self, suggested: str) -> Path | None:
        path = ask_save_path(self, "导出卷宗压缩包", suggested, "ZIP 压缩包 (*.zip)")
        if not path:
            return None
        chosen = Path(path)
        return chosen if chosen.suffix.lower() == ".zip" else chosen.with_name(chosen.name + ".zip")


def build(clients: Clients, actor: Actor) -> DossierPage:
    """卷宗 (managers, supervisors, chiefs and reviewers): read at the center."""
    return DossierPage(clients.center(DossierClient), actor)
