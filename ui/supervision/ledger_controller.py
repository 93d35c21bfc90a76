"""The 问题台账 tab's behaviour: the rows (of the status chosen) and the departments loaded off the
UI thread; a new problem, by hand or from a red signal, and a row moved on, through dialogs that
keep the center's messages beside the fields until accepted; the rows shown written to an Excel
file off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.actor import Actor
from app.choices import DepartmentChoice
from app.supervision.ledger_dto import Ledger, LedgerRow, NewLedgerItem
from app.supervision.ledger_rules import LedgerStatus
from ui.background import run_in_background
from ui.center_form import submit
from ui.file_paths import ask_save_path
from ui.page_controller import PageController
from ui.supervision.ledger_dialogs import AdvanceDialog, NewItemDialog
from ui.supervision.ledger_model import row_text
from ui.widgets import follow_current_row

if TYPE_CHECKING:  # the tab builds this controller
    from ui.supervision.ledger_tab import LedgerTab


def write_workbook(client: Ledger, rows: list[LedgerRow], path: Path) -> None:
    path.write_bytes(client.export_excel(rows))


class LedgerController(PageController[LedgerRow]):
    page: LedgerTab
    client: Ledger

    def __init__(self, page: LedgerTab, client: Ledger, actor: Actor):
        super().__init__(page, client, actor)
        self.departments: list[DepartmentChoice] = []
        self.loading = False
        # Replaceable (tests): asked for the workbook's path with a suggested name; "" = cancelled.
        self.choose_path = lambda name: ask_save_path(page, "导出问题台账", name, "Excel 工作簿 (*.xlsx)")
        page.add_button.clicked.connect(lambda: self.add())
        page.advance_button.clicked.connect(self.advance)
        page.export_button.clicked.connect(self.export)
        page.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        follow_current_row(page.table, self._selected)

    def refresh(self, select: str | None = None) -> None:
        """The rows of the status chosen, and the departments a new problem may name."""
        status = self.page.status()

        def work() -> tuple[list[LedgerRow], list[DepartmentChoice]]:
            return self.client.ledger(status), self.client.departments()

        self.loading = True
        run_in_background(work, lambda answer: self._loaded(answer, select), self._load_failed, owner=self)

    def _loaded(self, answer: tuple[list[LedgerRow], list[DepartmentChoice]], select: str | None) -> None:
        rows, self.departments = answer
        self.loading = False
        current = self.current()
        keep = select or (current.id if current else None)
        self.page.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        self.page.counts.setText(f"共 {len(rows)} 条 · 逾期 {overdue} 条")
        at = next((i for i, r in enumerate(rows) if r.id == keep), -1)
        if at >= 0:
            self.page.table.selectRow(at)
        self._selected()

    def _load_failed(self, exc: Exception) -> None:
        self.loading = False
        self._failed(exc)

    def _selected(self) -> None:
        row = self.current()
        self.page.detail.setPlainText(row_text(row) if row else "")
        self.page.advance_button.setEnabled(row is not None and row.status != LedgerStatus.CLOSED)
        self.page.export_button.setEnabled(bool(self.page.model.rows))

    # -- a new problem -------------------------------------------------------------------------------

    def add(
        self,
        draft: NewLedgerItem | None = None,
        signal_id: str | None = None,
        added: Callable[[LedgerRow], object] | None = None,
    ) -> None:
        """The new-problem dialog (filled with `draft`, from the signal `signal_id` if given);
        accepted, `added` hears of the row."""
        d = NewItemDialog(self.departments, draft, self.page)
        d.submitted.connect(
            lambda: submit(
                d,
                lambda: self.form.shown is d,
                lambda: self.client.add(d.new_item(), signal_id),
                lambda row: self._added(row, added),
                self._failed,
            )
        )
        self.form.open(d)

    def _added(self, row: LedgerRow, added: Callable[[LedgerRow], object] | None) -> None:
        self._done(f"已登记问题台账：{row.item_no}（整改期限 {row.due_on:%Y-%m-%d}）", row.id)
        if added is not None:
            added(row)

    # -- moving a row on -----------------------------------------------------------------------------

    def advance(self) -> None:
        row = self.current()
        if row is None or row.status == LedgerStatus.CLOSED:
            return
        d = AdvanceDialog(row, self.page)
        d.submitted.connect(
            lambda: submit(
                d,
                lambda: self.form.shown is d,
                lambda: self.client.advance(row.id, d.target(), d.note.text()),
                lambda moved: self._done(f"{moved.item_no} 已改为“{moved.status}”", moved.id),
                self._failed,
            )
        )
        self.form.open(d)

    # -- export --------------------------------------------------------------------------------------

    def export(self) -> None:
        rows = list(self.page.model.rows)
        if not rows:
            return
        path = self.choose_path(f"问题台账_{date.today():%Y%m%d}.xlsx")
        if not path:
            return
        self.page.say("正在导出…")

        def written(_none: None) -> None:
            text = f"已导出 {len(rows)} 条问题：{path}"
            self.page.say(text)
            self.message.emit(text)

        def failed(exc: Exception) -> None:
            self.page.say(f"无法写入文件：{exc}" if isinstance(exc, OSError) else str(exc), error=True)

        run_in_background(lambda: write_workbook(self.client, rows, Path(path)), written, failed, owner=self)
