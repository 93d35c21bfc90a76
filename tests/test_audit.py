import sqlite3

import pytest
from sqlalchemy import select, text

from app import audit
from app.uow import UnitOfWork
from db.models import Department, OutboxEntry


def _verify(ctx):
    return audit.verify_store(ctx.store)


def test_chain_of_a_fresh_store_verifies(ctx):
    report = _verify(ctx)
    assert report.ok and report.checked > 3


def _hand_edit(ctx, sql):
    path = ctx.store.path
    ctx.store.engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_database_refuses_update_and_delete_of_audit_rows(ctx):
    with ctx.store.engine.begin() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("UPDATE audit_log SET reason = 'x' WHERE seq = 2"))
    with ctx.store.engine.begin() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("DELETE FROM audit_log WHERE seq = 2"))


def test_edited_row_is_named(ctx):
    _hand_edit(ctx, "UPDATE audit_log SET reason = '篡改' WHERE seq = 3")
    report = _verify(ctx)
    assert not report.ok
    assert any(p.startswith("第 3 条审计记录的内容被修改") for p in report.problems)
    assert not any("第 2 条" in p or "第 4 条" in p for p in report.problems)


def test_deleted_row_is_named(ctx):
    _hand_edit(ctx, "DELETE FROM audit_log WHERE seq = 2")
    problems = _verify(ctx).problems
    assert any("第 2–2 条审计记录缺失" in p for p in problems)


def test_deleted_tail_is_detected(ctx):
    _hand_edit(ctx, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    assert any("末尾缺失" in p for p in _verify(ctx).problems)


def test_unit_of_work_writes_change_audit_and_outbox_together(ctx):
    actor = ctx.system()
    with ctx.store.sessions() as s:
        outbox_before = len(s.scalars(select(OutboxEntry)).all())
    with UnitOfWork(ctx.store, actor) as uow:
        uow.session.add(Department(code="NEW", name="新部门"))
        uow.record("department.saved", "department", "NEW", reason="测试")
        uow.commit()
    with ctx.store.sessions() as s:
        assert s.scalar(select(Department).where(Department.code == "NEW")) is not None
        assert len(s.scalars(select(OutboxEntry)).all()) == outbox_before + 1
    assert audit.list_recent(ctx.store, actor, 1)[0].action == "department.saved"


def test_failed_unit_of_work_leaves_no_change_and_no_audit(ctx):
    actor = ctx.system()
    last = audit.list_recent(ctx.store, actor, 1)[0].seq
    with pytest.raises(RuntimeError), UnitOfWork(ctx.store, actor) as uow:
        uow.session.add(Department(code="GONE", name="不应存在"))
        uow.record("department.saved", "department", "GONE")
        raise RuntimeError("boom")
    with ctx.store.sessions() as s:
        assert s.scalar(select(Department).where(Department.code == "GONE")) is None
    assert audit.list_recent(ctx.store, actor, 1)[0].seq == last
    assert _verify(ctx).ok
