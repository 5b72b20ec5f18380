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
worst pages, then a JSON line.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

from cleaning_devset import devset_dir, token_f1
from inscriptis import get_text
from inscriptis.model.config import ParserConfig

import toolkit

BULLET = re.compile(r"^[*+o-] ")  # how inscriptis marks a list item; a browser's copy has none


def select_all_copy(html: str) -> str:
    """The text a browser's select-all copy of a page gives, line by line (blocks on lines of their own)."""
    text = get_text(html, ParserConfig(display_links=False))
    return "\n".join(BULLET.sub("", line.strip()) for line in text.splitlines())


def held_out_pages(aeb: Path, development: Path) -> dict[str, tuple[str, str]]:
    """File name → (select-all copy, gold body) of the benchmark's pages that are not development dumps."""
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    known = {json.loads(line)["id"] for line in (development / "meta.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    pages = {}
    for key, record in sorted(truth.items()):
        name = f"z_{key[:16]}"  # the development dumps' naming
        if name not in known:
            html = gzip.decompress((aeb / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
            pages[f"{name}.txt"] = (select_all_copy(html), record["articleBody"])
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aeb", type=Path, required=True, help="a checkout of scrapinghub/article-extraction-benchmark")
    parser.add_argument("--show", type=int, default=10, help="how many of the worst pages to list")
    args = parser.parse_args()
    started = time.perf_counter()
    pages = held_out_pages(args.aeb, devset_dir())
    with tempfile.TemporaryDirectory() as scratch:
        raw = Path(scratch) / "raw"
        raw.mkdir()
        for name, (text, _) in pages.items():
            (raw / name).write_text(text, encoding="utf-8")
        tables = toolkit.run(raw, Path(scratch) / "out", progress=False)
        articles = tables.articles.set_index("file")
        report = tables.report.set_index("file")
    scores = {name: token_f1(articles.loc[name, "text"], gold) if name in articles.index else 0.0 for name, (_, gold) in pages.items()}
    languages = articles["language"].value_counts().to_dict()
    print(f"{len(pages)} held-out pages: body token F1 mean {statistics.mean(scores.values()):.3f}, median {statistics.median(scores.values()):.3f}")
    print(f"refused: {len(pages) - len(articles)}, below 0.5: {sum(s < 0.5 for s in scores.values())}, languages kept: {languages}")
    for name in sorted(scores, key=scores.get)[: args.show]:
        print(f"  {scores[name]:.2f}  {name}  {report.loc[name, 'status']}: {report.loc[name, 'reason']}")
    result = {
        "pages": len(pages), "body_f1_mean": round(statistics.mean(scores.values()), 4), "body_f1_median": round(statistics.median(scores.values()), 4),
        "refused": len(pages) - len(articles), "below_half": sum(s < 0.5 for s in scores.values()), "languages": languages,
        "seconds": round(time.perf_counter() - started, 1),
    }  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
