"""Getting the tables out: every table of a run as CSV files or as one Excel workbook.

``toolkit export OUT_DIR --to csv|xlsx`` (or :func:`export`) writes ``articles``, ``report``,
``mentions``, ``entities`` and ``quotes`` next to each other in ``OUT_DIR/export/`` (or a folder
given). Lists (an entity's aliases, a quote's fragments) become text; cells a spreadsheet would
run as formulas are neutralised (:func:`toolkit.storage.spreadsheet_safe`); in a workbook, a cell
is cut at Excel's 32,767-character limit and the cut is said in the cell. Files are written
atomically.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from toolkit.storage import atomic_write, spreadsheet_safe, write_csv
from toolkit.tables import Tables

EXCEL_CELL = 32_767
EXCEL_ROWS = 1_048_576
SHEETS = ("articles", "report", "mentions", "entities", "quotes")
FORMATS = ("csv", "xlsx")


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and arrays as readable text ("Kyiv; Kiev"; "[[10, 52]]"), so every cell is plain."""
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].map(lambda v: isinstance(v, list | tuple) or hasattr(v, "tolist")).any():
            flat[column] = flat[column].map(lambda v: "; ".join(map(str, v.tolist() if hasattr(v, "tolist") else v)) if v is not None else None)
    return flat


def _cut(value):
    if isinstance(value, str) and len(value) > EXCEL_CELL:
        note = " [… cut at Excel's cell limit]"
        return value[: EXCEL_CELL - len(note)] + note
    return value


def export(out_dir: str | Path, to: str = "csv", destination: str | Path | None = None) -> list[Path]:
    """Write every table of ``out_dir`` as ``to`` ("csv" or "xlsx"); returns the files written."""
    if to not in FORMATS:
        raise ValueError(f"unknown export format {to!r}; choose one of {', '.join(FORMATS)}")
    tables = Tables(Path(out_dir))
    target = Path(destination) if destination else Path(out_dir) / "export"
    frames = {name: _flat(getattr(tables, name)) for name in SHEETS}
    if to == "csv":
        written = []
        for name, frame in frames.items():
            write_csv(frame, target / f"{name}.csv")
            written.append(target / f"{name}.csv")
        return written
    path = target / "tables.xlsx"
    too_long = [name for name, frame in frames.items() if len(frame) >= EXCEL_ROWS]
    if too_long:
        raise ValueError(f"{', '.join(too_long)} has more rows than an Excel sheet holds ({EXCEL_ROWS - 1:,}); export --to csv")

    def write(temporary: str) -> None:
        buffer = io.BytesIO()  # the writer wants an .xlsx name; the temporary file has none
        with pd.ExcelWriter(buffer, engine="openpyxl") as workbook:
            for name, frame in frames.items():
                spreadsheet_safe(frame).map(_cut).to_excel(workbook, sheet_name=name, index=False)
        Path(temporary).write_bytes(buffer.getvalue())

    atomic_write(path, write)
    return [path]
