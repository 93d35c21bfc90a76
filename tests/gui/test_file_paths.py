"""Every file dialog starts in the user's documents folder (ui/file_paths.py), not in the working
directory, which is the program's own folder when it is started from its shortcut."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ui.file_paths import ask_open_path, ask_save_path, save_folder

UI = Path(__file__).resolve().parents[2] / "ui"
# The PDF preview offers a full path in save_folder() itself (its tests replace that question).
ASKS_ITSELF = {"file_paths.py", "pdf_preview.py"}


def test_no_page_opens_a_file_dialog_of_its_own():
    found = [
        str(path.relative_to(UI))
        for path in UI.rglob("*.py")
        if path.name not in ASKS_ITSELF and "QFileDialog.get" in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_saving_and_opening_start_in_the_documents_folder(qtbot, monkeypatch):
    asked = []

    def cancelled(_parent, _title, start, _filters):
        asked.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancelled)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", cancelled)
    assert ask_save_path(None, "导出卷宗压缩包", "卷宗.zip", "ZIP 压缩包 (*.zip)") == ""
    assert ask_open_path(None, "导入事项目录", "事项目录 (*.json *.xlsx)") == ""
    assert asked == [str(save_folder() / "卷宗.zip"), str(save_folder())]
