"""The cleaner on pages nobody tuned it to: the article-extraction benchmark's pages that are not development dumps.

usage: python benchmarks/heldout.py --aeb DIR [--show 10]

DIR is a checkout of the public repository scrapinghub/article-extraction-benchmark (MIT licence):
181 saved news pages (``html/<id>.html.gz``) with a human-annotated article body each
(``ground-truth.json``). 119 of them are the development dumps (``../shared/dev/cleaning``), which
the cleaner's models were trained on; the other 62 (25 from a site the development dumps also
come from, 37 from sites they do not) were never read while the toolkit was written, and are
what this script scores.

Each page is turned into what a browser's select-all copy of it gives, with inscriptis (a
well-kept HTML-to-text renderer that lays out blocks, lists and tables as a browser does; a
list's bullet is dropped, as a copy drops it); rendered so, the 119 development pages share 91 %
of their lines with the development dumps, and the cleaner scores 0.923 on them against 0.927
on the dumps. The rendered pages are run through the toolkit as a user's folder is (``toolkit.run``,
into a temporary folder) and each page's article text is scored against its gold body as
bag-of-tokens F1 (:func:`cleaning_devset.token_f1`, the development set's measure); a page the
toolkit refused scores 0. The script prints the mean, the median, the pages below 0.5 and the
worst pages.

Title, date and author are scored too, against silver values read from each saved page's own
metadata (its ``<title>``, Open Graph and schema.org tags, by trafilatura's ``extract_metadata``),
with the metadata benchmark's rules (``benchmarks/metadata.py``): a title where some line of the
copy shows it, a date where some date line gives that day, an author where some line holds every
word of the name. Nothing here is hand-checked: a page's metadata sometimes names a different
headline than the one it shows, or its site as author. The outlet is scored the same way, on every
page whose metadata names its site: right when it is the page's ``og:site_name`` (before a " | "
tagline) or the name in its address (``thehill.com`` for "The Hill"), compared as the toolkit
compares outlet names (:func:`toolkit.ingest.outlets.outlet_key`, and a name as an address spells
it, :func:`~toolkit.ingest.outlets.compact_names`). Silver site names are sometimes a parent's
("Healthline Media") or no name at all ("Copyright 2014"); a wrong silver name counts a right
outlet wrong, so the figure is for comparing versions, not for a claim. The last line printed is
the JSON of all figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from cleaning_devset import Tally, day_matches, devset_dir, names_author, right_author, same_title, shows_date, shows_title, token_f1
from inscriptis import get_text
from inscriptis.model.config import ParserConfig
from trafilatura import extract_metadata

import toolkit
from toolkit.ingest.outlets import Candidate, compact_name, compact_names, site_labels

BULLET = re.compile(r"^[*+o-] ")  # how inscriptis marks a list item; a browser's copy has none
FIELDS = ("title", "date", "author", "outlet")
TAGLINE = re.compile(r"\s+[|–—-]\s+.*$")  # "Harbour Gazette | The north's own news": the name before it


@dataclass(frozen=True)
class HeldOutPage:
    """A held-out page: its select-all copy, its gold body, and the silver title, date and author of its metadata."""

    text: str
    body: str
    title: str | None
    date: str | None
    author: str | None
    outlet: tuple[str, ...] = ()  # the site's names in its metadata: og:site_name, the name in its address


def select_all_copy(html: str) -> str:
    """The text a browser's select-all copy of a page gives, line by line (blocks on lines of their own)."""
    text = get_text(html, ParserConfig(display_links=False))
    return "\n".join(BULLET.sub("", line.strip()) for line in text.splitlines())


def silver_metadata(html: str) -> tuple[str | None, str | None, str | None, tuple[str, ...]]:
    """(title, date, author, outlet names) that a saved page's own metadata gives (trafilatura's
    ``extract_metadata``); the outlet's names are its ``og:site_name`` without a tagline and the
    name in its address ("https://www.harbourgazette.co.uk/a" → "harbourgazette")."""
    found = extract_metadata(html)
    if found is None:
        return None, None, None, ()
    names = [TAGLINE.sub("", found.sitename).strip()] if found.sitename else []
    if found.hostname:
        names.extend(sorted(site_labels([found.hostname])))
    return found.title, found.date, found.author, tuple(dict.fromkeys(name for name in names if name))


def right_outlet(predicted: str | None, names: tuple[str, ...]) -> bool:
    """Whether an outlet is one of a page's silver names, as the toolkit compares outlet names or as an address spells it."""
    return bool(predicted) and any(Candidate(predicted).matches(name) or compact_name(name) in compact_names(predicted) for name in names)


