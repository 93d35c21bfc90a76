"""Qt's own texts in Chinese: the file and print dialogs, a message box's standard buttons, a
field's context menu (复制/粘贴), the calendar's months. PySide6 ships the translations; they are
loaded whatever the machine's language, by the client and by every device."""

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
CHINA = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
# Qt strings the shipped Chinese catalogue lacks (Qt 6 moved them to a new context).
MISSING = {
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
}


class _Catalogue(QTranslator):
    """The shipped catalogue, and where it has no entry: Qt 6 gave some labels a key ("Files of
    &type:") that the catalogue still lists without one, so the plain text's translation is used
    with the key after it, as Chinese labels write it ("文件类型(&T)："); and the few strings above."""

    def __init__(self, shipped: QTranslator, parent):
        super().__init__(parent)
        self.shipped = shipped

    def isEmpty(self) -> bool:
        return self.shipped.isEmpty()

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        found = self.shipped.translate(context, source, disambiguation, n)
        if found or not source:
            return found
        if (context, source) in MISSING:
            return MISSING[context, source]
        key = source.find("&")
        if key < 0 or key + 1 >= len(source):
            return ""
        plain = self.shipped.translate(context, source.replace("&", "", 1), disambiguation, n)
        if not plain:
            return ""
        colon = "：" if plain.endswith(("：", ":")) else ""
        return f"{plain.rstrip('：:')}(&{source[key + 1].upper()}){colon}"


def install_chinese(app: QApplication) -> None:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    shipped = QTranslator(app)
    if shipped.load(CHINA, "qt", "_", folder):  # qt_zh_CN.qm brings qtbase's and the others'
        app.installTranslator(_Catalogue(shipped, app))
    else:
        log.warning("Qt's Chinese translations are missing from %s: its own dialogs stay in English", folder)
    QLocale.setDefault(CHINA)
