"""Entities on news the toolkit was not tuned to: clusters that must hold, pairs that must stay
apart (PolNeAR dev), and junk among the most mentioned entities (the 119 development dumps).

usage: python benchmarks/entities_eval.py --polnear DIR [--dumps DIR] [--polnear-out OUT] [--dumps-out OUT]

``--polnear`` is a checkout of networkdynamics/PolNeAR: its ``data/dev/text`` articles are copied
to a temporary folder (never into this repository) and run through the toolkit. The test split
is never read. ``--dumps`` defaults to ``../shared/dev/cleaning/dumps``. ``--polnear-out`` and
``--dumps-out`` read the tables of earlier runs instead of running again.

- ``benchmarks/fixtures/entity_clusters.json`` (written by hand from reading the dev articles;
  names only): each cluster's forms (full name first; title forms "Mrs. Clinton", initials
  "Donald J. Trump", bare surnames, acronyms) name one referent wherever they occur there. A
  mention matches a form when its text, without a leading "the" and a possessive, equals it, or its text after the
  last word of its ``role`` does ("Mrs." + "Clinton"), except in the files a cluster's
  ``except`` lists for that form (where it names someone else). A cluster **holds**
  when its full name is found and at least 95 % of the mentions of all its forms are on the full
  name's entity (bare surnames can be genuinely ambiguous in a few places);
- ``apart``: two full names of different people with one surname; **apart** when their
  mentions' entities differ;
- ``benchmarks/fixtures/entities_checked.csv``: the verdict (``ok`` or ``junk``) on names seen
  among the 100 most mentioned entities of the development dumps; junk is page furniture, a
  fragment, a word that is not a name. A name not in the list counts as ``unchecked``.

The script prints the tables and, last, one JSON line of all figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd

import toolkit
from toolkit.entities import merge_proposals
from toolkit.paths import PROJECT_ROOT

FIXTURES = Path(__file__).parent / "fixtures"
DEV_DUMPS = PROJECT_ROOT.parent / "shared" / "dev" / "cleaning" / "dumps"
HOLD_SHARE = 0.95
TOP = 100


def _form(text: str) -> str:
    """A mention's text as a form: white space folded, no leading "the", no possessive."""
    text = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text).strip(), flags=re.IGNORECASE)
    return re.sub(r"(?:['’]s|['’])$", "", text)


def polnear_tables(polnear: Path, scratch: Path) -> toolkit.Tables:
    raw = scratch / "polnear-dev"
    raw.mkdir()
    for path in sorted((polnear / "data" / "dev" / "text").glob("*.txt")):
        shutil.copy(path, raw / path.name)
    return toolkit.run(raw, scratch / "polnear-out", progress=False)


def clusters(mentions: pd.DataFrame, articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    spec = json.loads((FIXTURES / "entity_clusters.json").read_text(encoding="utf-8"))
    mentions = mentions.assign(file=mentions["article_id"].map(articles.set_index("article_id")["file"]))
    written = mentions["text"].map(_form)
    titled = (mentions["role"].fillna("").str.split().str[-1].fillna("") + " " + written).str.strip()
    both = pd.concat([mentions.assign(form=written), mentions[titled != written].assign(form=titled[titled != written])])
    by_form = {form: group for form, group in both.groupby("form")}
    rows = []
    for cluster in spec["clusters"]:
        full = cluster["forms"][0]
        target = by_form[full]["entity_id"].mode().iat[0] if full in by_form else None
        kept = [by_form[f].loc[~by_form[f]["file"].isin(cluster.get("except", {}).get(f, [])), "entity_id"] for f in cluster["forms"] if f in by_form]
        found = pd.concat(kept) if kept else pd.Series([], dtype=str)
        share = float((found == target).mean()) if target is not None and len(found) else 0.0
        split = sorted({e for e in found if e != target})
        rows.append({"cluster": full, "forms found": sum(f in by_form for f in cluster["forms"]), "forms": len(cluster["forms"]),
                     "mentions": len(found), "on one entity": round(share, 3), "held": target is not None and share >= HOLD_SHARE,
                     "elsewhere": ", ".join(split[:3])})  # fmt: skip
    pairs = []
    for a, b in spec["apart"]:
        ea = by_form[a]["entity_id"].mode().iat[0] if a in by_form else None
        eb = by_form[b]["entity_id"].mode().iat[0] if b in by_form else None
        pairs.append({"a": a, "b": b, "found": ea is not None and eb is not None, "apart": ea is not None and eb is not None and ea != eb})
    return pd.DataFrame(rows), pd.DataFrame(pairs)


def junk(entities: pd.DataFrame) -> pd.DataFrame:
    with (FIXTURES / "entities_checked.csv").open(encoding="utf-8", newline="") as handle:
        verdicts = {row["name"]: row["verdict"] for row in csv.DictReader(handle)}
    top = entities.nlargest(TOP, "n_mentions")[["name", "label", "n_mentions", "n_articles"]].reset_index(drop=True)
    top["verdict"] = [verdicts.get(name, "unchecked") for name in top["name"]]
    return top


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, help="a checkout of networkdynamics/PolNeAR")
    parser.add_argument("--polnear-out", type=Path, help="tables of an earlier run on PolNeAR dev")
    parser.add_argument("--dumps", type=Path, default=DEV_DUMPS)
    parser.add_argument("--dumps-out", type=Path, help="tables of an earlier run on the development dumps")
    args = parser.parse_args()
    if not args.polnear and not args.polnear_out:
        parser.error("give --polnear DIR (or --polnear-out OUT)")
    with tempfile.TemporaryDirectory() as scratch:
        polnear = toolkit.load(args.polnear_out) if args.polnear_out else polnear_tables(args.polnear, Path(scratch))
        held, apart = clusters(polnear.mentions, polnear.articles)
        dumps = toolkit.load(args.dumps_out) if args.dumps_out else toolkit.run(args.dumps, Path(scratch) / "dumps-out", progress=False)
        top = junk(dumps.entities)
        proposals = merge_proposals(dumps.entities)
    with pd.option_context("display.width", 200, "display.max_rows", 200):
        print(held.to_string(index=False), "\n")
        print(apart.to_string(index=False), "\n")
        print(top.to_string(), "\n")
    result = {
        "clusters": len(held),
        "clusters_held": int(held["held"].sum()),
        "pairs": len(apart),
        "pairs_apart": int(apart["apart"].sum()),
        "pairs_found": int(apart["found"].sum()),
        "top": TOP,
        "junk_in_top": int((top["verdict"] == "junk").sum()),
        "unchecked_in_top": int((top["verdict"] == "unchecked").sum()),
        "dump_entities": len(dumps.entities),
        "dump_entities_mentioned_once": round(float((dumps.entities["n_mentions"] == 1).mean()), 3),
        "merge_proposals_shown": len(proposals),
        "merge_proposals_more": int(proposals.attrs.get("more", 0)),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
