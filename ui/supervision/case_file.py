"""A signal's case opened from its evidence: the case's dossier (卷宗), fetched from the center off
the UI thread and shown in the PDF preview, as the 卷宗 page shows it. Supervisors read every
department's dossiers (app/dossier/service.py); the read is the center's to record."""

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.dossier.dto import DossierFile, Dossiers
from ui.background import run_in_background
from ui.center_form import refusal_text
from ui.pdf_preview import PdfPreviewDialog


class CaseFileOpener(QObject):
    shown = Signal(object)  # the DossierFile, once fetched
    failed = Signal(str)  # why it could not be, for the page's message line

    def __init__(self, dossiers: Dossiers, parent: QWidget):
        super().__init__(parent)
        self.dossiers, self.parent_widget = dossiers, parent
        self.preview_enabled = True  # tests turn the modal preview off
        self.busy = False

    def open(self, case_no: str) -> None:
        if self.busy or not case_no:
            return
        self.busy = True

        def work() -> DossierFile:
            return self.dossiers.case_file(self.dossiers.find(case_no).case_id)

        run_in_background(work, self._show, self._failed, owner=self)

    def _show(self, dossier: DossierFile) -> None:
        self.busy = False
        self.shown.emit(dossier)
        if self.preview_enabled:
            PdfPreviewDialog(dossier.pdf, f"卷宗 {dossier.case_no}", dossier.file_name, self.parent_widget).exec()

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.failed.emit(refusal_text(exc))
