"""Dates for charts: the range that holds the bulk of a corpus, and bins that suit its span.

A folder of news usually covers a few days or weeks, plus a handful of pages from years
earlier (an old story linked from the new ones, a page whose only date is its copyright
year). Drawn as is, those few stretch the axis until the weeks that hold the data are one
spike. :func:`bulk_range` finds the range around the median date that holds the bulk, with a
robust spread (the median absolute deviation), and says which dates fall outside; charts
show the bulk and name what they leave out instead of stretching. :func:`bin_frequency`
then picks days, weeks or months so a chart has between a handful and a few dozen bins.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

SPREAD = 10  # dates further than this many median absolute deviations from the median are outside the bulk
MIN_DEVIATION = pd.Timedelta(days=1)  # a corpus of one day still has a bulk of ±SPREAD days
MAX_OUTSIDE = 0.4  # when more than this share would be left out, there is no bulk: show everything
FREQUENCIES = (("D", "day", pd.Timedelta(days=62)), ("W", "week", pd.Timedelta(days=550)), ("M", "month", None))
UNITS = {code: name for code, name, _ in FREQUENCIES}


class DateRange(NamedTuple):
    """The dates a chart shows, and how many dated items it leaves out either side."""

    start: pd.Timestamp
    end: pd.Timestamp
    before: int
    after: int


def article_dates(articles: pd.DataFrame) -> pd.Series:
    """Each article's publication day (NaT when unknown), indexed by ``article_id``."""
    days = pd.to_datetime(articles["published"].astype("string").str[:10], errors="coerce", format="%Y-%m-%d")
    return pd.Series(days.to_numpy(), index=articles["article_id"].to_numpy(), name="date")


def bulk_range(dates: pd.Series, start: str | pd.Timestamp | None = None, end: str | pd.Timestamp | None = None) -> DateRange:
    """The range to show: ``start`` and ``end`` when given, otherwise the bulk of ``dates``
    (median ± :data:`SPREAD` median absolute deviations, clipped to the data)."""
    dates = pd.Series(dates).dropna().sort_values()
    if dates.empty:
        today = pd.Timestamp.today().normalize()
        return DateRange(today, today, 0, 0)
    if start is None and end is None:
        median = dates.median()
        deviation = max((dates - median).abs().median(), MIN_DEVIATION)
        low, high = median - SPREAD * deviation, median + SPREAD * deviation
        if ((dates < low) | (dates > high)).mean() > MAX_OUTSIDE:
            low, high = dates.iloc[0], dates.iloc[-1]
    else:
        low = pd.Timestamp(start) if start is not None else dates.iloc[0]
        high = pd.Timestamp(end) if end is not None else dates.iloc[-1]
    inside = dates[(dates >= low) & (dates <= high)]
    if inside.empty:
        return DateRange(low.normalize(), high.normalize(), int((dates < low).sum()), int((dates > high).sum()))
    return DateRange(inside.iloc[0], inside.iloc[-1], int((dates < low).sum()), int((dates > high).sum()))


def bin_frequency(start: pd.Timestamp, end: pd.Timestamp) -> tuple[str, str]:
    """The pandas period code and its name ("day", "week", "month") for a span of dates."""
    for code, name, longest in FREQUENCIES:
        if longest is None or end - start <= longest:
            return code, name
    raise AssertionError("unreachable: the last frequency has no limit")


def bins(dates: pd.Series, frequency: str) -> pd.Series:
    """The start of the bin (day, Monday of the week, first of the month) of each date."""
    return dates.dt.to_period(frequency).dt.start_time


def all_bins(start: pd.Timestamp, end: pd.Timestamp, frequency: str) -> pd.DatetimeIndex:
    """Every bin from ``start`` to ``end``, empty ones included (so gaps show as gaps)."""
    return pd.period_range(start, end, freq=frequency).start_time
