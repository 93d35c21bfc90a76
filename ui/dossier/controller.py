"""The dossier page's behaviour: find a case or list a date range's cases, fetch one case's dossier
and show it with its check against the published guide, and export a range as one zip. Every
center call and the export run off the UI thread (ui.background): a dossier is drawn per request
and a range may hold thousands of them."""

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from app.actor import Actor
from app.dossier import archive
from app.dossier.dto import CaseSummary, DossierFile, Dossiers
from ui.background import run_in_background
from ui.pdf_preview import PdfPreviewDialog

if TYPE_CHECKING:  # the page builds this controller: imported for the type only
    from ui.dossier.page import DossierPage


class DossierController(QObject):
    message = Signal(str)
    dossier_shown = Signal(object)  # the DossierFile fetched
    # (done, total): emitted on the export's worker thread; Qt queues it to this object's (UI) thread,
    # so the progress dialog is only ever touched there.
    export_progress = Signal(int, int)
    exported = Signal(int, int)  # cases, dossiers whose materials differ from the published guide

    def __init__(self, page: "DossierPage", client: Dossiers, actor: Actor):
        super().__init__(page)
        self.page, self.client, self.actor = page, client, actor
        self.dossier: DossierFile | None = None
        self.progress: QProgressDialog | None = None  # while an export runs
        # The last lookup, repeated by refresh(); before any, the default period's cases: a page
        # that opens empty until 列出 is pressed looks broken to someone new to it.
        self._last: Callable[[], None] = self.list_range
        self._fetching = False
        page.case_no.returnPressed.connect(self.find)
        page.find_button.clicked.connect(self.find)
        page.list_button.clicked.connect(self.list_range)
        page.export_button.clicked.connect(self.export)
        page.view_button.clicked.connect(lambda: self.view_row(page.table.currentIndex().row()))
        # activated is Enter, and a double-click under the platform's style: one fetch per gesture.
        page.table.activated.connect(lambda index: self.view_row(index.row()))
        self.export_progress.connect(self._advance)

    # -- lookups -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._last()

    def find(self) -> None:
        case_no = self.page.case_no.text()
        self._lookup(lambda: [self.client.find(case_no)], lambda rows: f"找到办件 {rows[0].case_no}")
        self._last = self.find

    def list_range(self) -> None:
        first, last = self.page.date_range()

        def described(rows: list[CaseSummary]) -> str:
            return f"{first} 至 {last} 受理 {len(rows)} 件" if rows else "该时间段没有受理的办件。"

        self._lookup(lambda: self.client.cases_between(first, last), described)
        self._last = self.list_range

    def _lookup(self, work: Callable[[], list[CaseSummary]], described: Callable[[list[CaseSummary]], str]) -> None:
        self.page.say("正在查询…")

        def shown(rows: list[CaseSummary]) -> None:
            self.page.show_rows(rows)
            self.page.summary.setText(described(rows))
            self.page.say("")

        def failed(exc: Exception) -> None:
            self.page.show_rows([])  # never leave an earlier answer standing under a refused question
            self.page.summary.setText("")
            self._failed(exc)

        run_in_background(work, shown, failed)

    # -- one dossier -------------------------------------------------------------------------

    def view_row(self, row: int) -> None:
        rows = self.page.model.rows
        if self._fetching or not 0 <= row < len(rows):
            return
        case = rows[row]
        self._fetching = True
        self.page.view_button.setEnabled(False)
        self.page.say(f"正在生成 {case.case_no} 的卷宗…")
        run_in_background(lambda: self.client.case_file(case.case_id), self._show_dossier, self._fetch_failed)

    def _show_dossier(self, dossier: DossierFile) -> None:
        self._fetched()
        self.dossier = dossier
        self.page.show_check(dossier)
        self.page.say("")
        self.dossier_shown.emit(dossier)
        if self.page.preview_enabled:
            PdfPreviewDialog(dossier.pdf, f"卷宗 {dossier.case_no}", dossier.file_name, self.page).exec()

    def _fetch_failed(self, exc: Exception) -> None:
        self._fetched()
        self._failed(exc)

    def _fetched(self) -> None:
        self._fetching = False
        self.page.view_button.setEnabled(self.page.model.rowCount() > 0)

    # -- archive export ----------------------------------------------------------------------

    def export(self) -> None:
        if self.progress is not None:
            return
        first, last = self.page.date_range()
        if last < first:  # asked before the file dialog; the center refuses it too
            self.page.say("截止日期不能早于起始日期。", error=True)
            return
        path = self.page.choose_zip_path(f"卷宗_{first:%Y%m%d}-{last:%Y%m%d}.zip")
        if path is None:
            return
        # Set on the UI thread by 取消, read by the worker at its next case: the export stops there
        # and app.dossier.archive removes the partial file.
        cancelled = threading.Event()

        def step(done: int, total: int) -> bool:  # runs on the worker thread: signals only
            self.export_progress.emit(done, total)
            return not cancelled.is_set()

        self.progress = self._progress_dialog(cancelled)
        self.page.export_button.setEnabled(False)
        self.page.say(f"正在导出 {first} 至 {last} 的卷宗…")
        run_in_background(
            lambda: archive.export(self.client, first, last, path, step), self._export_done, self._export_failed
        )

    def _progress_dialog(self, cancelled: threading.Event) -> QProgressDialog:
        progress = QProgressDialog("正在读取办件清单…", "取消", 0, 0, self.page)
        progress.setWindowTitle("导出卷宗压缩包")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        # Kept open at N / N until the zip is moved into place; closed by the result, not by the count.
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(0)
        progress.canceled.connect(cancelled.set)
        progress.canceled.connect(lambda: self.page.say("正在取消导出…"))
        progress.show()
        return progress

    @Slot(int, int)
    def _advance(self, done: int, total: int) -> None:
        if self.progress is None:
            return
        self.progress.setMaximum(total)
        self.progress.setLabelText(f"正在生成卷宗 {done} / {total}")
        self.progress.setValue(done)

    def _export_done(self, result: tuple[int, int]) -> None:
        self._end_export()
        cases, flagged = result
        text = f"已导出 {cases} 件卷宗，其中 {flagged} 件材料清单与办事指南不一致"
        self.page.say(text, error=flagged > 0)
        self.message.emit(text)
        self.exported.emit(cases, flagged)

    def _export_failed(self, exc: Exception) -> None:
        self._end_export()
        self._failed(exc)

    def _end_export(self) -> None:
        if self.progress is not None:
            self.progress.hide()  # hide, not close: closing emits canceled
            self.progress.deleteLater()
            self.progress = None
        self.page.export_button.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        # Refusals (DomainError) carry the center's reason in Chinese: shown as they are.
        self.page.say(str(exc), error=True)
