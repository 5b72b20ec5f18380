"""The optional ``manifest.csv`` of a raw folder: metadata a user gives for some files.

Columns: ``file`` (path relative to the folder; a bare name for a file at the top of the folder)
and any of :data:`MANIFEST_FIELDS`; a non-blank cell overrides what was recovered from the page.
Cells are checked: ``url`` must be http(s), ``published`` a date :func:`parse_date` reads; a
bad cell, an absolute or escaping path and a repeated row are reported and left out.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from toolkit.ingest.dates import parse_date
from toolkit.ingest.metadata import Metadata
from toolkit.ingest.reading import Unreadable, decode, read_bytes
from toolkit.ingest.report import ReportRow

MANIFEST = "manifest.csv"
MANIFEST_FIELDS = ("outlet", "url", "published", "title", "author")


def read_manifest(root: Path) -> tuple[dict[str, dict[str, str]], list[ReportRow]]:
    """The manifest's rows by file name, and report rows for a malformed manifest or missing files."""
    path = root / MANIFEST
    if not path.exists():
        return {}, []
    if not path.is_file():
        return {}, [ReportRow(MANIFEST, "warning", "manifest ignored: it is not a file")]
    try:
        text = decode(read_bytes(path, root), ".csv").text
        rows = list(csv.DictReader(io.StringIO(text)))
    except (Unreadable, csv.Error, UnicodeError) as error:
        return {}, [ReportRow(MANIFEST, "warning", f"manifest ignored: {error}")]
    if not rows or "file" not in rows[0]:
        return {}, [ReportRow(MANIFEST, "warning", "manifest ignored: it has no 'file' column")]
    manifest, problems = {}, []
    for row in rows:
        name = (row.get("file") or "").strip().replace("\\", "/")
        if not name:
            continue
        where = f"{MANIFEST}:{name}"
        if Path(name).is_absolute() or ".." in Path(name).parts:
            problems.append(ReportRow(where, "warning", "manifest row ignored: 'file' must be a path inside the folder"))
            continue
        if name in manifest:
            problems.append(ReportRow(where, "warning", "manifest row ignored: the file is listed twice (the first row is used)"))
            continue
        cells = {k: (row.get(k) or "").strip() for k in MANIFEST_FIELDS if (row.get(k) or "").strip()}
        if "url" in cells and not re.match(r"https?://\S+$", cells["url"], re.IGNORECASE):
            problems.append(ReportRow(where, "warning", "manifest url ignored: not an http(s) address"))
            del cells["url"]
        if "published" in cells and parse_date(cells["published"]) is None:
            problems.append(ReportRow(where, "warning", "manifest date ignored: not a date (ISO 8601 such as 2025-05-16 expected)"))
            del cells["published"]
        manifest[name] = cells
        if not (root / name).exists():
            problems.append(ReportRow(where, "warning", "manifest names a file that is not in the folder"))
    return manifest, problems


def manifest_row(manifest: dict[str, dict[str, str]], relative: str) -> dict[str, str]:
    """The manifest's row for a file, by its path relative to the folder."""
    return manifest.get(relative) or {}


def apply_manifest(meta: Metadata, row: dict[str, str]) -> tuple[Metadata, str | None]:
    """Metadata with the manifest's non-blank cells taking precedence; and the URL."""
    for name in ("outlet", "title", "author"):
        if row.get(name):
            setattr(meta, name, row[name])
    if row.get("published"):
        meta.published = parse_date(row["published"])
    return meta, row.get("url")
