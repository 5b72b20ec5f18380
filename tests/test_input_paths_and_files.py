"""Robustness, round two: paths, odd files, manifests, settings, mixed tables and the JSONL reader.

Every case is generated here; each asserts the promised outcome: a report row with a reason,
one line on stderr and exit 2, or the old or the new table set and never a mix.
"""

from __future__ import annotations

import html
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import toolkit
from toolkit.cli import main
from toolkit.ingest.reading import decode, discover
from toolkit.nlp.cache import RecordCache
from toolkit.paths import PROJECT_ROOT
from toolkit.pipeline import is_current
from toolkit.quotes.jsonl import read_records
from toolkit.storage import spreadsheet_safe
from toolkit.tables import MixedTables

SEEDS = PROJECT_ROOT / "data" / "raw"


SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _story(n: int = 0) -> str:
    """A real article (one of the embedded seeds), so that cleaning keeps it."""
    return SEED_TEXTS[n % len(SEED_TEXTS)]


def _folder(root: Path, names: list[str]) -> Path:
    for i, name in enumerate(names):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_story(i), encoding="utf-8")
    return root


def _one_line_exit_2(capsys, argv: list[str]) -> str:
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's own checks
        code = stop.code
    assert code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("error:"), error
    return error


def test_relative_paths_on_the_command_line_are_the_current_folders(tmp_path, monkeypatch, capsys):
    _folder(tmp_path / "mine", ["only.txt"])
    monkeypatch.chdir(tmp_path)
    assert main(["run", "mine", "--out", "mine-out", "--quiet"]) == 0
    report = pd.read_csv(tmp_path / "mine-out" / "report.csv")
    assert report["file"].tolist() == ["only.txt"]


def test_a_linked_or_roundabout_input_folder_runs_and_is_then_up_to_date(tmp_path):
    raw = _folder(tmp_path / "raw", ["a/story.txt", "b/story.txt"])
    link = tmp_path / "link"
    link.symlink_to(raw, target_is_directory=True)
    out = tmp_path / "out"
    tables = toolkit.run(link, out, progress=False)
    assert sorted(tables.report["file"]) == ["a/story.txt", "b/story.txt"]
    assert json.loads((out / "run.json").read_text())["raw_dir"] == str(raw)
    assert is_current(tmp_path / "raw" / ".." / "raw", out)


@pytest.mark.parametrize("where", ["same", "inside"])
def test_an_output_folder_in_the_input_folder_is_refused(tmp_path, capsys, where):
    raw = _folder(tmp_path / "raw", ["one.txt"])
    out = raw if where == "same" else raw / "out"
    error = _one_line_exit_2(capsys, ["run", str(raw), "--out", str(out), "--quiet"])
    assert "overlaps the input folder" in error
    assert sorted(p.name for p in raw.iterdir()) == ["one.txt"]


def test_notebooks_into_the_input_folder_are_refused_before_any_work(tmp_path, capsys):
    raw = _folder(tmp_path / "raw", ["one.txt"])
    _one_line_exit_2(capsys, ["run", str(raw), "--out", str(tmp_path / "out"), "--notebooks", str(raw / "reports"), "--quiet"])
    assert not (tmp_path / "out").exists()


def test_quotes_never_replace_their_input(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "1", "text": "Hello there."}\n', encoding="utf-8")
    _one_line_exit_2(capsys, ["quotes", str(source), "--out", str(source)])
    assert source.read_text(encoding="utf-8") == '{"id": "1", "text": "Hello there."}\n'


@pytest.mark.parametrize(
    "argv",
    [
        ["--batch-size", "0"],
        ["--batch-size", "-5"],
        ["--workers", "0"],
        ["--n-process", "zero"],
        ["--model", "no_such_model_anywhere"],
    ],
)
def test_bad_settings_are_one_line_and_exit_2(tmp_path, capsys, argv):
    raw = _folder(tmp_path / "raw", ["one.txt"])
    _one_line_exit_2(capsys, ["run", str(raw), "--out", str(tmp_path / "out"), "--quiet", *argv])
    assert not (tmp_path / "out" / "articles.parquet").exists()


def test_an_unknown_home_folder_is_one_line(capsys):
    _one_line_exit_2(capsys, ["run", "~no_such_user_here/raw", "--quiet"])


def test_hidden_files_and_folders_are_not_ingested(tmp_path):
    raw = _folder(tmp_path / "raw", ["story.txt", ".hidden.txt", ".git/notes.txt", ".ipynb_checkpoints/story-checkpoint.txt"])
    assert [p.relative_to(raw.resolve()).as_posix() for p in discover(raw)] == ["story.txt"]


