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


def test_special_procedure_is_stored_as_its_base_mode_and_goes_back_on_downgrade(ctx):
    """0009: 特别程序 meant 一审一核 plus the registered steps; a downgrade restores it exactly there."""
    from alembic import command
    from sqlalchemy import text

    from db import migrate

    modes = text("SELECT m.code, v.review_mode FROM matters m JOIN matter_versions v ON v.id = m.current_version_id")
    cfg = migrate._config()
    with ctx.store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        # A matter the older code could not express: 一审两核 with a registered step.
        conn.execute(
            text(
                "INSERT INTO special_step_defs (id, version_id, seq, kind, legal_basis, limit_days) "
                "SELECT 'step-wjw', current_version_id, 1, '现场审查', '《医疗机构管理条例》', 10 "
                "FROM matters WHERE code = 'WJW-001'"
            )
        )
        conn.execute(
            text(
                "UPDATE matter_versions SET review_mode = '一审两核' "
                "WHERE id = (SELECT current_version_id FROM matters WHERE code = 'WJW-001')"
            )
        )
        command.downgrade(cfg, "0008")
        old = dict(conn.execute(modes).all())
        command.upgrade(cfg, "head")
        new = dict(conn.execute(modes).all())
    assert old == {"SCJG-001": "审核合一", "SCJG-003": "特别程序", "WJW-001": "一审两核"}
    assert new == {"SCJG-001": "审核合一", "SCJG-003": "一审一核", "WJW-001": "一审两核"}
