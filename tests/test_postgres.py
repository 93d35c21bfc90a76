"""The same migrations, unit of work and audit chain on PostgreSQL (the center's database).
Runs against HALL_TEST_PG_URL (default: the CI service on 127.0.0.1:5432, database test)."""

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from app import audit
from app.actor import system_actor
from app.catalog.transfer import export_document, import_document
from db.store import open_url

URL = os.environ.get("HALL_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def pg_url():
    schema = f"hall_test_{uuid.uuid4().hex[:8]}"
    try:
        admin = create_engine(URL, connect_args={"connect_timeout": 3})
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # no server here
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI but not reachable at {URL}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {URL} (set HALL_TEST_PG_URL): {exc}")
    sep = "&" if "?" in URL else "?"
    yield f"{URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_migrations_catalog_and_audit_chain_on_postgres(pg_url, mini_doc):
    store = open_url(pg_url)
    actor = system_actor(str(uuid.uuid4()), "pytest")
    import_document(store, actor, mini_doc, source="测试")
    assert export_document(store)["matters"] == mini_doc["matters"]
    report = audit.verify_store(store)
    assert report.ok and report.checked >= 6
    with store.engine.begin() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("UPDATE audit_log SET reason = 'x' WHERE seq = 1"))
    store.engine.dispose()
