"""A day's queue figures as an Excel workbook: one sheet per view, Chinese headings."""

from pathlib import Path

from openpyxl import Workbook

from app.queue.dto import DayStats

HEADINGS = ["取号数", "已办结", "过号", "平均等候(分钟)", "95%的人等候不超过(分钟)", "平均办理(分钟)"]
FIELDS = ["issued", "served", "no_show", "avg_wait_min", "p95_wait_min", "avg_service_min"]
VIEWS = [("by_category", "按类别", "类别"), ("by_window", "按窗口", "窗口"), ("by_hour", "按时段", "时段(时)")]


def write_stats(stats: DayStats, path: Path) -> None:
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    ratings = stats.ratings
    rows = [
        ("日期", stats.day),
        *((h, getattr(stats.total, f)) for h, f in zip(HEADINGS, FIELDS, strict=True)),
        ("潮汐窗口时长(小时)", stats.tidal_hours),
        ("评价数", ratings.count),
        ("平均评价", ratings.average),
        ("主动评价率", ratings.active_rate),
        ("满意率", ratings.satisfied_rate),
        ("无号服务(离线登记)", stats.walk_ins),
    ]
    for row in rows:
        summary.append(row)
    for key, title, first in VIEWS:
        sheet = book.create_sheet(title)
        sheet.append([first, *HEADINGS])
        for group in getattr(stats, key):
            sheet.append([group.key, *(getattr(group, f) for f in FIELDS)])
    tidal = book.create_sheet("潮汐窗口")
    tidal.append(["窗口", "类别", "开启时长(小时)"])
    for t in stats.tidal:
        tidal.append([t.window_no, t.category_code, t.hours])
    book.save(path)
