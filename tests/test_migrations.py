"""The migrations build exactly the schema the models describe (nothing forgotten in a migration)."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from db.models import Base
from db.store import open_sqlite


def test_migrated_schema_matches_the_models(tmp_path):
    store = open_sqlite(tmp_path / "m.sqlite3")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
