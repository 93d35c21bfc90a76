"""Schema migrations, applied at start-up. A database written by newer code is refused."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


class DatabaseTooNew(RuntimeError):
    def __init__(self, revision: str):
        super().__init__(
            f"数据库版本（{revision}）比本程序新，是由更新版本的程序写入的。"
            "为避免损坏数据，本程序不会打开它；请升级程序后再试。"
        )
        self.revision = revision


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def pending(engine: Engine) -> bool:
    """True when the store needs migrating; raises DatabaseTooNew for an unknown revision."""
    current = current_revision(engine)
    script = ScriptDirectory.from_config(_config())
    if current is not None and not _known(script, current):
        raise DatabaseTooNew(current)
    return current != script.get_current_head()


def _known(script: ScriptDirectory, revision: str) -> bool:
    return any(rev.revision == revision for rev in script.walk_revisions())


def upgrade(engine: Engine) -> None:
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
