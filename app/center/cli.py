"""`python main.py center …`: serve the center, make enrollment codes, revoke, show status."""

import getpass
import json
import os
import sys
from argparse import Namespace

from app import demo
from app.actor import system_actor
from app.paths import data_dir
from db.store import open_url


def center_url(args: Namespace) -> str:
    return args.center_db or f"sqlite:///{data_dir() / 'center.sqlite3'}"


def run_center(args: Namespace) -> int:
    store = open_url(center_url(args), role="center")
    from app.center.server import create_app
    from app.center.service import CenterService
    from db import migrate

    service = CenterService(store, migrate.head_revision())
    if args.action == "code":
        print(service.new_enrollment_code(f"cli:{getpass.getuser()}"))
        return 0
    if args.action == "revoke":
        if not args.target:
            print("错误：请给出要吊销的工作站编号。", file=sys.stderr)
            return 2
        service.revoke(args.target)
        print(f"已吊销工作站 {args.target}")
        return 0
    if args.action == "status":
        print(json.dumps(service.status(), ensure_ascii=False, indent=2))
        return 0
    if args.seed_demo and demo.is_empty(store):
        demo.seed(store, system_actor("center", getpass.getuser()))
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
            log_level="info",
            **tls,
        )
        return 0
    uvicorn.run(create_app(store), host=args.host, port=args.port, log_level="info", **tls)
    return 0