def test_a_folder_that_cannot_be_listed_gets_a_report_row(tmp_path, monkeypatch):
    raw = _folder(tmp_path / "raw", ["story.txt", "locked/inside.txt"])
    locked = (raw / "locked").resolve()
    real_scandir = os.scandir

    def refusing(path="."):
        if Path(path).resolve() == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    report = toolkit.run(raw, tmp_path / "out", progress=False).report
    row = report[report["file"] == "locked"].iloc[0]
    assert row["status"] == "skipped" and "cannot be listed" in row["reason"]


def test_a_file_name_that_is_not_utf8_gets_its_row_and_the_run_finishes(tmp_path):
    raw = _folder(tmp_path / "raw", ["story.txt"])
    odd = os.path.join(os.fsencode(raw), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(_story(7).encode())
    report = toolkit.run(raw, tmp_path / "out", progress=False).report
    assert sorted(report["file"]) == ["caf\\xe9.txt", "story.txt"]


def test_a_manifest_that_is_a_folder_is_a_warning_row(tmp_path):
    raw = _folder(tmp_path / "raw", ["story.txt"])
    (raw / "manifest.csv").mkdir()
    report = toolkit.run(raw, tmp_path / "out", progress=False).report
    assert "not a file" in report.loc[report["file"] == "manifest.csv", "reason"].iloc[0]


def test_manifest_cells_are_checked(tmp_path):
    raw = _folder(tmp_path / "raw", ["story.txt", "sub/story.txt"])
    (raw / "manifest.csv").write_text(
        "file,url,published,outlet\nstory.txt,javascript:alert(1),=1+1,First\nstory.txt,https://example.org/a,2025-05-16,Second\n/etc/passwd,,,Third\n",
        encoding="utf-8",
    )
    tables = toolkit.run(raw, tmp_path / "out", progress=False)
    reasons = " | ".join(tables.report["reason"].dropna())
    for expected in ("not an http(s) address", "not a date", "listed twice", "a path inside the folder"):
        assert expected in reasons
    articles = tables.articles.set_index("file")
    assert articles.loc["story.txt", "outlet"] == "First" and articles.loc["story.txt", "published"] != "=1+1"
    assert articles.loc["sub/story.txt", "outlet"] != "First"  # a bare name is the top-level file only


def test_report_cells_are_safe_to_open_in_a_spreadsheet(tmp_path):
    raw = _folder(tmp_path / "raw", ["=HYPERLINK(1).txt", "+plus.txt", "'quoted.txt"])
    tables = toolkit.run(raw, tmp_path / "out", progress=False)
    cells = (tmp_path / "out" / "report.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(1).txt" in cells and "'+plus.txt" in cells and "''quoted.txt" in cells
    assert sorted(tables.report["file"]) == ["'quoted.txt", "+plus.txt", "=HYPERLINK(1).txt"]  # read back as they are
    assert spreadsheet_safe(pd.DataFrame({"n": [-1], "s": ["-x"]})).to_dict("records") == [{"n": -1, "s": "'-x"}]


def test_one_stray_byte_keeps_a_utf8_file_utf8():
    data = ("Café au lait, naïve résumé. " * 5).encode() + b"\xff" + b" and more text here."
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and "Café" in decoded.text
    assert "1 invalid UTF-8 byte sequence replaced" in decoded.warnings


def test_latin1_still_goes_to_charset_detection():
    decoded = decode("Le café est très chaud, dit-il à la fenêtre ouverte de la cuisine.".encode("latin-1"))
    assert "café" in decoded.text and decoded.encoding != "utf-8"


def test_xml_that_is_not_a_page_is_refused_and_xhtml_is_read_as_html(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "feed.txt").write_text('<?xml version="1.0"?>\n<rss><channel><item>x</item></channel></rss>\n', encoding="utf-8")
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in _story(3).split("\n") if line.strip())
    xhtml = f'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n<html><body><h1>Bridge</h1>{paragraphs}</body></html>'
    (raw / "page.txt").write_text(xhtml, encoding="utf-8")
    report = toolkit.run(raw, tmp_path / "out", progress=False).report.set_index("file")
    assert report.loc["feed.txt", "status"] == "skipped" and "XML document" in report.loc["feed.txt", "reason"]
    assert report.loc["page.txt", "status"] != "skipped" and "read as HTML" in report.loc["page.txt", "reason"]


def test_a_file_edited_with_its_size_and_time_kept_is_seen(tmp_path):
    raw = _folder(tmp_path / "raw", ["story.txt"])
    out = tmp_path / "out"
    toolkit.run(raw, out, progress=False)
    path = raw / "story.txt"
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    word = next(w for w in text.split() if w.isalpha() and w.isascii() and len(w) > 6)
    path.write_text(text.replace(word, word[::-1], 1), encoding="utf-8")
    assert path.stat().st_size == status.st_size
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert not is_current(raw, out)


def test_tables_from_two_runs_are_never_loaded_as_one(tmp_path):
    raw = _folder(tmp_path / "raw", ["story.txt"])
    out = tmp_path / "out"
    toolkit.run(raw, out, progress=False)
    _folder(tmp_path / "raw", ["story.txt", "second.txt"])
    other = tmp_path / "other"
    toolkit.run(raw, other, progress=False)
    shutil.copy2(other / "articles.parquet", out / "articles.parquet")  # as a run killed after replacing one table
    with pytest.raises(MixedTables):
        toolkit.load(out)
    assert not is_current(raw, out)
    assert len(toolkit.load(out, raw_dir=raw).articles) == 2  # given the folder, load reruns


def test_an_unreadable_cache_is_rebuilt(tmp_path):
    raw = _folder(tmp_path / "raw", ["story.txt"])
    out = tmp_path / "out"
    (out / "cache").mkdir(parents=True)
    (out / "cache" / "records.sqlite").write_bytes(b"this is not a database" * 100)
    tables = toolkit.run(raw, out, progress=False)
    assert len(tables.articles) == 1
    assert (out / "cache" / "records.sqlite.broken").exists()


def test_the_cache_keeps_its_file_whole_without_waiting_for_the_disk_at_every_commit(tmp_path):
    cache = RecordCache(tmp_path / "records.sqlite")
    cache.put_many([("k", {"mentions": []})])
    journal = cache.connection.execute("PRAGMA journal_mode").fetchone()[0]
    synchronous = cache.connection.execute("PRAGMA synchronous").fetchone()[0]
    assert (journal, synchronous) == ("wal", 1)  # 1: NORMAL, no fsync per commit; WAL keeps the file consistent
    assert cache.get("k") == {"mentions": []}
    cache.close()


def test_bad_jsonl_lines_are_reported_and_the_good_ones_read(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [
        '\ufeff{"id": "a", "text": "First text."}',
        "not json at all",
        "[1, 2, 3]",
        '{"text": "no id here"}',
        '{"id": "a", "text": "a repeated id"}',
        '{"id": "n", "text": 42}',
        '{"id": "s", "text": "lone \\ud800 surrogate"}',
        '{"id": "b", "text": "Second text."}',
    ]
    source.write_bytes("\n".join(lines).encode("utf-8") + b"\n" + '{"id": "l", "text": "caf\xe9"}\n'.encode("latin-1"))
    problems: list[str] = []
    records = list(read_records(source, problems))
    assert [i for i, _ in records] == ["a", "s", "b"]
    assert [p.split(":", 2)[1] for p in problems] == ["2", "3", "4", "5", "6", "7", "9"]
    assert "surrogate" in problems[5] and "not UTF-8" in problems[6]


def test_toolkit_quotes_reports_bad_lines_and_writes_the_rest(tmp_path, capsys):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text('{"id": "1", "text": "“We will build it,” Anna Berg said."}\nbroken\n', encoding="utf-8")
    assert main(["quotes", str(source), "--out", str(target)]) == 0
    assert "in.jsonl:2: not JSON" in capsys.readouterr().err
    written = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in written] == ["1"] and written[0]["quotes"][0]["speaker_resolved"] == "Anna Berg"


def test_an_output_that_is_a_file_or_holds_someone_elses_report_is_refused(tmp_path, capsys):
    raw = _folder(tmp_path / "raw", ["one.txt"])
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    assert "is a file" in _one_line_exit_2(capsys, ["run", str(raw), "--out", str(a_file), "--quiet"])
    foreign = tmp_path / "results"
    foreign.mkdir()
    (foreign / "report.csv").write_text("my,own,report\n", encoding="utf-8")
    assert "report.csv" in _one_line_exit_2(capsys, ["run", str(raw), "--out", str(foreign), "--quiet"])
    assert a_file.read_text(encoding="utf-8") == "mine"
    assert (foreign / "report.csv").read_text(encoding="utf-8") == "my,own,report\n"
    assert sorted(p.name for p in foreign.iterdir()) == ["report.csv"]


@pytest.mark.parametrize("address", ["nonsense", ":::"])
def test_a_malformed_scheduler_address_is_one_line(tmp_path, capsys, address):
    raw = _folder(tmp_path / "raw", ["one.txt"])
    error = _one_line_exit_2(capsys, ["run", str(raw), "--out", str(tmp_path / "out"), "--engine", "dask", "--scheduler", address, "--quiet"])
    assert "Dask scheduler" in error
    assert not (tmp_path / "out" / "articles.parquet").exists()


def test_more_processes_than_cores_are_capped_with_a_note(tmp_path, capsys):
    raw = _folder(tmp_path / "raw", ["one.txt", "two.txt"])
    assert main(["run", str(raw), "--out", str(tmp_path / "out"), "--n-process", "1000", "--quiet"]) == 0
    cores = os.cpu_count() or 1
    assert f"--n-process 1000 is more than the {cores} cores here; using {cores}" in capsys.readouterr().err
    assert len(pd.read_parquet(tmp_path / "out" / "articles.parquet")) == 2


def _limited_file_size(limit: int):
    """A real write failure: the kernel refuses to grow any file past ``limit`` bytes (as a full disk would)."""
    import resource
    import signal

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG from write() instead of the signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    return apply


def test_a_full_disk_is_one_line_and_keeps_the_last_tables(tmp_path):
    import subprocess
    import sys

    raw = _folder(tmp_path / "raw", ["one.txt", "two.txt"])
    out = tmp_path / "out"
    toolkit.run(raw, out, progress=False)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (raw / "three.txt").write_text(_story(2), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "toolkit", "run", str(raw), "--out", str(out), "--quiet"],
                            capture_output=True, text=True, preexec_fn=_limited_file_size(30_000))  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error:") and "File too large" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert len(toolkit.load(out).articles) == 2


