"""`python main.py center …`: serve the center, make enrollment codes, revoke, show status."""

import getpass
import json
import os
import sys
from argparse import Namespace
from datetime import datetime, time, timedelta

from app import demo
from app.actor import system_actor
from app.clock import Clock, FixedClock
from app.paths import data_dir
from app.web import wire
from db.store import open_url


def center_url(args: Namespace) -> str:
    return args.center_db or f"sqlite:///{data_dir() / 'center.sqlite3'}"


def run_center(args: Namespace) -> int:
    store = open_url(center_url(args), role="center")
    from app.center.service import CenterService
    from db import migrate

    service = CenterService(store, migrate.head_revision())
    if args.action == "code":
        print(service.new_enrollment_code(f"cli:{getpass.getuser()}", args.kind, args.window, args.outside or ""))
        return 0
    if args.action == "revoke":
        if not args.target:
            print("错误：请给出要吊销的工作站或设备编号（见 center status）。", file=sys.stderr)
            return 2
        revoked = service.revoke(args.target)
        print(f"已吊销{revoked.label} {args.target}")
        return 0
    if args.action == "status":
        print(json.dumps(wire.encode(service.status()), ensure_ascii=False, indent=2))
        return 0
    if args.action == "dossier":
        return export_dossiers(store, args)
    if args.seed_demo and demo.is_empty(store):
        past = os.environ.get("HALL_DEMO_PAST", "1") != "0"  # HALL_DEMO_PAST=0: a demo hall with no past
        demo.seed(store, system_actor("center", getpass.getuser()), set_up_before_the_past() if past else None)
        if past:
            play_past(center_url(args))
    from app.center.lease import SyncLeases
    from app.center.server import create_app  # every feature's routes: only serving needs them

    SyncLeases(store).clear()  # what a killed run left behind: none of its requests is still in progress
    import uvicorn

    tls = {"ssl_certfile": args.tls_cert, "ssl_keyfile": args.tls_key} if args.tls_cert else {}
    if args.workers > 1:  # several processes: Python's one-core limit no longer caps the hall
        os.environ["HALL_CENTER_DB"] = center_url(args)
        store.engine.dispose()
        uvicorn.run(
            "app.center.asgi:make_app",
            factory=True,
            http="app.center.nodelay:H11NoDelay",
            workers=args.workers,
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            **tls,
        )
        return 0
    uvicorn.run(create_app(store), host=args.host, port=args.port, log_level=args.log_level, **tls)
    return 0


def set_up_before_the_past() -> Clock:
    """The demo hall set up a week before its past month begins: its guides published and its
    授权书 in force before the first case of the month is accepted under them."""
    from cli.demo_past import DAYS_BACK

    return FixedClock(datetime.combine(Clock().today() - timedelta(days=DAYS_BACK + 7), time(8)))


def play_past(url: str) -> None:
    """The demo's past month (cli.demo_past), played once, when the demo center is first seeded.
    A failure leaves the demo without its past, never without its center."""
    from app.center.loopback import LoopbackCenter
    from cli.demo_past import play_month

    center = LoopbackCenter(url)  # seeded already: only serves, on a free port, while the month plays
    try:
        played = play_month(center, Clock().today())
    except Exception as exc:  # any fault: say it, and serve the demo as it is
        print(f"往月演示数据未能载入：{exc!r}", file=sys.stderr)
    else:
        print(
            f"已载入往月演示数据（{played.first_day}～{played.last_day}）：{played.cases} 件办件、"
            f"{played.tickets} 张号票、{played.ratings} 条评价，用时 {played.seconds:.0f} 秒。",
            file=sys.stderr,
        )
    finally:
        center.store.engine.dispose()


def export_dossiers(store, args: Namespace) -> int:
    """One case's dossier (by its number) as a PDF, or the cases accepted in a date range as a zip."""
    from app.dossier.archive import write_zip
    from app.dossier.service import DossierService
    from app.errors import DomainError

    actor = system_actor("center", getpass.getuser())
    service = DossierService(store)
    if args.out is None or not (args.target or (args.first and args.last)):
        print("错误：请给出办件编号，或 --from/--to 时间段，以及 --out 输出文件。", file=sys.stderr)
        return 2
    try:
        if args.target:
            dossier = service.case_file(actor, service.find(actor, args.target).case_id)
            args.out.write_bytes(dossier.pdf)
            print(f"已导出 {dossier.case_no} 的卷宗：{args.out}")
            for problem in dossier.problems:
                print(f"  {problem}")
        else:
            cases = service.cases_between(actor, args.first, args.last)

            def progress(done: int, total: int) -> bool:
                print(f"\r正在生成卷宗 {done} / {total}", end="", file=sys.stderr, flush=True)
                return True

            flagged = write_zip(args.out, cases, lambda c: service.case_file(actor, c.case_id), progress)
            print(file=sys.stderr)
            print(f"已导出 {len(cases)} 件卷宗，其中 {flagged} 件材料清单与办事指南不一致：{args.out}")
    except DomainError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"错误：无法写入 {args.out}：{exc}", file=sys.stderr)
        return 1
    return 0
