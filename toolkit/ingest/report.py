"""The ingest report: one row per input file, saying whether it was kept and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

REPORT_COLUMNS = ("file", "status", "reason", "article_id")


@dataclass
class ReportRow:
    """The outcome for one input file: ok, warning or skipped, and why."""

    file: str
    status: str
    reason: str
    article_id: str | None = None


def report_frame(rows: list[ReportRow]) -> pd.DataFrame:
    """Report rows as the report table."""
    return pd.DataFrame([asdict(r) for r in rows], columns=list(REPORT_COLUMNS))
