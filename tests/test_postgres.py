"""The same migrations, unit of work and audit chain on PostgreSQL (the center's database).
Runs against HALL_TEST_PG_URL (default: the CI service on 127.0.0.1:5432, database test)."""

import uuid

import pytest
from sqlalchemy import text

from app import audit
from app.actor import system_actor
from app.catalog.transfer import export_document, import_document
from db.store import open_url
from tests.helpers import pg_schema_url

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_url():
    url, cleanup = pg_schema_url()
    yield url
    cleanup()


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
