"""Qt's own dialogs speak Chinese once the client or a device has set itself up: standard
buttons, the file dialog, a field's context menu."""

import re

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from app.devices.credential import DeviceFile
from ui import client, device


@pytest.fixture
def app_set_up(qapp, monkeypatch, request):
    """Runs an entry point's set-up without its event loop; afterwards Qt is as it was."""
    app = qapp
    style, font, locale = app.styleSheet(), app.font(), QLocale()
    monkeypatch.setattr(client, "setup_logging", lambda: None)  # no log file for the test's data folder
    monkeypatch.setattr(device, "setup_logging", lambda: None)

    def restore() -> None:
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
            translator.deleteLater()
        QLocale.setDefault(locale)
        app.setStyleSheet(style)
        app.setFont(font)

    request.addfinalizer(restore)
    return app


def latin(widget: QWidget) -> list[str]:
    """Texts of a dialog's labels and buttons with Latin letters left once the keys ("(&N)") are gone."""
    found = []
    for child in [*widget.findChildren(QLabel), *widget.findChildren(QAbstractButton)]:
        text = re.sub(r"\(&.\)", "", child.text())
        if re.search("[A-Za-z]", text):
            found.append(text)
    return found


def assert_qt_speaks_chinese() -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    message = QMessageBox(QMessageBox.Icon.Question, "确认", "删除？", QMessageBox.StandardButton.Yes)
    assert message.button(QMessageBox.StandardButton.Yes).text().startswith("是")
    files = QFileDialog(None, "导出")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, as on a bare Linux desktop
    assert not latin(files)  # Qt 6's "&Look in:" and "Files of &type:" too, which its catalogue lacks
    assert not latin(QPrintDialog(QPrinter()))
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "文件夹"
    assert QCoreApplication.translate("QLineEdit", "&Paste").startswith("粘贴")
    assert QLocale().monthName(12) == "十二月"  # the date fields' calendars


def test_the_client_sets_qt_to_chinese(app_set_up, monkeypatch, demo_ctx):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"  # as Qt starts
    monkeypatch.setattr(client.LoginDialog, "exec", lambda self: 0)  # the login closed at once
    assert client.run_client(demo_ctx.store.path) == 0  # alone, not joining the demo hall
    assert_qt_speaks_chinese()


def test_a_device_sets_qt_to_chinese(app_set_up, monkeypatch, tmp_path, qtbot):
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    monkeypatch.setenv("HALL_WINDOWED", "1")
    shown: list[QWidget] = []

    def make(_client) -> QWidget:
        shown.append(QWidget())
        qtbot.addWidget(shown[0])
        return shown[0]

    assert device.run_device(DeviceFile(tmp_path / "kiosk.json"), "自助取号机", make) == 0
    assert shown and shown[0].windowTitle() == "自助取号机"
    assert_qt_speaks_chinese()
