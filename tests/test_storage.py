"""Atomic, chunked parquet output: a table appears complete or not at all, with stable types."""

import pandas as pd
import pyarrow as pa
import pytest

from toolkit.storage import ParquetAppender

TYPES = {"name": pa.large_string(), "count": pa.int64(), "offset": pa.int64()}
DTYPES = {"name": "str", "count": "int64", "offset": "Int64"}


def chunk(names, offsets):
    return pd.DataFrame({"name": names, "count": range(len(names)), "offset": pd.array(offsets, dtype="Int64")})


def test_chunks_keep_the_schema_even_when_a_column_is_all_null(tmp_path):
    path = tmp_path / "table.parquet"
    with ParquetAppender(path, pa.schema(list(TYPES.items())), DTYPES) as table:
        table.write(chunk([None, None], [None, None]))
        table.write(chunk([], []))
        table.write(chunk(["a"], [7]))
    assert table.rows == 3
    frame = pd.read_parquet(path)
    assert frame.dtypes.astype(str).to_dict() == {"name": "str", "count": "int64", "offset": "Int64"}
    assert frame["offset"].isna().tolist() == [True, True, False]
    assert list(tmp_path.iterdir()) == [path]


def test_a_failed_write_leaves_the_previous_table_and_no_temporary(tmp_path):
    path = tmp_path / "table.parquet"
    with ParquetAppender(path, pa.schema(list(TYPES.items())), DTYPES) as table:
        table.write(chunk(["old"], [1]))
    with pytest.raises(RuntimeError), ParquetAppender(path, pa.schema(list(TYPES.items())), DTYPES) as table:
        table.write(chunk(["new"], [2]))
        raise RuntimeError("killed mid-table")
    assert pd.read_parquet(path)["name"].tolist() == ["old"]
    assert list(tmp_path.iterdir()) == [path]
