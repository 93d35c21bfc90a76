"""Schema migrations, applied at start-up. A database written by newer code is refused.

Start-up fast path: when the store is already at the newest migration script (read from the
script files' own `revision` lines), Alembic is not loaded at all."""

import re
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.M)


class DatabaseTooNew(RuntimeError):
    def __init__(self, revision: str):
        super().__init__(
            f"数据库版本（{revision}）比本程序新，是由更新版本的程序写入的。"
            "为避免损坏数据，本程序不会打开它；请升级程序后再试。"
        )
        self.revision = revision


def _config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@cache
def head_revision() -> str:
    """The single head of the migration scripts, read from their text."""
    revisions, parents = set(), set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        body = script.read_text(encoding="utf-8")
        found = _REVISION.search(body)
        if found is None:
            raise RuntimeError(f"migration without a revision: {script.name}")
        revisions.add(found.group(1))
        down = _DOWN.search(body)
        parents |= set(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1))) if down else set()
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migration scripts must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def pending(engine: Engine) -> bool:
    """True when the store needs migrating; raises DatabaseTooNew for a revision this code does not know."""
    current = current_revision(engine)
    if current == head_revision():
        return False
    if current is not None:
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(_config())
        if not any(rev.revision == current for rev in script.walk_revisions()):
            raise DatabaseTooNew(current)
    return True


def upgrade(engine: Engine) -> None:
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
