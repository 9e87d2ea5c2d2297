"""Splitting a date range into the windows Growatt's history calls accept."""

from __future__ import annotations

import datetime as dt

from growattServer.errors import GrowattParameterError

from .rows import Window

__all__ = ["day_windows", "month_windows", "span_windows", "year_windows"]

ONE_DAY = dt.timedelta(days=1)


def _check(first: dt.date, last: dt.date) -> None:
    if last < first:
        msg = f"the range ends ({last}) before it starts ({first})"
        raise GrowattParameterError(msg)


def span_windows(first: dt.date, last: dt.date, days: int) -> list[Window]:
    """Windows of at most ``days`` days, oldest first."""
    _check(first, last)
    windows: list[Window] = []
    start = first
    while start <= last:
        end = min(last, start + dt.timedelta(days=days - 1))
        windows.append(Window(start, end))
        start = end + ONE_DAY
    return windows


def day_windows(first: dt.date, last: dt.date) -> list[Window]:
    """One window per day (the classic day charts)."""
    return span_windows(first, last, 1)


def month_start(day: dt.date) -> dt.date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after ``day``'s."""
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_windows(first: dt.date, last: dt.date) -> list[Window]:
    """One window per calendar month touched by the range, clipped to it."""
    _check(first, last)
    windows: list[Window] = []
    start = first
    while start <= last:
        end = min(last, next_month(start) - ONE_DAY)
        windows.append(Window(start, end))
        start = end + ONE_DAY
    return windows


def year_windows(first: dt.date, last: dt.date) -> list[Window]:
    """One window per calendar year touched by the range, clipped to it."""
    _check(first, last)
    windows: list[Window] = []
    start = first
    while start <= last:
        end = min(last, dt.date(start.year, 12, 31))
        windows.append(Window(start, end))
        start = end + ONE_DAY
    return windows
