"""Opening the local store: integrity check, refusal of a newer schema, backups, migrations."""

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from db import backup, migrate
from db.engine import make_engine, session_factory, sqlite_url


class StoreUnreadable(RuntimeError):
    def __init__(self, path: Path, cause: str):
        super().__init__(f"本地数据库文件无法读取或已损坏：{path}（{cause}）")
        self.path = path


@dataclass
class Store:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None  # None for a server database
    role: str = "workstation"  # or "center": decides where the unit of work sends captured rows


def check_readable(path: Path) -> None:
    if not path.exists():
        return
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreUnreadable(path, str(exc)) from exc
    if result is None or result[0] != "ok":
        raise StoreUnreadable(path, str(result[0] if result else "quick_check 无结果"))


def open_sqlite(path: Path) -> Store:
    path.parent.mkdir(parents=True, exist_ok=True)
    check_readable(path)
    existed = path.exists()
    engine = make_engine(sqlite_url(str(path)))
    if migrate.pending(engine):
        if existed:
            backup.make_backup(path, "before-migration")
        migrate.upgrade(engine)
    backup.backup_daily(path)
    return Store(sqlite_url(str(path)), engine, session_factory(engine), path)


def open_url(url: str, role: str = "workstation") -> Store:
    if url.startswith("sqlite:///"):
        store = open_sqlite(Path(url.removeprefix("sqlite:///")))
        store.role = role
        return store
    engine = make_engine(url)
    if migrate.pending(engine):
        migrate.upgrade(engine)
    return Store(url, engine, session_factory(engine), None, role)
