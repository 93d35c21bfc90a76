"""Qt's own texts in Chinese: the file and print dialogs, a message box's standard buttons, a
field's context menu (复制/粘贴), the calendar's months. PySide6 ships the translations; they are
loaded whatever the machine's language, by the client and by every device."""

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)
CHINA = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def install_chinese(app: QApplication) -> None:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(CHINA, "qt", "_", folder):  # qt_zh_CN.qm brings qtbase's and the others'
        app.installTranslator(translator)
    else:
        log.warning("Qt's Chinese translations are missing from %s: its own dialogs stay in English", folder)
    QLocale.setDefault(CHINA)
