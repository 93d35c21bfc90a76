"""A 授权书 scan on screen, without blocking: a PDF in the usual preview (save, print), an image
scaled to the window."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.pdf_preview import PdfPreviewDialog

PDF = "application/pdf"


def open_scan(parent: QWidget, name: str, content_type: str, data: bytes) -> QDialog:
    """Shows a scan without blocking (open(), not exec()): a PDF in the usual preview, an image
    scaled to fit."""
    viewer = PdfPreviewDialog(data, name, name, parent) if content_type == PDF else ScanImageDialog(data, name, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.open()
    return viewer


class ScanImageDialog(QDialog):
    def __init__(self, data: bytes, name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"扫描件 · {name}")
        self.resize(860, 980)
        self.pixmap = QPixmap()
        self.pixmap.loadFromData(data)
        self.image = QLabel("" if not self.pixmap.isNull() else "无法显示该图片。")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Ignored: the label follows the dialog's size instead of growing to the picture's.
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self.pixmap.isNull():
            self.image.setPixmap(
                self.pixmap.scaled(
                    self.image.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
