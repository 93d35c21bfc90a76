import sqlite3

import pytest
from alembic import command
from sqlalchemy import text

from db import backup, migrate
from db.store import StoreUnreadable, open_sqlite


def test_new_store_is_migrated_wal_with_foreign_keys(tmp_path):
    store = open_sqlite(tmp_path / "s.sqlite3")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrate.head_revision()
        with pytest.raises(Exception, match="FOREIGN KEY"):
            conn.execute(text("INSERT INTO staff_roles (staff_id, role) VALUES ('nobody', 'clerk')"))


def test_pending_migration_is_backed_up_first(tmp_path):
    path = tmp_path / "s.sqlite3"
    store = open_sqlite(path)
    cfg = migrate._config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    store.engine.dispose()
    before = set(backup.list_backups(path))
    open_sqlite(path)
    made = set(backup.list_backups(path)) - before
    assert [p.name.endswith("-before-migration.sqlite3") for p in made] == [True]


def test_database_newer_than_code_is_refused(tmp_path):
    path = tmp_path / "s.sqlite3"
    open_sqlite(path).engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    with pytest.raises(migrate.DatabaseTooNew, match="比本程序新"):
        open_sqlite(path)


def test_corrupt_file_is_reported_and_restored_from_backup_without_overwrite(tmp_path):
    path = tmp_path / "s.sqlite3"
    store = open_sqlite(path)
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO departments (id, code, name, short_name, phone, address) "
                "VALUES ('d1', 'X', '测试部门', '', '', '')"
            )
        )
    store.engine.dispose()
    backup.make_backup(path, "manual")
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreUnreadable, match="无法读取或已损坏"):
        open_sqlite(path)
    backup.restore_latest(path)
    damaged = list(tmp_path.glob("s.sqlite3.damaged-*"))
    assert len(damaged) == 1 and damaged[0].read_bytes().startswith(b"this is not a database")
    store = open_sqlite(path)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM departments")).scalar() == "测试部门"


def test_backups_keep_only_the_newest(tmp_path):
    path = tmp_path / "s.sqlite3"
    open_sqlite(path).engine.dispose()
    for _ in range(backup.KEEP + 3):
        backup.make_backup(path, "manual")
    assert len(backup.list_backups(path)) == backup.KEEP


def test_daily_backup_made_once_per_day(tmp_path):
    path = tmp_path / "s.sqlite3"
    open_sqlite(path).engine.dispose()
    assert backup.backup_daily(path) is None  # opening already made today's
    assert any("daily" in p.name for p in backup.list_backups(path))
