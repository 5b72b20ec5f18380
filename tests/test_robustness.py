"""Hostile and broken input, interrupted runs: a generated corpus, every report row asserted.

The corpus is made by the test itself; the input folder is hashed before and after the run.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.paths import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "data" / "raw"
TOPICS = ["harbour", "railway", "school", "hospital", "bridge", "library", "market", "stadium", "museum", "airport",
          "reservoir", "tram line", "factory", "park", "court", "clinic"]  # fmt: skip
NAMES = ["Anna Berg", "Tom Reed", "Lisa Park", "Omar Haddad", "Mia Novak", "Jon Silva", "Eva Lund", "Sam Okafor"]


PLACES = ["north", "south", "east", "west", "old town", "riverside", "hill", "harbour front", "university", "airport road",
          "market square", "lakeside", "industrial", "central", "garden", "station"]  # fmt: skip
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "this morning", "late on Sunday"]


def article(n: int, cyrillic: bool = False) -> str:
    """A plausible news article whose every paragraph differs from other articles' in words, not only digits."""
    rng = random.Random(n)
    topic, person, other = rng.choice(TOPICS), rng.choice(NAMES), rng.choice(NAMES)

    def place() -> str:
        return f"the {rng.choice(PLACES)} {rng.choice(['quarter', 'district', 'area', 'neighbourhood'])}, {rng.choice(WHEN)}"

    extra = " (министр транспорта)" if cyrillic else ""
    paragraphs = [
        f"The city council approved plans for a new {topic} in {place()}, ending a dispute that had lasted {n + 2} months.",
        f"{person}{extra}, who chairs the planning committee, said {place()} that the project would cost about {n * 3 + 11} million.",
        f"“We have listened to residents of {place().split(',')[0]} and this plan answers their concerns about noise,” {person} told reporters.",
        f"Opponents from {place()} led by {other} argued that the budget for the {topic} was unrealistic and asked for a review.",
        f"Construction is expected to start next spring in {place()}, and the first phase should be finished within {n % 4 + 2} years.",
        f"Local businesses in {place()} welcomed the decision, although several residents said they feared rising rents.",
    ]  # fmt: skip
    return f"Council backs new {topic} for district {n}\n\n12 March 2025 10:{n % 60:02d}\n\n" + "\n\n".join(paragraphs) + "\n"


