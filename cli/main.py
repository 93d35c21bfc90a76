"""The command line: `python main.py [--db PATH] COMMAND ...`. Without a command the client starts."""

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from app.devices.scope import DeviceKind
from app.errors import DomainError
from app.paths import default_db_path

DEVICE_COMMANDS = (DeviceKind.KIOSK, DeviceKind.BOARD, DeviceKind.RATING_PAD)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="政务服务中心前台系统")
    parser.add_argument("--db", type=Path, default=None, help="本地数据库文件（默认在用户数据目录）")
    parser.add_argument("--empty", action="store_true", help="首次启动时不载入演示数据")
    sub = parser.add_subparsers(dest="command")

    catalog = sub.add_parser("catalog", help="事项目录").add_subparsers(dest="action", required=True)
    p = catalog.add_parser("import", help="从 JSON 或 Excel 导入（全部通过才导入）")
    p.add_argument("file", type=Path)
    p = catalog.add_parser("export", help="导出为 JSON 或 Excel（按扩展名）")
    p.add_argument("file", type=Path)
    p = catalog.add_parser("search", help="搜索事项（输出 JSON）")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)

    audit = sub.add_parser("audit", help="审计日志").add_subparsers(dest="action", required=True)
    audit.add_parser("verify", help="校验哈希链，找出被改动或删除的记录")

    cal = sub.add_parser("calendar", help="工作日历").add_subparsers(dest="action", required=True)
    p = cal.add_parser("import", help="导入国务院公布的节假日安排")
    p.add_argument("file", type=Path)

    p = sub.add_parser(
        "center", help="中心服务：serve（默认）启动；code 生成注册码；revoke 吊销设备；status；dossier 导出卷宗"
    )
    p.add_argument("action", nargs="?", default="serve", choices=["serve", "code", "revoke", "status", "dossier"])
    p.add_argument("target", nargs="?", help="revoke：工作站或设备编号（见 status）；dossier：办件编号")
    p.add_argument(
        "--kind",
        type=DeviceKind,
        choices=list(DeviceKind),
        default=DeviceKind.WORKSTATION,
        help="code：注册码用于哪类设备（workstation 工作站，kiosk 取号机，board 叫号屏，rating-pad 评价器）",
    )
    p.add_argument("--window", type=int, help="code：评价器所在的窗口号（--kind rating-pad 时必填）")
    p.add_argument(
        "--outside",
        metavar="位置",
        help="code：工作站不在大厅时写明所在位置（如“局机关 302 室”），电子监察据此标出在大厅外办理的环节",
    )
    p.add_argument("--from", dest="first", type=date.fromisoformat, help="dossier：受理日期起（YYYY-MM-DD）")
    p.add_argument("--to", dest="last", type=date.fromisoformat, help="dossier：受理日期止（YYYY-MM-DD）")
    p.add_argument("--out", type=Path, help="dossier：输出文件（一件为 .pdf，时间段为 .zip）")
    p.add_argument(
        "--url",
        "--db",
        dest="center_db",
        default=None,
        help="中心数据库 URL（默认用户数据目录下的 center.sqlite3；PostgreSQL：postgresql+psycopg://…）",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--tls-cert", help="启用 HTTPS：证书文件（PEM）")
    p.add_argument("--tls-key", help="启用 HTTPS：私钥文件（PEM）")
    p.add_argument("--seed-demo", action="store_true", help="中心数据库为空时载入演示数据")
    p.add_argument("--workers", type=int, default=1, help="工作进程数（PostgreSQL 时可设为 CPU 核数）")
    p.add_argument(
        "--log-level", default="info", choices=["warning", "info"], help="info 记录每个请求；warning 只记录问题"
    )

    p = sub.add_parser(
        "demo", help="演示大厅：start（默认）启动中心、取号机、叫号屏、评价器和客户端；stop 停止中心和设备"
    )
    p.add_argument("action", nargs="?", default="start", choices=["start", "stop"])
    p.add_argument("--port", type=int, default=None, help="中心端口（默认：上次启动演示大厅时的端口，首次为 8765）")
    # `./dev.sh demo --db FILE` puts the option after the command; the one before it still works.
    p.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="本地数据库文件（默认在用户数据目录）")

    _device_parser(sub.add_parser("kiosk", help="取号机（全屏；先用取号机的注册码注册：kiosk enroll …）"))
    p = sub.add_parser("board", help="叫号屏（全屏，默认最后一块屏幕；先用叫号屏的注册码注册：board enroll …）")
    p.add_argument("--screen", type=int, default=None, help="显示在第几块屏幕（从 0 起）")
    _device_parser(p)
    p = sub.add_parser("rating-pad", help="窗口评价器（全屏；先用该窗口评价器的注册码注册：rating-pad enroll …）")
    p.add_argument("--window", type=int, default=None, help="评价器所在的窗口号（须与注册码的窗口一致）")
    _device_parser(p)

    p = sub.add_parser("enroll", help="把本工作站注册到中心")
    p.add_argument("--center", required=True, help="中心地址，如 http://192.0.2.10:8765")
    p.add_argument("--code", required=True, help="大厅管理员在中心生成的一次性注册码")

    p = sub.add_parser("sync", help="同步一轮（失败时退出码非零）")
    p.add_argument("--status", action="store_true", help="只输出同步状态（JSON）")

    db = sub.add_parser("db", help="本地数据库").add_subparsers(dest="action", required=True)
    db.add_parser("backups", help="列出自动备份")
    db.add_parser("restore", help="用最近的自动备份恢复（损坏的文件会保留）")
    return parser


