"""Page metadata from dumps, measured: title, date, author, outlet, language and body on the 119 development dumps.

usage: python benchmarks/metadata.py [--folds 5] [--show title,date,author,outlet]

Everything learned (the body cleaner, the line roles, the outlet ranker) is cross-validated by
site: the pages of one site (``domain`` in meta.jsonl) are never in both a training and a test
fold, so every page is read by models that never saw its outlet. The folder itself is the corpus,
as when a user runs the toolkit on it: cross-document line counts and the grouping of pages by
site use all 119 dumps (no labels are involved in either).

Matching rules (every comparison after folding case, white space and punctuation):

- title (pages whose gold has one): ``exact`` equal; ``soft`` equal, or one contains the other
  (as whole words) and the shorter has at least 3 words and half the characters of the longer,
  so a title with the outlet's name appended counts but a whole paragraph does not; ``shown``: the
  same, over the pages whose dump shows the gold title (some line of the dump matches it softly:
  the silver titles come from the pages' metadata, which sometimes differs from the headline the
  page shows), as date and author are scored where the dump shows them;
- date (pages whose dump shows the gold date, i.e. some line of the dump gives that day): the
  same calendar day, a day either way allowed (the silver dates are sometimes a day off);
- author (pages whose gold names one and whose dump shows every word of that name): right when
  the predicted name's words are all in the gold author's, or the gold name's words all in the
  prediction ("Ana Lind" for "By ANA LIND, Tramline Science Writer"), the words joining names
  ("and") set aside;
- outlet (all pages): equal to the hand-checked outlet or one of its other accepted names, a
  leading "the" and a trailing domain ending ignored ("Tramline.ca" = "Tramline"); ``written``: the
  same, over the pages whose dump writes one of those names somewhere, as whole words once folded
  the same way (in a menu, a footer, a link or the prose: wherever the page gives any evidence);
- language: the ISO 639-1 code equals the hand-checked one;
- body: bag-of-tokens F1 against the gold body, averaged over pages.

For each field the script also counts the pages left empty and the pages given a wrong value
(an empty field is better than a wrong one). Baselines: the first headline-shaped line of the
page as title, the first date on the page, the first "By ..." line, the first copyright holder,
and "always English". The last line printed is the JSON of all figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleaning_devset import (
    DevDocument,
    Tally,
    day_matches,
    features,
    load_devset,
    names_author,
    outlet_folds,
    right_author,
    same_title,
    shows_date,
    shows_title,
    token_f1,
    writes_outlet,
)
from train_models import cross_validated_decisions, fit_outlets, fit_roles, outlet_inputs, role_inputs

from toolkit.ingest.bylines import BY, byline_names
from toolkit.ingest.dates import find_dates, looks_like_date
from toolkit.ingest.language import identify
from toolkit.ingest.line_roles import _shape, headline_shaped
from toolkit.ingest.metadata import extract_metadata
from toolkit.ingest.outlets import COPYRIGHT, Candidate, OutletVote, clean_name

FIELDS = ("title", "date", "author", "outlet", "language")


def right_outlet(predicted: str | None, doc: DevDocument) -> bool:
    return bool(predicted) and Candidate(predicted).matches(doc.outlet, doc.outlet_also)


def checks(doc: DevDocument) -> dict[str, tuple[bool, Callable[[str | None], bool], str | None]]:
    """For each field: whether this page scores it, the test of a prediction, and the gold value."""
    return {
        "title": (bool(doc.title), lambda p: same_title(p, doc.title), doc.title),
        "date": (shows_date(doc.lines, doc.date, doc.page_language), lambda p: day_matches(p, doc.date), doc.date),
        "author": (names_author(doc.lines, doc.author), lambda p: right_author(p, doc.author), doc.author),
        "outlet": (True, lambda p: right_outlet(p, doc), doc.outlet),
        "language": (True, lambda p: p == doc.language, doc.language),
    }


def baselines(doc: DevDocument) -> dict[str, str | None]:
    """The simple rules every learned field is compared with."""
    title = next((x for x in doc.lines if headline_shaped(x, _shape(x, frozenset()))), None)
    date = next((d.iso for x in doc.lines if looks_like_date(x) for d in find_dates(x)), None)
    author = next((byline_names(x) for x in doc.lines if BY.match(x) and byline_names(x)), None)
    outlet = next((clean_name(m.group("name")) for x in doc.lines for m in [COPYRIGHT.search(x)] if m), None)
    return {"title": title, "date": date, "author": author, "outlet": outlet, "language": "en"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--show", default="", help="comma-separated fields whose misses to print")
    args = parser.parse_args()
    started = time.perf_counter()
    docs, frequency = load_devset()
    folds = outlet_folds(docs, args.folds)
    decisions = cross_validated_decisions(docs, frequency, features(docs, frequency), args.folds)
    roles_in = [role_inputs(d, dec, frequency) for d, dec in zip(docs, decisions, strict=True)]
    outlets_in = [outlet_inputs(d) for d in docs]
    predicted: list[dict] = [{} for _ in docs]
    rankers = {}
    for fold in range(args.folds):
        train = [i for i in range(len(docs)) if folds[i] != fold]
        roles = fit_roles([roles_in[i] for i in train], [docs[i].roles for i in train])
        rankers[fold] = fit_outlets([outlets_in[i] for i in train])
        for i in np.flatnonzero(folds == fold):
            probabilities = roles.probabilities(roles_in[i][0])
            meta, body = extract_metadata(decisions[i], frequency, docs[i].page_language, roles=probabilities)
            predicted[i] = {"title": meta.title, "date": meta.published, "author": meta.author, "body": "\n".join(body),
                            "language": identify("\n".join(body))[0] if body else None}  # fmt: skip
    vote = OutletVote(rankers[0])
    for i, doc in enumerate(docs):
        vote.add(doc.id, doc.lines, rankers[folds[i]], outlets_in[i][0])
    decided = vote.decide()
    for doc, mine in zip(docs, predicted, strict=True):
        mine["outlet"] = decided[doc.id]
    toolkit = {name: Tally() for name in (*FIELDS, "title_exact", "title_shown", "outlet_written")}
    base = {name: Tally() for name in FIELDS}
    for doc, mine in zip(docs, predicted, strict=True):
        simple = baselines(doc)
        for name, (scored, right, gold) in checks(doc).items():
            if scored:
                toolkit[name].add(mine[name], right(mine[name]), f"{doc.id}: {mine[name]!r} (gold {gold!r})")
                base[name].add(simple[name], right(simple[name]), "")
        if doc.title:
            toolkit["title_exact"].add(mine["title"], same_title(mine["title"], doc.title, soft=False), "")
        if shows_title(doc.lines, doc.title):
            toolkit["title_shown"].add(mine["title"], same_title(mine["title"], doc.title), "")
        if writes_outlet(doc.lines, doc.outlet, doc.outlet_also):
            toolkit["outlet_written"].add(mine["outlet"], right_outlet(mine["outlet"], doc), "")
    unasked = [
        f"{d.id}: {p['author']!r} (gold {d.author!r})" for d, p in zip(docs, predicted, strict=True) if p["author"] and not names_author(d.lines, d.author)
    ]
    body_f1 = float(np.mean([token_f1(p["body"], d.body) for d, p in zip(docs, predicted, strict=True)]))
    print(f"{'field':22s} {'toolkit':>8s} {'baseline':>9s} {'pages':>6s} {'empty':>6s} {'wrong':>6s}")
    for name in FIELDS:
        t, b = toolkit[name], base[name]
        print(f"{name:22s} {t.share():8.3f} {b.share():9.3f} {t.pages:6d} {t.empty:6d} {t.wrong:6d}")
    shown = toolkit["title_shown"]
    print(f"{'title (dump shows it)':22s} {shown.share():8.3f} {'':9s} {shown.pages:6d} {shown.empty:6d} {shown.wrong:6d}")
    written = toolkit["outlet_written"]
    print(f"{'outlet (dump names it)':22s} {written.share():8.3f} {'':9s} {written.pages:6d} {written.empty:6d} {written.wrong:6d}")
    print(f"{'title (exact)':22s} {toolkit['title_exact'].share():8.3f}")
    print(f"{'body token F1':22s} {body_f1:8.3f}")
    print(f"{'author, none shown':22s} {len(unasked):8d} given on {len(docs) - toolkit['author'].pages} pages whose dump names no gold author")
    for name in filter(None, args.show.split(",")):
        print(f"\n{name} misses:", *toolkit[name].misses, sep="\n  ")
        if name == "author":
            print("\nauthors given where the dump names none:", *unasked, sep="\n  ")
    result = {
        "pages": len(docs), "folds": args.folds, "seconds": round(time.perf_counter() - started, 1), "body_f1": round(body_f1, 4),
        **{name: toolkit[name].share() for name in FIELDS}, "title_exact": toolkit["title_exact"].share(), "title_shown": shown.share(),
        "outlet_written": written.share(),
        "author_unasked": len(unasked),
        "empty": {name: toolkit[name].empty for name in FIELDS}, "wrong": {name: toolkit[name].wrong for name in FIELDS},
        "baselines": {name: base[name].share() for name in FIELDS},
    }  # fmt: skip
    print(json.dumps(result))


if __name__ == "__main__":
    main()
