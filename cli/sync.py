"""`python main.py enroll …` and `python main.py sync [--status]`."""

import json
from argparse import Namespace

from sqlalchemy import func, select

from app.sync.engine import SyncEngine, SyncFailed
from app.web import wire
from db.models import Matter, SyncState


def run_sync(ctx, args: Namespace) -> int:
    engine = SyncEngine(ctx.store, ctx.workstation_id)
    if args.command == "enroll":
        with ctx.store.sessions() as s:
            if s.get(SyncState, 1) is None and s.scalar(select(func.count()).select_from(Matter)):
                raise SyncFailed(
                    "本地数据库已有自行载入的目录（如演示数据），不能再注册到中心："
                    "请用新的数据库文件注册（--db 新文件路径）。"
                )
        engine.enroll(args.center, args.code)
        report = engine.sync()
        print(
            f"已注册到中心 {args.center}；首次同步：上传 {report.pushed} 项，下载 {report.pulled} 行基础数据。"
            + (f" 出错：{report.error}" if not report.ok else "")
        )
        return 0 if report.ok else 1
    if args.status:
        print(json.dumps(wire.encode(engine.status()), ensure_ascii=False, indent=2))
        return 0
    report = engine.sync()
    print(
        json.dumps(
            {
                "ok": report.ok,
                "pushed": report.pushed,
                "rejected": [wire.encode(r) for r in report.rejected],
                "pulled": report.pulled,
                "error": report.error,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    return 0 if report.ok else 1