def _device_parser(p: argparse.ArgumentParser) -> None:
    """A kiosk, board or pad keeps its own enrollment in a device file, never a workstation's store."""
    p.add_argument("--file", type=Path, default=None, help="本设备的注册文件（默认用户数据目录下的 设备类别.json）")
    enroll = p.add_subparsers(dest="device_action").add_parser("enroll", help="把本设备注册到中心")
    enroll.add_argument("--center", required=True, help="中心地址，如 http://192.0.2.10:8765")
    enroll.add_argument("--code", required=True, help="大厅管理员在中心为这类设备生成的一次性注册码")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db_path = args.db or default_db_path()
    if args.command is None or (args.command == "demo" and args.action == "start"):
        from cli.demo_hall import DemoHall
        from ui.client import run_client

        return run_client(db_path, None if args.empty else DemoHall.of(db_path, getattr(args, "port", None)))
    try:
        return _run(args, db_path)
    except DomainError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        for line in getattr(exc, "errors", []):
            print(f"  - {line}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, db_path: Path) -> int:
    from db import backup

    if args.command == "db":
        if args.action == "backups":
            for path in backup.list_backups(db_path):
                print(path)
            return 0
        restored = backup.restore_latest(db_path)
        print(f"已用备份 {restored.name} 恢复；原文件已改名保留。")
        return 0

    if args.command == "demo":
        from cli.demo_hall import DemoHall

        stopped = DemoHall.of(db_path, args.port).stop()
        print(f"已停止：{'、'.join(stopped)}。" if stopped else "演示大厅的中心和设备都没有在运行。")
        return 0
    if args.command == "center":
        from cli.center import run_center

        return run_center(args)
    if args.command in DEVICE_COMMANDS:
        return _device(DeviceKind(args.command), args)

    from app.context import AppContext
    from db.migrate import DatabaseTooNew
    from db.store import StoreUnreadable

    try:
        ctx = AppContext.open(db_path)
    except (StoreUnreadable, DatabaseTooNew) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        if isinstance(exc, StoreUnreadable):
            print("可运行 `python main.py db restore` 用最近的自动备份恢复。", file=sys.stderr)
        return 2
    if args.command == "catalog":
        return _catalog(ctx, args)
    if args.command == "audit":
        from app.audit import verify

        with ctx.store.sessions() as session:
            report = verify(session)
        print(
            json.dumps(
                {"ok": report.ok, "checked": report.checked, "problems": report.problems}, ensure_ascii=False, indent=2
            )
        )
        return 0 if report.ok else 1
    if args.command in ("enroll", "sync"):
        from cli.sync import run_sync

        return run_sync(ctx, args)
    if args.command == "calendar":
        from app.calendar_data import load_calendar

        years = load_calendar(ctx.store, ctx.system(), json.loads(args.file.read_text(encoding="utf-8")))
        print(f"已导入 {', '.join(map(str, years))} 年的工作日历。")
        return 0
    raise AssertionError(args.command)


def _device(kind: DeviceKind, args: argparse.Namespace) -> int:
    from app.devices.credential import DeviceFile, default_path, enrolled_as

    file = DeviceFile(args.file or default_path(kind))
    if args.device_action == "enroll":
        from app.devices.enrollment import enroll_device

        enrolled = enroll_device(file.path, args.center, args.code, kind)
        print(f"已注册为{enrolled.device.label}（设备编号 {enrolled.device_id}），注册信息保存在 {file.path}。")
        return 0
    enrolled = enrolled_as(file, kind, getattr(args, "window", None))
    from ui.devices import run

    return run(file, enrolled, args)


def _catalog(ctx, args: argparse.Namespace) -> int:
    from app.catalog import transfer

    if args.action == "search":
        empty = _empty_catalog(ctx)
        if empty:
            print(f"错误：{empty}", file=sys.stderr)
            return 1
        hits = ctx.catalog.search(args.query, args.limit)
        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if args.action == "export":
        doc = transfer.export_file(ctx.store, args.file)
        print(f"已导出 {len(doc['matters'])} 个事项、{len(doc['bundles'])} 个一件事到 {args.file}")
        return 0
    summary = transfer.import_file(ctx.store, ctx.system(), args.file)
    print(
        f"导入完成：新增 {len(summary.created)} 个事项，更新 {len(summary.versioned)} 个（各生成新版本），"
        f"未变 {summary.unchanged} 个；部门 {summary.departments} 个，一件事 {summary.bundles} 个。"
    )
    return 0


def _empty_catalog(ctx) -> str | None:
    """Why a search cannot find anything at all: the store holds no catalog yet (None when it does)."""
    from sqlalchemy import func, select

    from app.sync.engine import SyncEngine
    from db.models import Matter

    with ctx.store.sessions() as s:
        if s.scalar(select(func.count()).select_from(Matter)):
            return None
    if SyncEngine(ctx.store, ctx.workstation_id).enrolled():
        return "本地数据库还没有事项目录：本工作站已注册到中心，但尚未同步。请运行 `python main.py sync`。"
    return (
        "本地数据库还没有事项目录，本工作站也未注册到中心。请先注册（`python main.py enroll --center 中心地址 "
        "--code 注册码`），或导入目录（`python main.py catalog import 文件`）。"
    )