def test_a_table_that_cannot_be_finished_leaves_no_temporary(tmp_path):
    import resource
    import signal

    from toolkit.storage import ParquetAppender

    frame = pd.DataFrame({"text": ["x" * 1000 + str(i) for i in range(2000)]})
    previous_handler, previous_limit = signal.getsignal(signal.SIGXFSZ), resource.getrlimit(resource.RLIMIT_FSIZE)
    _limited_file_size(50_000)()
    try:
        with pytest.raises(OSError), ParquetAppender(tmp_path / "big.parquet", pa.schema([("text", pa.string())]), {"text": "str"}) as table:
            table.write(frame)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, previous_limit)
        signal.signal(signal.SIGXFSZ, previous_handler)
    assert list(tmp_path.iterdir()) == []


def test_notebooks_on_a_folder_without_an_article_are_one_line(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "blob.txt").write_bytes(bytes(range(256)) * 8)
    error = _one_line_exit_2(capsys, ["run", str(raw), "--out", str(tmp_path / "out"), "--notebooks", str(tmp_path / "reports"), "--quiet"])
    assert "no article was kept" in error and "report.csv" in error
    assert not (tmp_path / "reports").exists()


def test_a_failing_notebook_is_named_with_its_cell_and_error(tmp_path):
    from toolkit.explore.notebooks import NotebookFailed, execute_notebooks

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    toolkit.run(raw, tmp_path / "out", progress=False)
    with pytest.raises(NotebookFailed) as failure:
        execute_notebooks(raw, tmp_path / "out", tmp_path / "reports", progress=False)
    message = str(failure.value)
    assert message.startswith("01-ingest.ipynb stopped at cell [") and "NoArticles" in message and "\n" not in message
    assert (tmp_path / "reports" / "out" / "01-ingest.ipynb").exists()


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("canonical;alias;label\nKyiv;Kiev;GPE\n", "header"),
        ("name,spelling\nKyiv,Kiev\n", "header"),
        ("canonical,alias,label\nK\xf6ln,Cologne,GPE\n".encode("latin-1"), "not UTF-8"),
        ("canonical,alias,label\n" + "".join(f"Name{i},Alias{i},PERSON\n" for i in range(20_001)), "more than 20,000 rows"),
    ],
)
def test_an_alias_table_that_cannot_be_used_stops_the_run_before_any_work(tmp_path, content, complaint):
    from toolkit.entities.aliases import AliasTableError

    table = tmp_path / "aliases.csv"
    table.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    raw = _folder(tmp_path / "raw", ["one.txt"])
    with pytest.raises(AliasTableError, match=complaint):
        toolkit.run(raw, tmp_path / "out", aliases_path=table, progress=False)
    assert not (tmp_path / "out").exists()


def test_an_alias_table_with_a_bom_and_capitalised_header_is_read(tmp_path):
    from toolkit.entities.aliases import read_aliases

    table = tmp_path / "aliases.csv"
    table.write_text("\ufeffCanonical,Alias,Label\nKyiv,Kiev,GPE\n", encoding="utf-8")
    assert [(a.canonical, a.alias, a.label) for a in read_aliases(table)] == [("Kyiv", "Kiev", "GPE")]
