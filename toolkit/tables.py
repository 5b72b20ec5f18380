"""The output tables: their columns and types, and :class:`Tables`, which reads them back.

The pipeline writes the large tables (articles, mentions, quotes) chunk by chunk with these
schemas (:class:`toolkit.storage.ParquetAppender`), so every chunk has the same types, a
column that happens to be empty included. :class:`Tables` reads a table only when it is
first used, so asking for the articles of a large corpus does not load its mentions.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow as pa

from toolkit.storage import from_spreadsheet_safe

TABLES = ("articles", "mentions", "entities", "quotes")

TEXT, INTEGER = pa.large_string(), pa.int64()
ARTICLE_TYPES = {
    "article_id": TEXT, "file": TEXT, "outlet": TEXT, "title": TEXT, "published": TEXT, "author": TEXT,
    "language": TEXT, "section": TEXT, "dateline": TEXT, "url": TEXT, "text": TEXT, "n_words": INTEGER, "n_paragraphs": INTEGER,
    "source_format": TEXT, "encoding": TEXT,
}  # fmt: skip
MENTION_TYPES = {
    "article_id": TEXT, "start": INTEGER, "end": INTEGER, "text": TEXT, "label": TEXT, "entity_id": TEXT,
    "name": TEXT, "sentence": INTEGER, "method": TEXT, "role": TEXT, "spacy_label": TEXT,
}  # fmt: skip
QUOTE_TYPES = {
    "article_id": TEXT, "quote_id": TEXT, "kind": TEXT, "text": TEXT, "start": INTEGER, "end": INTEGER,
    "speaker": TEXT, "speaker_type": TEXT, "speaker_entity_id": TEXT, "speaker_text": TEXT, "speaker_start": INTEGER,
    "speaker_end": INTEGER, "cue": TEXT, "resolution": TEXT, "fragments": pa.list_(pa.list_(INTEGER)),
}  # fmt: skip
NULLABLE_INTEGERS = {"speaker_start", "speaker_end"}
UNKNOWN_OUTLET = "(unknown outlet)"  # how every table, chart and explorer names a page without a known outlet
OTHER_OUTLETS = "(other outlets)"  # and the outlets a table or chart sums instead of showing each


def outlet_order(outlets: pd.Series) -> list[str]:
    """The distinct outlets of a column, most rows first (ties by name) and pages without one
    (missing, or :data:`UNKNOWN_OUTLET`) last: the order tables, legends and pickers list them in,
    where sorting by name would put "(unknown outlet)" first for its bracket."""
    counts = outlets.fillna(UNKNOWN_OUTLET).value_counts()
    return sorted(counts.index, key=lambda outlet: (outlet == UNKNOWN_OUTLET, -counts[outlet], outlet))


def sorted_by_outlet(table: pd.DataFrame, outlets: pd.Series, then: list[str], ascending: list[bool]) -> pd.DataFrame:
    """``table`` with its ``outlet`` column in the :func:`outlet_order` of ``outlets``, and within an
    outlet by the columns ``then`` (each ``ascending`` or not)."""
    rank = table["outlet"].map({outlet: i for i, outlet in enumerate(outlet_order(outlets))})
    ordered = table.assign(_rank=rank).sort_values(["_rank", *then], ascending=[True, *ascending], kind="stable")
    return ordered.drop(columns="_rank").reset_index(drop=True)


def schema(types: dict[str, pa.DataType]) -> pa.Schema:
    return pa.schema(list(types.items()))


def dtypes(types: dict[str, pa.DataType]) -> dict[str, str]:
    """The pandas dtype each column reads back as."""
    kinds = {TEXT: "str", INTEGER: "int64"}
    return {name: "Int64" if name in NULLABLE_INTEGERS else kinds.get(kind, "object") for name, kind in types.items()}


TABLE_FILES = (*(f"{name}.parquet" for name in TABLES), "report.csv")


class MixedTables(RuntimeError):
    """The files of an output folder come from different runs (a run was killed while replacing them)."""


def table_stamps(out_dir: Path) -> dict[str, list[int]]:
    """(size, modification time) of each table file: the generation a run's ``run.json`` records."""
    stamps = {}
    for name in TABLE_FILES:
        try:
            status = (out_dir / name).stat()
        except OSError:
            continue
        stamps[name] = [status.st_size, status.st_mtime_ns]
    return stamps


def check_generation(out_dir: Path, summary: dict) -> None:
    """Raise :class:`MixedTables` unless the table files are exactly those the run recorded in
    ``run.json`` (each file is replaced atomically; this makes the set of them one generation)."""
    recorded = summary.get("tables")
    if recorded is not None and recorded != table_stamps(out_dir):
        raise MixedTables(f"the tables in {out_dir} are not all from one run (a run was interrupted): run the pipeline again")


class Tables:
    """The tables of one output folder as DataFrames, each read from its file when first used."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)

    def _read(self, name: str) -> pd.DataFrame:
        return pd.read_parquet(self.out_dir / f"{name}.parquet")

    @cached_property
    def articles(self) -> pd.DataFrame:
        """One row per kept article: metadata and clean text."""
        return self._read("articles")

    @cached_property
    def report(self) -> pd.DataFrame:
        """One row per input file: ok, warning or skipped, and why."""
        return from_spreadsheet_safe(pd.read_csv(self.out_dir / "report.csv"))

    @cached_property
    def mentions(self) -> pd.DataFrame:
        """One row per entity mention, with its canonical entity."""
        return self._read("mentions")

    @cached_property
    def entities(self) -> pd.DataFrame:
        """One row per canonical entity."""
        return self._read("entities")

    @cached_property
    def quotes(self) -> pd.DataFrame:
        """One row per quote, with its speaker."""
        return self._read("quotes")

    def export(self, to: str = "csv", destination: str | Path | None = None) -> list[Path]:
        """Every table and the report as CSV files or one Excel workbook, in ``OUT_DIR/export/``
        unless ``destination`` is given (see :func:`toolkit.export.export`)."""
        from toolkit.export import export  # the export module reads tables through this class

        return export(self.out_dir, to, destination)

    def __repr__(self) -> str:
        return f"Tables({str(self.out_dir)!r})"
