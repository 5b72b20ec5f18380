"""Write output tables atomically and keep two runs from writing one folder at once.

Every table is written to a temporary file in the output folder and renamed over the old
one, so a run killed at any moment leaves the previous complete table or none, never half
a file. A lock file held with ``flock`` makes a second run on the same folder fail at once
with a clear message instead of interleaving its writes.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


class OutputBusy(RuntimeError):
    """Another run holds the output folder."""


OWN_TEMPORARIES = tuple(f".{name}." for name in ("articles.parquet", "mentions.parquet", "entities.parquet", "quotes.parquet", "report.csv", "run.json"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, write: Callable[[str], None]) -> None:
    """Create ``path`` through ``write(temporary_name)`` and an atomic rename: readers see the old
    file or the complete new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(handle, 0o666 & ~_umask())  # mkstemp makes owner-only files; outputs follow the umask, as open() would
    os.close(handle)
    try:
        write(temporary)
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write a DataFrame as parquet, atomically."""
    atomic_write(path, lambda temporary: frame.to_parquet(temporary, index=False))


class ParquetAppender:
    """Write one parquet table chunk by chunk, so a large table never has to be in memory at once.

    ``schema`` fixes each column's type (a chunk where a column happens to be all null keeps it);
    ``dtypes`` are the pandas dtypes the table reads back as. Use as a context manager: the file
    appears under its name, complete, only when the block ends without error.
    """

    def __init__(self, path: Path, schema: pa.Schema, dtypes: dict[str, str]) -> None:
        prototype = pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in dtypes.items()})
        self.schema = schema.with_metadata(pa.Schema.from_pandas(prototype, preserve_index=False).metadata)
        self.path = path
        self.rows = 0

    def __enter__(self) -> ParquetAppender:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, self.temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        os.fchmod(handle, 0o666 & ~_umask())
        os.close(handle)
        self.writer = pq.ParquetWriter(self.temporary, self.schema)
        return self

    def write(self, frame: pd.DataFrame) -> None:
        """Append the rows of ``frame`` (columns as in the schema)."""
        if len(frame):
            self.writer.write_table(pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False))
            self.rows += len(frame)

    def __exit__(self, error_type, *exc) -> None:
        try:
            self.writer.close()  # writes the footer: can fail on a full disk too
            if error_type is None:
                with open(self.temporary, "rb") as written:
                    os.fsync(written.fileno())
                os.replace(self.temporary, self.path)
        finally:
            Path(self.temporary).unlink(missing_ok=True)  # gone after the rename; left only by a failure


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _map_text(frame: pd.DataFrame, change: Callable[[str], str]) -> pd.DataFrame:
    """A copy of the frame with ``change`` applied to every string cell of its text columns."""
    changed = frame.copy()
    for column in changed.columns:
        if changed[column].dtype == object or pd.api.types.is_string_dtype(changed[column].dtype):
            changed[column] = [change(v) if isinstance(v, str) else v for v in changed[column]]
    return changed


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell that a spreadsheet would run as a formula ("=HYPERLINK(...)",
    "+1", "@SUM") prefixed with an apostrophe, as OWASP advises for CSV meant to be opened in
    Excel; a cell that already starts with an apostrophe gets one more, so that
    :func:`from_spreadsheet_safe` gives every cell back exactly."""
    return _map_text(frame, lambda v: f"'{v}" if v.startswith((*FORMULA_STARTS, "'")) else v)


def from_spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as it was before :func:`spreadsheet_safe` (one leading apostrophe removed)."""
    return _map_text(frame, lambda v: v[1:] if v.startswith("'") else v)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a DataFrame as UTF-8 CSV, atomically, safe to open in a spreadsheet (:func:`spreadsheet_safe`)."""
    safe = spreadsheet_safe(frame)
    atomic_write(path, lambda temporary: safe.to_csv(temporary, index=False))


def write_text(text: str, path: Path) -> None:
    """Write a text file, atomically."""
    atomic_write(path, lambda temporary: Path(temporary).write_text(text, encoding="utf-8"))


@contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold the output folder's lock for the duration of a run (and clear a killed run's temporaries)."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise OutputBusy(f"another toolkit run is writing to {directory}; wait for it to finish") from error
        for stale in directory.glob(".*.tmp"):  # left by a run that was killed mid-write; a user's own are kept
            if stale.name.startswith(OWN_TEMPORARIES):
                stale.unlink(missing_ok=True)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
