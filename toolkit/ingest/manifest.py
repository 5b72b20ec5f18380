"""The optional ``manifest.csv`` of a raw folder: metadata a user gives for some files.

Columns: ``file`` (path relative to the folder, or a bare file name) and any of
:data:`MANIFEST_FIELDS`; a non-blank cell overrides what was recovered from the page.
"""

from __future__ import annotations

import csv
import io
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
    if not path.is_file():
        return {}, []
    try:
        text = decode(read_bytes(path, root), ".csv").text
        rows = list(csv.DictReader(io.StringIO(text)))
    except (Unreadable, csv.Error, UnicodeError) as error:
        return {}, [ReportRow(MANIFEST, "warning", f"manifest ignored: {error}")]
    if not rows or "file" not in rows[0]:
        return {}, [ReportRow(MANIFEST, "warning", "manifest ignored: it has no 'file' column")]
    manifest, problems = {}, []
    for row in rows:
        name = (row.get("file") or "").strip()
        if not name:
            continue
        manifest[name] = {k: (row.get(k) or "").strip() for k in MANIFEST_FIELDS if (row.get(k) or "").strip()}
        if not (root / name).exists():
            problems.append(ReportRow(f"{MANIFEST}:{name}", "warning", "manifest names a file that is not in the folder"))
    return manifest, problems


def manifest_row(manifest: dict[str, dict[str, str]], relative: str) -> dict[str, str]:
    """The manifest's row for a file: by its relative path, else by its bare name."""
    return manifest.get(relative) or manifest.get(Path(relative).name) or {}


def apply_manifest(meta: Metadata, row: dict[str, str]) -> tuple[Metadata, str | None]:
    """Metadata with the manifest's non-blank cells taking precedence; and the URL."""
    for name in ("outlet", "title", "author"):
        if row.get(name):
            setattr(meta, name, row[name])
    if row.get("published"):
        meta.published = parse_date(row["published"]) or row["published"]
    return meta, row.get("url")
