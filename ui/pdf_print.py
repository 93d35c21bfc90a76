"""Painting a PDF's pages onto a printer (notices on A4, queue tickets on 80 mm paper)."""

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300  # sharp on paper; a 1200-dpi page image would take seconds to draw


def paint_pages(
    document: QPdfDocument, printer: QPrinter, overlay: Callable[[QPainter, QRect], None] | None = None
) -> bool:
    """False when the printer cannot be opened; `overlay` draws on each printed page (e.g. 补打)."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        device_dpi = printer.resolution()
        render_dpi = min(device_dpi, PRINT_DPI)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            size = document.pagePointSize(page)
            image = document.render(
                page, QSize(int(size.width() * render_dpi / 72), int(size.height() * render_dpi / 72))
            )
            target = QRect(0, 0, int(size.width() * device_dpi / 72), int(size.height() * device_dpi / 72))
            painter.drawImage(target, image)
            if overlay is not None:
                overlay(painter, target)
    finally:
        painter.end()
    return True


def print_pdf(pdf: bytes, printer: QPrinter) -> bool:
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    return document.pageCount() > 0 and paint_pages(document, printer)
