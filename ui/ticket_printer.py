"""The kiosk's thermal printer (80 mm paper). HALL_TICKET_PDF_DIR sends tickets to PDF files in
that folder instead, for a kiosk without a printer attached (demo, tests)."""

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

TICKET_SIZE = QPageSize(QSizeF(80, 120), QPageSize.Unit.Millimeter, "80mm ticket")


def ticket_printer(label: str) -> QPrinter | None:
    """None when no printer is attached."""
    folder = os.environ.get("HALL_TICKET_PDF_DIR")
    if folder:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        Path(folder).mkdir(parents=True, exist_ok=True)
        printer.setOutputFileName(str(Path(folder) / f"{label}-{datetime.now():%H%M%S}.pdf"))
    else:
        info = QPrinterInfo.defaultPrinter()
        if info.isNull():
            return None
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(TICKET_SIZE, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    return printer
