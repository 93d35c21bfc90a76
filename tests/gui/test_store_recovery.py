"""A damaged or too-new store at client start: the user chooses, and nothing is overwritten."""

import sqlite3

from PySide6.QtWidgets import QMessageBox

from db import backup
from ui.client import open_context


def _damaged_store_with_backup(tmp_path, demo_template):
    path = tmp_path / "hall.sqlite3"
    path.write_bytes(demo_template.read_bytes())
    backup.make_backup(path, "daily")
    path.write_bytes(b"\x00garbage" * 500)
    return path


def test_restore_latest_backup(qapp, tmp_path, demo_template):
    path = _damaged_store_with_backup(tmp_path, demo_template)
    asked = []
    ctx = open_context(path, ask=lambda exc, has_backup: asked.append((str(exc), has_backup)) or "restore")
    assert asked and "已损坏" in asked[0][0] and asked[0][1] is True
    assert ctx is not None and ctx.catalog.search("gtgsh")[0].name == "个体工商户设立登记"
    assert any(p.read_bytes().startswith(b"\x00garbage") for p in tmp_path.glob("hall.sqlite3.damaged-*"))


def test_start_a_new_store_keeps_the_damaged_file(qapp, tmp_path, demo_template):
    path = _damaged_store_with_backup(tmp_path, demo_template)
    ctx = open_context(path, ask=lambda exc, has_backup: "new")
    assert ctx is not None and len(ctx.catalog.index()) == 0
    assert len(list(tmp_path.glob("hall.sqlite3.damaged-*"))) == 1


def test_quit_leaves_the_file_untouched(qapp, tmp_path, demo_template):
    path = _damaged_store_with_backup(tmp_path, demo_template)
    assert open_context(path, ask=lambda exc, has_backup: "quit") is None
    assert path.read_bytes().startswith(b"\x00garbage")


def test_newer_store_is_refused_with_a_message(qapp, tmp_path, demo_template, monkeypatch):
    path = tmp_path / "hall.sqlite3"
    path.write_bytes(demo_template.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert open_context(path) is None
    assert shown and "比本程序新" in shown[0]
