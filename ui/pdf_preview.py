"""Preview of a rendered PDF with save and print; the bytes shown are the bytes saved or printed."""

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout

from ui.file_paths import save_folder
from ui.look import load_font
from ui.palette import ALERT
from ui.pdf_print import paint_pages
from ui.screen_fit import fit_to_screen
from ui.widgets import keyed_button, wrapped_label

PAGE_VIEW = QSize(860, 980)  # an A4 page at a readable width, as far as the screen allows


class PdfPreviewDialog(QDialog):
    printed = Signal(bool, str)  # ok, error: the caller records every print attempt
    saved = Signal(str)  # the full path written by 另存为, for the caller's message line

    def __init__(self, pdf: bytes, title: str, suggested_name: str, parent=None, reprint: bool = False):
        super().__init__(parent)
        # Closed, it goes: a page that lives all day would otherwise keep every preview it opened,
        # each with its document.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf = pdf
        self.reprint = reprint
        self.suggested_name = suggested_name
        # Replaceable (tests): asked for the path, offered one in save_folder(); "" = cancelled.
        self.choose_path = lambda offered: QFileDialog.getSaveFileName(self, "保存 PDF", offered, "PDF 文件 (*.pdf)")[0]
        self.setWindowTitle(f"预览 · {title}")
        fit_to_screen(self, PAGE_VIEW)
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        view = QPdfView(self)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        view.setDocument(self.document)
        save = keyed_button("另存为 PDF…", "Ctrl+S")
        save.clicked.connect(self.save_as)
        print_button = QPushButton("补打…" if reprint else "打印…")
        print_button.clicked.connect(self.print_document)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        # Hidden until saved; then the whole path, wrapped rather than widening the dialog.
        self.saved_to = wrapped_label()
        self.saved_to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved_to.hide()
        buttons = QHBoxLayout()
        buttons.addStretch()
        for b in (save, print_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(self.saved_to)
        layout.addLayout(buttons)

    def save_as(self) -> None:
        path = self.choose_path(str(save_folder() / self.suggested_name))
        if not path:
            return
        try:
            Path(path).write_bytes(self.pdf)
        except OSError as exc:
            QMessageBox.warning(self, "保存失败", f"无法写入文件：{exc}")
            return
        full = str(Path(path).resolve())
        self.saved_to.setText(f"已保存到：{full}")
        self.saved_to.show()
        self.saved.emit(full)

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        if not self.print_to(printer):
            QMessageBox.warning(
                self, "打印失败", "无法连接打印机。文书已保存，列入“待打印文书”，可稍后补打；也可另存为 PDF。"
            )

    def print_to(self, printer: QPrinter) -> bool:
        """Every attempt is reported through `printed`, so a failed print stays listed for reprint."""
        overlay = (lambda painter, target: self._mark_reprint(painter, target.width())) if self.reprint else None
        if not paint_pages(self.document, printer, overlay):
            self.printed.emit(False, "无法连接打印机")
            return False
        self.printed.emit(True, "")
        return True

    @staticmethod
    def _mark_reprint(painter: QPainter, width: int) -> None:
        """The stored notice is never changed: 补打 is stamped on the printed copy only."""
        painter.save()
        painter.setPen(QColor(ALERT))
        font = QFont(load_font())  # the painter's default font may have no Chinese glyphs
        font.setPixelSize(max(24, width // 18))
        painter.setFont(font)
        painter.drawText(width - width // 5, width // 12, "补打")
        painter.restore()