def folder_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_symlink():
            digest.update(os.readlink(path).encode())
        elif path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build_corpus(root: Path) -> dict[str, tuple[str, str]]:
    """Write the hostile corpus; return file → (expected status, a phrase of the expected reason)."""
    root.mkdir(parents=True)
    expected: dict[str, tuple[str, str]] = {}

    def put(name: str, data: bytes, status: str, reason: str) -> None:
        (root / name).write_bytes(data)
        expected[name] = (status, reason)

    put("ok.txt", article(1).encode(), "ok", "paragraphs")
    put("empty.txt", b"", "skipped", "empty file")
    put("blank.txt", b"  \n\t \r\n", "skipped", "white space")
    put("photo.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(3000), "skipped", "PNG image")
    put("archive.txt", b"PK\x03\x04" + os.urandom(3000), "skipped", "ZIP archive")
    put("nul.txt", article(2).replace("council", "coun\x00cil").encode(), "warning", "NUL bytes removed")
    put("truncated.txt", article(3).encode() + "é".encode()[:1], "warning", "truncated UTF-8")
    put("utf16-bom.txt", codecs.BOM_UTF16_LE + article(4).encode("utf-16-le"), "ok", "paragraphs")
    put("utf16-nobom.txt", article(5).encode("utf-16-le"), "warning", "decoded as utf_16")
    put("cp1251.txt", article(6, cyrillic=True).encode("cp1251"), "warning", "decoded as cp1251")
    put("latin1.txt", article(7).replace("district", "distrïct").replace("“", '"').replace("”", '"').encode("latin-1"), "warning", "decoded as")
    put("line-endings.txt", article(8).replace("\n\n", "\r\n\r\n", 3).replace("\n", "\r").encode(), "ok", "paragraphs")
    put("one-line.txt", ("The committee met again and nothing was decided about the harbour. " * 75000).encode(), "warning", "cut at")
    put("huge.txt", b"x" * (11 * 1024 * 1024), "skipped", "over the")
    put("menu-only.txt", b"Home\nWorld\nSport\nWeather\nSubscribe\nSign in\nContact us\n", "skipped", "no article body")
    put("zz-duplicate.txt", article(1).encode(), "skipped", "exact duplicate of ok.txt")
    put("zz-near-duplicate.txt", article(1).replace("ending a dispute", "closing a dispute").encode(), "warning", "near duplicate of ok.txt")
    html = f"<html><head><title>Council backs plan</title><body><div><p>{'</p><p>'.join(article(9).split(chr(10) * 2)[2:])}<div><p>unclosed"
    put("broken.html", html.encode(), "ok", "html")
    put("really-html.txt", f"<!DOCTYPE html><html><body><article><p>{'</p><p>'.join(article(10).split(chr(10) * 2)[2:])}</p></article></body></html>".encode(),
        "warning", "holds HTML")  # fmt: skip
    put("really-text.html", article(11).encode(), "warning", "holds plain text")
    put("name with spaces ü.txt", article(12).encode(), "ok", "paragraphs")
    put("-leading-dash.txt", article(13).encode(), "ok", "paragraphs")
    (root / "sub").mkdir()
    put("sub/nested.txt", article(14).encode(), "ok", "paragraphs")
    (root / "zz-link-inside.txt").symlink_to(root / "sub" / "nested.txt")
    expected["zz-link-inside.txt"] = ("skipped", "exact duplicate of")
    (root / "sub" / "loop").symlink_to(root)
    outside = root.parent / "outside.txt"
    outside.write_text(article(15))
    (root / "link-outside.txt").symlink_to(outside)
    expected["link-outside.txt"] = ("skipped", "outside the input folder")
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    expected["dangling.txt"] = ("skipped", "broken or looping")
    os.mkfifo(root / "pipe.txt")
    expected["pipe.txt"] = ("skipped", "not a regular file")
    (root / "manifest.csv").write_text("file,outlet,url,published,title,author\nok.txt,Example Post,,,,\nmissing.txt,Nowhere,,,,\n")
    expected["manifest.csv:missing.txt"] = ("warning", "not in the folder")
    return expected


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "raw"
    expected = build_corpus(root)
    before = folder_hash(root)
    started = time.perf_counter()
    tables = toolkit.run(root, tmp_path_factory.mktemp("out"), progress=False)
    return root, expected, before, tables, time.perf_counter() - started


def test_every_file_has_the_expected_report_row(hostile):
    _, expected, _, tables, _ = hostile
    report = tables.report.set_index("file")
    assert set(expected) <= set(report.index), set(expected) - set(report.index)
    for name, (status, phrase) in expected.items():
        assert report.at[name, "status"] == status, (name, report.at[name, "reason"])
        assert phrase in report.at[name, "reason"], (name, report.at[name, "reason"])
    assert set(report["status"]) <= {"ok", "warning", "skipped"}


def test_input_folder_is_untouched(hostile):
    root, _, before, _, _ = hostile
    assert folder_hash(root) == before


def test_articles_are_clean_and_complete(hostile):
    _, _, _, tables, _ = hostile
    articles = tables.articles.set_index("file")
    assert articles.at["ok.txt", "outlet"] == "Example Post"
    assert "\x00" not in "".join(articles["text"])
    assert articles.at["cp1251.txt", "text"].count("министр транспорта") == 1
    assert articles.at["one-line.txt", "n_words"] < 40_000
    assert not tables.mentions.empty and not tables.quotes.empty


def test_pathological_input_finishes_in_bounded_time(hostile):
    # a hang check, not a speed goal: the corpus includes a 5 MB line and an 11 MB file
    assert hostile[4] < 300


def test_one_failing_article_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    from toolkit import pipeline
    from toolkit.nlp import records as extract_module

    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(3):
        (raw / f"a{n}.txt").write_text(article(20 + n).replace("Construction", "Zanzibar construction" if n == 1 else "Construction"))
    original = extract_module.extract

    def fragile(doc):
        if "Zanzibar" in doc.text:
            raise RuntimeError("simulated parser failure")
        return original(doc)

    monkeypatch.setattr(pipeline, "extract", fragile)
    tables = toolkit.run(raw, tmp_path / "out", progress=False)
    report = tables.report.set_index("file")
    assert report.at["a1.txt", "status"] == "warning" and "simulated parser failure" in report.at["a1.txt", "reason"]
    assert len(tables.articles) == 3
    assert set(tables.mentions["article_id"]) == set(tables.articles["article_id"]) - {report.at["a1.txt", "article_id"]}


def test_a_killed_run_leaves_complete_tables_and_the_rerun_matches_a_clean_run(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    for n in range(40):
        (raw / f"extra-{n}.txt").write_text(article(100 + n))
    out, clean = tmp_path / "out", tmp_path / "clean"
    command = [sys.executable, "-m", "toolkit", "run", str(raw), "--out", str(out), "--quiet"]
    for delay in (0.5, 1.5, 3.0, 4.5):
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for table in out.glob("*.parquet"):
            pd.read_parquet(table)  # whatever exists is complete
    assert subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True).returncode == 0
    assert not list(out.glob(".*.tmp"))
    assert subprocess.run([*command[:-3], "--out", str(clean), "--quiet"], cwd=PROJECT_ROOT, capture_output=True).returncode == 0
    for name in ("articles", "mentions", "entities", "quotes"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), pd.read_parquet(clean / f"{name}.parquet"))
    pd.testing.assert_frame_equal(pd.read_csv(out / "report.csv"), pd.read_csv(clean / "report.csv"))


def test_two_runs_on_one_output_folder(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    command = [sys.executable, "-m", "toolkit", "run", str(raw), "--out", str(tmp_path / "out"), "--quiet"]
    first = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)
    second = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    outcomes = [(first.wait(), first.stderr.read()), (second.returncode, second.stderr)]
    assert any(code == 0 for code, _ in outcomes)  # whichever takes the lock first finishes
    for code, stderr in outcomes:
        if code != 0:  # the other met the lock: a clear one-line refusal
            assert code == 2 and stderr.strip().startswith("error: another toolkit run is writing to"), stderr
    assert len(pd.read_parquet(tmp_path / "out" / "articles.parquet")) == 5


def test_unwritable_output_is_one_clear_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = subprocess.run([sys.executable, "-m", "toolkit", "run", str(SEEDS), "--out", str(blocker / "out")],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("error:")
