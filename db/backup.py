"""Automatic backups of the local store with SQLite's online backup API: before every migration
and once a day, keeping the newest few."""

import sqlite3
from datetime import datetime
from pathlib import Path

KEEP = 7


def backup_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    folder = backup_dir_for(db_path)
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite3"), reverse=True)


def make_backup(db_path: Path, reason: str, keep: int = KEEP) -> Path:
    folder = backup_dir_for(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    _copy(db_path, target)
    for old in list_backups(db_path)[keep:]:
        old.unlink()
    return target


def backup_daily(db_path: Path) -> Path | None:
    today = datetime.now().strftime("%Y%m%d")
    if any(p.name.startswith(f"{db_path.stem}-{today}") for p in list_backups(db_path)):
        return None
    return make_backup(db_path, "daily")


def restore_latest(db_path: Path) -> Path:
    """Put the newest backup in place; the damaged file is kept beside it, never overwritten."""
    backups = list_backups(db_path)
    if not backups:
        raise FileNotFoundError("没有可用的自动备份")
    set_aside(db_path)
    _copy(backups[0], db_path)
    return backups[0]


def _copy(source: Path, target: Path) -> None:
    """A consistent copy even while another connection writes (SQLite online backup)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def set_aside(db_path: Path) -> Path | None:
    if not db_path.exists():
        return None
    aside = db_path.with_name(f"{db_path.name}.damaged-{datetime.now().strftime('%Y%m%d-%H%M%S')}")
    db_path.rename(aside)
    for suffix in ("-wal", "-shm"):
        extra = db_path.with_name(db_path.name + suffix)
        if extra.exists():
            extra.rename(aside.with_name(aside.name + suffix))
    return aside