def held_out_pages(aeb: Path, development: Path) -> dict[str, HeldOutPage]:
    """File name → :class:`HeldOutPage` for each of the benchmark's pages that is not a development dump."""
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    known = {json.loads(line)["id"] for line in (development / "meta.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    pages = {}
    for key, record in sorted(truth.items()):
        name = f"z_{key[:16]}"  # the development dumps' naming
        if name not in known:
            html = gzip.decompress((aeb / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
            pages[f"{name}.txt"] = HeldOutPage(select_all_copy(html), record["articleBody"], *silver_metadata(html))
    return pages


def metadata_tallies(pages: dict[str, HeldOutPage], articles: pd.DataFrame) -> dict[str, Tally]:
    """Title, date, author and outlet of the kept articles against the pages' silver values, each
    scored where the copy shows it (the outlet: wherever the metadata names the site)."""
    tallies = {field: Tally() for field in FIELDS}
    for name, page in pages.items():
        lines = page.text.splitlines()
        row = articles.loc[name] if name in articles.index else None
        published = row["published"] if row is not None else None
        mine = {
            "title": row["title"] if row is not None else None, "author": row["author"] if row is not None else None,
            "outlet": row["outlet"] if row is not None else None,
            "date": str(published)[:10] if isinstance(published, str | pd.Timestamp) else None,
        }  # fmt: skip
        mine = {field: value if isinstance(value, str) and value else None for field, value in mine.items()}
        shown = {
            "title": (shows_title(lines, page.title), same_title(mine["title"], page.title)),
            "date": (shows_date(lines, page.date, None), day_matches(mine["date"], page.date)),
            "author": (names_author(lines, page.author), right_author(mine["author"], page.author)),
            "outlet": (bool(page.outlet), right_outlet(mine["outlet"], page.outlet)),
        }
        for field, (scored, right) in shown.items():
            if scored:
                tallies[field].add(mine[field], right, f"{name}: {mine[field]!r} (silver {getattr(page, field)!r})")
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aeb", type=Path, required=True, help="a checkout of scrapinghub/article-extraction-benchmark")
    parser.add_argument("--show", type=int, default=10, help="how many of the worst pages to list")
    parser.add_argument("--misses", default="", help="comma-separated metadata fields whose misses to print (title,date,author,outlet)")
    args = parser.parse_args()
    started = time.perf_counter()
    pages = held_out_pages(args.aeb, devset_dir())
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "raw"
        raw.mkdir()
        for name, page in pages.items():
            (raw / name).write_text(page.text, encoding="utf-8")
        tables = toolkit.run(raw, Path(scratch) / "out", progress=False)
        articles = tables.articles.set_index("file")
        report = tables.report.set_index("file")
    scores = {name: token_f1(articles.loc[name, "text"], page.body) if name in articles.index else 0.0 for name, page in pages.items()}
    languages = articles["language"].value_counts().to_dict()
    print(f"{len(pages)} held-out pages: body token F1 mean {statistics.mean(scores.values()):.3f}, median {statistics.median(scores.values()):.3f}")
    print(f"refused: {len(pages) - len(articles)}, below 0.5: {sum(s < 0.5 for s in scores.values())}, languages kept: {languages}")
    for name in sorted(scores, key=scores.get)[: args.show]:
        print(f"  {scores[name]:.2f}  {name}  {report.loc[name, 'status']}: {report.loc[name, 'reason']}")
    tallies = metadata_tallies(pages, articles)
    print(f"metadata against the pages' own (silver), where the copy shows it: {'field':8s} {'right':>6s} {'pages':>6s} {'empty':>6s} {'wrong':>6s}")
    for field, tally in tallies.items():
        print(f"{'':67s}{field:8s} {tally.share():6.3f} {tally.pages:6d} {tally.empty:6d} {tally.wrong:6d}")
    for field in filter(None, args.misses.split(",")):
        print(f"\n{field} misses:", *tallies[field].misses, sep="\n  ")
    result = {
        "pages": len(pages), "body_f1_mean": round(statistics.mean(scores.values()), 4), "body_f1_median": round(statistics.median(scores.values()), 4),
        "refused": len(pages) - len(articles), "below_half": sum(s < 0.5 for s in scores.values()), "languages": languages,
        **{field: tally.share() for field, tally in tallies.items()}, "metadata_pages": {field: tally.pages for field, tally in tallies.items()},
        "empty": {field: tally.empty for field, tally in tallies.items()}, "wrong": {field: tally.wrong for field, tally in tallies.items()},
        "seconds": round(time.perf_counter() - started, 1),
    }  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
