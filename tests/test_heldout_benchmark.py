"""The held-out benchmark's pages: a saved page turned into the text a browser's select-all copy gives."""

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from heldout import held_out_pages, right_outlet, select_all_copy, silver_metadata

PAGE = """<html><head><title>Pier to close</title><meta name="author" content="Ana Lind">
<meta property="og:site_name" content="Harbour Gazette | News from the north"><link rel="canonical" href="https://www.theharbourgazette.co.uk/pier">
<meta property="article:published_time" content="2025-03-12T10:32:00Z"><style>p { color: red }</style><script>var x = 1;</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<h1>Northern pier to close for repairs</h1><p>The harbour authority said on Friday that the pier would close.</p>
<p>Divers found that two of its piles had <b>rotted</b> through.</p><footer>© 2025 Harbour Gazette</footer></body></html>"""


def test_a_page_is_copied_as_a_browser_copies_it_blocks_on_lines_of_their_own_without_bullets_or_scripts():
    lines = [line for line in select_all_copy(PAGE).splitlines() if line]
    assert lines == [
        "Home", "Sport", "Northern pier to close for repairs", "The harbour authority said on Friday that the pier would close.",
        "Divers found that two of its piles had rotted through.", "© 2025 Harbour Gazette",
    ]  # fmt: skip


def test_only_the_pages_that_are_no_development_dumps_are_held_out(tmp_path):
    aeb, development = tmp_path / "aeb", tmp_path / "dev"
    (aeb / "html").mkdir(parents=True)
    development.mkdir()
    keys = ["a" * 64, "b" * 64]
    for key in keys:
        (aeb / "html" / f"{key}.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (aeb / "ground-truth.json").write_text(json.dumps({key: {"articleBody": f"body {key[0]}", "url": "https://example.com"} for key in keys}))
    (development / "meta.jsonl").write_text(json.dumps({"id": "z_" + "a" * 16}) + "\n")
    pages = held_out_pages(aeb, development)
    assert list(pages) == ["z_" + "b" * 16 + ".txt"] and pages["z_" + "b" * 16 + ".txt"].body == "body b"


def test_the_silver_title_date_author_and_outlet_are_the_pages_own_metadata():
    title, date, author, outlet = silver_metadata(PAGE)
    assert (title, date, author) == ("Northern pier to close for repairs", "2025-03-12", "Ana Lind")  # the headline over <title>
    assert outlet == ("Harbour Gazette", "theharbourgazette")  # og:site_name without its tagline, and the name in the address
    assert silver_metadata("<html><body><p>No metadata at all.</p></body></html>")[1:] == (None, None, ())


def test_an_outlet_is_right_when_it_is_the_sites_name_or_its_address():
    names = ("Harbour Gazette", "theharbourgazette")
    assert right_outlet("The Harbour Gazette", names) and right_outlet("HARBOUR GAZETTE", names)  # as the toolkit compares names
    assert right_outlet("TheHarbourGazette.co.uk", names)  # as the address spells it
    assert not right_outlet("Harbour Media", names) and not right_outlet(None, names) and not right_outlet("Harbour Gazette", ())
