"""The command line and the output contract: tables, report, clear errors, locking, atomic writes."""

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from toolkit.paths import PROJECT_ROOT
from toolkit.storage import OutputBusy, locked, write_parquet


def toolkit_cli(*args):
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=PROJECT_ROOT)


def test_run_writes_every_table_and_reuses_the_cache(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(PROJECT_ROOT / "data" / "raw", raw)
    out = tmp_path / "out"
    first = toolkit_cli("run", str(raw), "--out", str(out), "--quiet")
    assert first.returncode == 0, first.stderr
    for name in ("articles", "mentions", "entities", "quotes"):
        assert not pd.read_parquet(out / f"{name}.parquet").empty
    report = pd.read_csv(out / "report.csv")
    assert list(report.columns[:3]) == ["file", "status", "reason"]
    assert '"parsed": 5' in (out / "run.json").read_text()
    summary = (out / "run.json").read_text()
    second = toolkit_cli("run", str(raw), "--out", str(out), "--quiet")
    assert second.returncode == 0
    assert (out / "run.json").read_text() == summary  # unchanged folder: the tables are reused as they are
    forced = toolkit_cli("run", str(raw), "--out", str(out), "--quiet", "--force")
    assert forced.returncode == 0
    assert '"from_cache": 5' in (out / "run.json").read_text()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_missing_folder_is_one_clear_line(tmp_path):
    result = toolkit_cli("run", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"error: input folder not found: {tmp_path / 'nowhere'}"]
    assert not (tmp_path / "out").exists()


def test_unknown_option_is_one_clear_line():
    result = toolkit_cli("run", "data/raw", "--frobnicate")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["error: unrecognized arguments: --frobnicate (see news-toolkit --help)"]


def test_a_second_run_on_the_same_output_is_refused(tmp_path):
    with locked(tmp_path), pytest.raises(OutputBusy, match="another toolkit run"), locked(tmp_path):
        pass


def test_failed_write_keeps_the_previous_table(tmp_path):
    path = tmp_path / "t.parquet"
    write_parquet(pd.DataFrame({"a": [1]}), path)
    with pytest.raises(Exception):  # noqa: B017 - any failure inside the writer
        write_parquet(pd.DataFrame({"a": [object()]}), path)
    assert pd.read_parquet(path)["a"].tolist() == [1]
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]
