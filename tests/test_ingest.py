"""Ingestion of a folder with bad input: every file is one report row, the folder is untouched."""

import hashlib
import shutil

import pandas as pd

from toolkit.ingest import Ingest, ReportRow, article_id, problems_first, report_overview
from toolkit.ingest.report import report_frame
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


def test_files_that_are_no_articles_get_a_row_and_markdown_is_read(tmp_path):
    raw = tmp_path / "raw"
    (raw / "Saved page_files").mkdir(parents=True)
    body = "\n\n".join(PARAGRAPHS)
    (raw / "story.md").write_text(f"# Talks to resume next week\n\n*By Ana Lind*\n\n{body}\n")
    page = "".join(f"<p>{p}</p>" for p in reversed(PARAGRAPHS))
    page = f"<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>{page}</article></body></html>"
    (raw / "Saved page.html").write_text(page)
    (raw / "Saved page_files" / "style.css").write_text("body { color: black }")  # the page's assets: not files of their own
    (raw / "interview.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    (raw / "notes").write_text("call the harbour office")
    (raw / "manifest.csv").write_text("file,outlet\nstory.md,Example Gazette\n")
    ingest = Ingest(raw, progress=False).run()
    report = ingest.report_frame().set_index("file")
    assert sorted(report.index) == ["Saved page.html", "interview.docx", "notes", "story.md"]
    assert report.loc["interview.docx", "reason"].startswith("not an article file (.docx)")
    assert report.loc["notes", "reason"].startswith("not an article file (no extension)")
    story = next(a for a in ingest.articles if a.file == "story.md")
    assert (story.title, story.author, story.outlet) == ("Talks to resume next week", "Ana Lind", "Example Gazette")
    assert story.source_format == "markdown" and "(markdown)" in report.loc["story.md", "reason"]


WIRE_STORY = [
    "The harbour authority said on Friday that the northern pier would close for repairs from March until the end of the summer.",
    "Divers found last month that two of the pier's wooden piles had rotted through, the authority said in a statement.",
    "Ferries to the islands will leave from the southern quay instead, and the timetable will not change, a spokeswoman said.",
    "The repairs will cost about four million euros, most of it paid by the regional government, which approved the plan in autumn.",
    "Fishermen who moor at the northern pier will be offered berths in the marina at the usual rate, the authority said.",
    "Several of them told local radio that the marina was already full in the summer months and asked for a temporary jetty.",
    "The authority said it would decide on a temporary jetty after a survey of the seabed, which is planned for February.",
    "The northern pier was built in 1911 and was last repaired in the 1980s, when its deck was replaced after a storm.",
    "Its closure is the third at the port in ten years, after the old ferry ramp and the fish market's loading bay.",
    "Shopkeepers on the harbour front said they feared a quiet summer, since most visitors walk along the pier to the old lighthouse.",
    "The authority said the lighthouse would stay open and could be reached by a footpath along the breakwater during the works.",
]


def test_a_story_several_files_carry_keeps_its_paragraphs(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for outlet in ("Harbour Gazette", "Island Times", "Coast Courier", "Port Weekly"):
        menu = [f"{outlet} home", "Local", "Weather", "Sport", "Subscribe"]
        footer = [f"© 2025 {outlet}", "Privacy policy", "Contact us"]
        header = [f"{outlet}: northern pier to close for repairs", "By Wire Staff"]
        (raw / f"{outlet}.txt").write_text("\n".join([*menu, *header, *WIRE_STORY, *footer]))
    ingest = Ingest(raw, progress=False).run()
    (article,) = ingest.articles  # a wire story republished is no boilerplate: its paragraphs recur because it does
    assert article.file == "Coast Courier.txt" and article.text == "\n\n".join(WIRE_STORY)
    assert list(ingest.report_frame()["reason"][1:]) == ["same article text as Coast Courier.txt"] * 3


SITES = {  # four outlets, each with its own menus and footer
    "Harbour Gazette": (["Gazette front page", "Island news", "Ferries", "Letters"], ["Harbour Gazette is printed every weekday.", "Contact us"]),
    "Island Times": (["Times home", "Markets", "Times podcasts", "Crossword"], ["© 2025 Island Times Ltd", "Cookie settings"]),
    "Coast Courier": (["Courier", "Surf report", "Tides", "Events this week"], ["Follow Coast Courier on Facebook", "Courier app"]),
    "Port Weekly": (["Port Weekly home", "Shipping", "Energy", "Jobs"], ["© Port Weekly 2025", "Terms and privacy"]),
}  # fmt: skip


def test_a_short_story_several_outlets_carry_is_kept_and_a_sentence_its_own_site_repeats_is_not(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    brief = WIRE_STORY[:5]  # about 110 words: shorter than an article, so only other sites' copies show it is one
    for outlet, (menu, footer) in SITES.items():
        for story, body in enumerate([brief, [f"{line} ({outlet} edition)" for line in WIRE_STORY[5:]]]):
            lines = [*menu, f"Pier to close for repairs ({story})", "By Wire Staff", *body, *footer]
            (raw / f"{outlet} {story}.txt").write_text("\n".join(lines))
    ingest = Ingest(raw, progress=False).run()
    report = ingest.report_frame().set_index("file")
    carried = [a for a in ingest.articles if a.file.endswith(" 0.txt")]
    assert len(carried) == 1 and carried[0].text == "\n\n".join(brief)  # the gazette's own weekday line stays out
    assert sorted(report.loc[[f"{o} 0.txt" for o in SITES], "reason"])[1:] == [f"same article text as {carried[0].file}"] * 3


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


def test_the_report_at_a_glance_and_with_the_files_that_need_a_look_first():
    report = report_frame([
        ReportRow("b.txt", "ok", "3 paragraphs, 400 words (text dump)", "a2"),
        ReportRow("a.txt", "warning", "2 paragraphs, 60 words (text dump); short body", "a1"),
        ReportRow("c.bin", "skipped", "binary file"), ReportRow("d.txt", "ok", "5 paragraphs, 800 words (text dump)", "a3"),
    ])  # fmt: skip
    overview = report_overview(report)
    assert dict(zip(overview["status"], overview["files"], strict=True)) == {"skipped": 1, "warning": 1, "ok": 2}
    assert list(overview["status"]) == ["skipped", "warning", "ok"]
    assert list(problems_first(report)["file"]) == ["c.bin", "a.txt", "b.txt", "d.txt"]
    assert report_overview(report.iloc[:0])["files"].tolist() == [0, 0, 0]  # an empty folder: zeros, not an error
