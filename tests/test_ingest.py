"""Ingestion of a folder with bad input: every file is one report row, the folder is untouched."""

import hashlib
import shutil

import pandas as pd

from toolkit.ingest import Ingest, article_id
from toolkit.paths import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "data" / "raw"


PARAGRAPHS = [
    "The foreign minister (министр иностранных дел) said on Monday that the talks would resume next week in the capital.",
    "Officials from both delegations met for six hours on Sunday and agreed on an agenda for the next round of meetings.",
    "The newspaper «Вечерние новости» reported that the delegations had exchanged lists of prisoners before the meeting.",
    "Observers said the atmosphere was businesslike, although no agreement on a ceasefire was expected before the summer.",
]


def folder_hash(root):
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def test_bad_input_becomes_report_rows(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    (raw / "copy of 000.txt").write_bytes((SEEDS / "000_f018dc39b27d5f92.txt").read_bytes())
    (raw / "menu only.txt").write_text("Home\nWorld\nSport\nSubscribe\nSign in\n© 2025 Example\n")
    (raw / "cp1251.txt").write_bytes(("Talks to resume next week\n\n" + "\n\n".join(PARAGRAPHS)).encode("cp1251"))
    brief = ("The harbour authority said on Friday that the northern pier would close for repairs from March until the end of "
             "the summer. Ferries to the islands will leave from the southern quay instead, and the timetable will not change, "
             "a spokeswoman for the authority told reporters after the board met in the town hall.")  # fmt: skip
    (raw / "one paragraph.txt").write_text(brief)  # a brief, one line: no page around it
    before = folder_hash(raw)
    ingest = Ingest(raw, progress=False).run()
    report = ingest.report_frame().set_index("file")
    assert folder_hash(raw) == before
    assert len(report) == 11
    assert report.loc["empty.txt", "reason"] == "empty file"
    assert "PNG image" in report.loc["image.txt", "reason"]
    assert report.loc["copy of 000.txt", "reason"] == "exact duplicate of 000_f018dc39b27d5f92.txt"
    assert report.loc["menu only.txt", "reason"].startswith("no article body recognised")
    assert report.loc["cp1251.txt", "status"] == "warning" and "cp1251" in report.loc["cp1251.txt", "reason"]
    assert set(report["status"]) == {"ok", "warning", "skipped"}
    assert report.loc["one paragraph.txt", "reason"].startswith("1 paragraph, ")  # not "1 paragraphs"
    assert (report.loc[[f for f in report.index if f.startswith("00")], "status"] == "ok").all()


def test_manifest_overrides_and_missing_rows(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    manifest = pd.read_csv(raw / "manifest.csv")
    extra = pd.DataFrame([{"file": "000_f018dc39b27d5f92.txt", "title": "A title from the manifest", "published": "2020-01-02"},
                          {"file": "gone.txt", "outlet": "Nowhere"}])  # fmt: skip
    pd.concat([manifest, extra]).to_csv(raw / "manifest.csv", index=False)
    ingest = Ingest(raw, progress=False).run()
    articles = ingest.articles_frame().set_index("file")
    assert articles.loc["000_f018dc39b27d5f92.txt", "title"] == "A title from the manifest"
    assert articles.loc["000_f018dc39b27d5f92.txt", "published"] == "2020-01-02"
    assert articles.loc["003_af183c27f94023d1.txt", "outlet"] == "RT"
    assert "manifest.csv:gone.txt" in set(ingest.report_frame()["file"])


def test_malformed_manifest_is_reported_not_fatal(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    (raw / "manifest.csv").write_text("name;source\nx;y\n")
    ingest = Ingest(raw, progress=False).run()
    assert len(ingest.articles) == 5
    assert ingest.report_frame().iloc[0]["reason"].startswith("manifest ignored")


def test_article_id_is_stable_and_content_derived():
    assert article_id("A text.\n\nTwo paragraphs.") == article_id("A text. Two paragraphs.")
    assert article_id("A text.") != article_id("Another text.")


def test_html_files_are_extracted(tmp_path):
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = (f"<html><head><title>Budget approved</title><meta name='author' content='Ann Writer'></head><body><nav>Home | News</nav>"
            f"<article><h1>Budget approved</h1>{paragraphs}</article><footer>Contact us</footer></body></html>")  # fmt: skip
    (tmp_path / "page.html").write_text(html)
    ingest = Ingest(tmp_path, progress=False).run()
    article = ingest.articles[0]
    assert article.source_format == "html"
    assert article.title == "Budget approved" and article.author == "Ann Writer"
    assert "Home" not in article.text and article.n_paragraphs == 4
