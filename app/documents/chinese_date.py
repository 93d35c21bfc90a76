"""Dates as official documents write them (GB/T 9704-2012 7.3.5: the year in full, month and day
without a leading zero, no spaces): 2026年3月2日."""

from datetime import date


def long_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
