"""Every workbook the product writes is read by people: its sheet names and headings are Chinese.
(The catalog workbook is checked with its import in test_catalog_transfer.py.)"""

from datetime import date

from openpyxl import load_workbook

from app.help.report import AgentFigures, write_workload
from app.queue.dto import DayStats, GroupStats, RatingStats, Summary, TidalHours
from app.queue.stats_excel import write_stats


def _english(path, data: set[str]) -> list[str]:
    """Sheet names and every text cell but the data given (names, codes): any Latin letters in them."""
    book = load_workbook(path)
    texts = list(book.sheetnames)
    for sheet in book.worksheets:
        texts += [v for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str) and v not in data]
    return [t for t in texts if any("a" <= ch.lower() <= "z" for ch in t)]


def test_queue_statistics_workbook_is_in_chinese(tmp_path):
    group = {"issued": 3, "served": 2, "no_show": 1, "avg_wait_min": 5.0, "p95_wait_min": 9.0, "avg_service_min": 7.5}
    stats = DayStats(
        day="2026-03-02",
        total=Summary(**group),
        by_category=[GroupStats(key="A", **group), GroupStats(key="B", **group)],
        by_window=[GroupStats(key=1, **group)],
        by_hour=[GroupStats(key=9, **group)],
        tidal_hours=1.5,
        tidal=[TidalHours(window_no=5, category_code="A", hours=1.5)],
        ratings=RatingStats(count=2, average=4.5, by_level={}, active_rate=0.5, satisfied_rate=1.0),
        walk_ins=0,
    )
    path = tmp_path / "stats.xlsx"
    write_stats(stats, path)
    assert not _english(path, {"A", "B"})  # category codes are the hall's own, printed on tickets


def test_agent_workload_workbook_is_in_chinese(tmp_path):
    path = tmp_path / "workload.xlsx"
    write_workload(
        [AgentFigures("吴敏（A001）", 5, 2, 3, 3, 0, 7, 2, 4.5, 0)], date(2026, 3, 1), date(2026, 3, 31), path
    )
    assert not _english(path, {"吴敏（A001）"})
