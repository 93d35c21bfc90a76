import json
import sqlite3
import subprocess
import sys

import pytest

from tests.helpers import ROOT


def run(db, *args):
    return subprocess.run(
        [sys.executable, "main.py", "--db", str(db), *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_catalog_search_export_import_and_audit_verify(demo_template, tmp_path):
    db = tmp_path / "cli.sqlite3"
    db.write_bytes(demo_template.read_bytes())
    out = run(db, "catalog", "search", "gtgsh")
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout)
    assert hits[0]["name"] == "个体工商户设立登记" and hits[0]["code"] == "SCJG-001"

    exported = tmp_path / "c.json"
    assert run(db, "catalog", "export", str(exported)).returncode == 0
    out = run(db, "catalog", "import", str(exported))
    assert out.returncode == 0 and "新增 0 个事项，更新 0 个" in out.stdout

    assert json.loads(run(db, "audit", "verify").stdout)["ok"] is True
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET staff_name = '某人' WHERE seq = 5")
    conn.commit()
    conn.close()
    out = run(db, "audit", "verify")
    assert out.returncode == 1
    assert "第 5 条审计记录的内容被修改" in out.stdout


def test_rejected_import_exits_non_zero_with_the_rows(demo_template, tmp_path):
    db = tmp_path / "cli.sqlite3"
    db.write_bytes(demo_template.read_bytes())
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "hall-catalog", "version": 1, "matters": [{"code": "x"}]}), encoding="utf-8")
    out = run(db, "catalog", "import", str(bad))
    assert out.returncode == 1
    assert "未导入任何内容" in out.stderr and "第 1 条事项" in out.stderr


def test_corrupt_store_gets_a_clear_message(tmp_path):
    db = tmp_path / "broken.sqlite3"
    db.write_bytes(b"garbage" * 1000)
    out = run(db, "catalog", "search", "x")
    assert out.returncode == 2
    assert "无法读取或已损坏" in out.stderr and "db restore" in out.stderr
    assert db.read_bytes().startswith(b"garbage")  # never overwritten


def test_search_on_an_empty_store_says_so_instead_of_printing_nothing(tmp_path):
    db = tmp_path / "empty.sqlite3"
    out = run(db, "catalog", "search", "gtgsh")
    assert out.returncode == 1 and out.stdout == ""
    assert "没有事项目录" in out.stderr and "未注册到中心" in out.stderr and "enroll" in out.stderr

    from app.context import AppContext
    from db.models import SyncState

    ctx = AppContext.open(db)
    with ctx.store.sessions.begin() as s:  # enrolled, never synced
        s.add(SyncState(id=1, center_url="http://127.0.0.1:1", credential="x", pull_cursor=0))
    ctx.store.engine.dispose()
    out = run(db, "catalog", "search", "gtgsh")
    assert out.returncode == 1 and "已注册到中心，但尚未同步" in out.stderr and "main.py sync" in out.stderr


def test_search_without_hits_in_a_filled_store_is_an_empty_list(demo_template, tmp_path):
    db = tmp_path / "cli.sqlite3"
    db.write_bytes(demo_template.read_bytes())
    out = run(db, "catalog", "search", "zzzzqqq")
    assert out.returncode == 0 and json.loads(out.stdout) == []
