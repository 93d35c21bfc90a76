"""catalog_search: a generated 50,000-matter catalog in a real store; p50/p95 of the index search for
substring, pinyin-initials and full-pinyin queries, against a naive LIKE scan on the same store."""

import json
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert, text

from app.catalog.pinyin import search_keys
from app.catalog.service import build_index
from app.paths import DEMO
from db.models import Department, Matter
from db.store import open_sqlite

SIZE = 50_000
QUERIES = 300
TARGET_P95_MS = 15.0
PREFIXES = ["", "", "市级", "县级", "乡镇", "开发区", "跨省通办", "企业", "个人"]
SUFFIXES = ["", "", "（新办）", "（变更）", "（注销）", "（延续）", "（补办）", "（迁移）", "（备案）", "（年检）"]


def _generate(session, rng: random.Random, size: int) -> None:
    doc = json.loads((DEMO / "catalog.json").read_text(encoding="utf-8"))
    bases = [m["name"] for m in doc["matters"]]
    keys = {s: search_keys(s) for s in {*bases, *PREFIXES, *SUFFIXES}}
    dept_ids = []
    for i in range(40):
        dept_id = str(uuid.uuid4())
        session.add(Department(id=dept_id, code=f"D{i:02d}", name=f"部门{i}", short_name=f"部门{i}"))
        dept_ids.append(dept_id)
    session.flush()
    rows = []
    for i in range(size):
        parts = [rng.choice(PREFIXES), rng.choice(bases), rng.choice(SUFFIXES)]
        name = "".join(parts)
        rows.append(
            {
                "id": str(uuid.uuid4()),
                "code": f"G{i:06d}",
                "department_id": rng.choice(dept_ids),
                "name": name,
                "pinyin": "".join(keys[p][0] for p in parts),
                "initials": "".join(keys[p][1] for p in parts),
                "row_version": 1,
            }
        )
    session.execute(insert(Matter), rows)
    session.commit()


def _queries(index, rng: random.Random, count: int) -> dict[str, list[str]]:
    entries = [e for e in index.entries if len(e.name) >= 6]
    sample = [rng.choice(entries) for _ in range(count)]
    out: dict[str, list[str]] = {"substring": [], "initials": [], "full_pinyin": []}
    for e in sample:
        start = rng.randrange(0, len(e.name) - 4)
        out["substring"].append(e.name[start : start + rng.choice((2, 3, 4))])
        out["initials"].append(e.initials[: rng.choice((3, 4, 5, 6))])
        cut = rng.randrange(0, max(1, len(e.pinyin) - 12))
        out["full_pinyin"].append(e.pinyin[cut : cut + rng.choice((6, 8, 12))])
    return out


def _stats(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 3),
        "max_ms": round(ordered[-1], 3),
    }


def run(matters: int = SIZE, queries: int = QUERIES) -> dict:
    rng = random.Random(20261122)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_sqlite(Path(tmp) / "bench.sqlite3")
        with store.sessions() as session:
            t0 = time.perf_counter()
            _generate(session, rng, matters)
            generated_s = time.perf_counter() - t0
        with store.sessions() as session:
            t0 = time.perf_counter()
            index = build_index(session)
            build_ms = (time.perf_counter() - t0) * 1000
        asked = _queries(index, rng, queries)
        result: dict = {
            "bench": "catalog_search",
            "matters": len(index),
            "queries_per_kind": queries,
            "generate_s": round(generated_s, 2),
            "index_build_ms": round(build_ms, 1),
            "target_p95_ms": TARGET_P95_MS,
            "index": {},
            "naive_like": {},
        }
        like = text(
            "SELECT id, name FROM matters WHERE name LIKE :q OR code LIKE :q OR pinyin LIKE :q "
            "OR initials LIKE :q LIMIT 50"
        )
        with store.engine.connect() as conn:
            for kind, qs in asked.items():
                timings, naive = [], []
                for q in qs:
                    t0 = time.perf_counter()
                    index.search(q)
                    timings.append((time.perf_counter() - t0) * 1000)
                    t0 = time.perf_counter()
                    conn.execute(like, {"q": f"%{q}%"}).all()
                    naive.append((time.perf_counter() - t0) * 1000)
                result["index"][kind] = _stats(timings)
                result["naive_like"][kind] = _stats(naive)
        result["meets_target"] = all(v["p95_ms"] <= TARGET_P95_MS for v in result["index"].values())
        store.engine.dispose()
    return result
