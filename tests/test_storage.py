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


def test_outputs_follow_the_umask_and_a_users_own_temporaries_are_kept(tmp_path):
    import os

    import pandas as pd

    from toolkit.storage import locked, write_csv

    (tmp_path / ".notes.tmp").write_text("mine", encoding="utf-8")
    (tmp_path / ".report.csv.abc123.tmp").write_text("a killed run's", encoding="utf-8")
    previous = os.umask(0o022)
    try:
        with locked(tmp_path):
            write_csv(pd.DataFrame({"a": [1]}), tmp_path / "report.csv")
    finally:
        os.umask(previous)
    assert (tmp_path / "report.csv").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / ".notes.tmp").exists() and not (tmp_path / ".report.csv.abc123.tmp").exists()


def test_the_dashboard_reads_its_folders_from_the_environment(monkeypatch):
    import json

    from toolkit.paths import PROJECT_ROOT

    notebook = json.loads((PROJECT_ROOT / "notebooks" / "dashboard.ipynb").read_text(encoding="utf-8"))
    parameters = next(c for c in notebook["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
    monkeypatch.setenv("TOOLKIT_RAW_DIR", "/data/mine")
    monkeypatch.setenv("TOOLKIT_OUT_DIR", "/data/mine-out")
    scope: dict = {}
    exec("".join(parameters["source"]), scope)
    assert (scope["RAW_DIR"], scope["OUT_DIR"]) == ("/data/mine", "/data/mine-out")


def test_export_writes_every_table_as_csv_and_as_a_workbook(seed_tables, tmp_path, capsys):
    import pandas as pd

    from toolkit.cli import main

    assert main(["export", str(seed_tables.out_dir), "--to", "csv", "--dest", str(tmp_path / "csv")]) == 0
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["articles.csv", "entities.csv", "mentions.csv", "quotes.csv", "report.csv"]
    assert len(pd.read_csv(tmp_path / "csv" / "quotes.csv")) == len(seed_tables.quotes)
    assert main(["export", str(seed_tables.out_dir), "--to", "xlsx", "--dest", str(tmp_path / "xlsx")]) == 0
    sheets = pd.read_excel(tmp_path / "xlsx" / "tables.xlsx", sheet_name=None)
    assert set(sheets) == {"articles", "report", "mentions", "entities", "quotes"}
    assert len(sheets["mentions"]) == len(seed_tables.mentions)
    assert all(isinstance(a, str) for a in sheets["entities"]["aliases"])


def test_export_of_a_folder_without_tables_is_one_line(tmp_path, capsys):
    from toolkit.cli import main

    assert main(["export", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_tables_export_from_python_is_the_command(seed_tables, tmp_path):
    written = seed_tables.export("csv", tmp_path / "mine")
    assert sorted(p.name for p in written) == ["articles.csv", "entities.csv", "mentions.csv", "quotes.csv", "report.csv"]
