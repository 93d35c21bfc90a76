"""Previewing and printing a notice the center issued (决定书, 特殊环节告知书, 延期告知书, 送达回证)
where the person is: fetched off the UI thread, shown, and every print attempt recorded at the
center, so a reprint is stamped 补打 like any notice."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.notices.dto import CenterNotices, NoticeToPrint
from ui.background import run_in_background
from ui.pdf_preview import PdfPreviewDialog


class CenterNoticeViewer(QObject):
    failed = Signal(str)
    shown = Signal(object)  # the NoticeToPrint fetched

    def __init__(self, parent: QWidget, client: CenterNotices):
        super().__init__(parent)
        self.parent_widget, self.client = parent, client
        self.preview_enabled = True  # tests turn the modal preview off

    def show(self, notice_id: str, after: Callable[[], None] | None = None) -> None:
        def fetched(found: NoticeToPrint) -> None:
            self.shown.emit(found)
            if self.preview_enabled:
                self._preview(notice_id, found)
            if after is not None:
                after()

        run_in_background(lambda: self.client.notice(notice_id), fetched, self._failed)

    def _preview(self, notice_id: str, found: NoticeToPrint) -> None:
        dialog = PdfPreviewDialog(
            found.pdf,
            f"{found.kind} {found.notice_no}",
            f"{found.notice_no}.pdf",
            self.parent_widget,
            reprint=found.printed_before,
        )
        dialog.printed.connect(lambda ok, error: self.record(notice_id, ok, error))
        dialog.exec()

    def record(self, notice_id: str, ok: bool, error: str = "") -> None:
        run_in_background(lambda: self.client.printed(notice_id, ok, error), lambda _reprint: None, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.failed.emit(str(exc))
