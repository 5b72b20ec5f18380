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


STATUS_ORDER = ("skipped", "warning", "ok")  # what needs a look first
STATUS_MEANING = {"skipped": "not kept: the reason says why", "warning": "kept, with something worth knowing", "ok": "kept"}


def report_overview(report: pd.DataFrame) -> pd.DataFrame:
    """Files per status (skipped, warning, ok) with what each status means: the report of a large
    folder at a glance."""
    files = report["status"].value_counts()
    return pd.DataFrame(
        {"status": list(STATUS_ORDER), "files": [int(files.get(s, 0)) for s in STATUS_ORDER], "meaning": [STATUS_MEANING[s] for s in STATUS_ORDER]}
    )


def problems_first(report: pd.DataFrame) -> pd.DataFrame:
    """The report with skipped files first, then warnings, then the files kept without a note (each by file name)."""
    rank = report["status"].map({status: i for i, status in enumerate(STATUS_ORDER)})
    return report.assign(_rank=rank).sort_values(["_rank", "file"], kind="stable").drop(columns="_rank").reset_index(drop=True)
