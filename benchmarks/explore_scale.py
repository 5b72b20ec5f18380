"""How the figures and explorers scale: each one timed on a run's tables replicated to ``--articles``
articles and to a tenth of that, with the ratio of the two times divided by ten (about 1 when the
cost grows linearly with the corpus, 10 when it grows with its square).

Replicas get their own article ids and outlets spread over five copies of each outlet, so the
outlet count grows with the corpus as it does in a real one.

    python benchmarks/explore_scale.py [--out data/processed] [--articles 5000]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

import pandas as pd

import toolkit
from toolkit.entities import stats
from toolkit.explore import figures, widgets
from toolkit.tables import Tables


def replicated(tables: Tables, n_articles: int) -> Tables:
    copies = max(1, round(n_articles / len(tables.articles)))

    def grow(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
        parts = [frame.assign(**{c: frame[c].astype(str) + f"-{i}" for c in columns}) for i in range(copies)]
        return pd.concat(parts, ignore_index=True)

    articles = grow(tables.articles, ("article_id", "file"))
    articles["outlet"] = [None if pd.isna(o) else f"{o} {i % 5}" for i, o in enumerate(articles["outlet"])]
    big = Tables(tables.out_dir)
    big.__dict__.update(articles=articles, mentions=grow(tables.mentions, ("article_id",)),
                        quotes=grow(tables.quotes, ("article_id", "quote_id")), entities=tables.entities)  # fmt: skip
    return big


def views(t: Tables) -> dict[str, Callable]:
    return {
        "top entities": lambda: figures.top_entities_by_outlet(t.mentions, t.articles),
        "attention over time": lambda: figures.attention_over_time(t.mentions, t.articles),
        "co-occurrence network": lambda: figures.cooccurrence_network(stats.cooccurrence(t.mentions)),
        "naming variants": lambda: figures.naming_variants(stats.naming_variants(t.mentions, t.articles)),
        "quotes per speaker": lambda: figures.quotes_per_speaker(t.quotes, t.articles),
        "who talks about whom": lambda: figures.who_talks_about_whom(t.quotes, t.mentions),
        "shared statements": lambda: figures.shared_statements(t.quotes, t.articles),
        "entity explorer": lambda: widgets.entity_explorer(t),
        "quote browser": lambda: widgets.quote_browser(t),
        "outlet comparison": lambda: widgets.outlet_comparison(t),
    }


def seconds(function: Callable) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="data/processed", help="an output folder of toolkit run")
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    tables = toolkit.load(args.out)
    small, large = replicated(tables, args.articles // 10), replicated(tables, args.articles)
    print(f"{len(small.articles):,} and {len(large.articles):,} articles ({len(large.mentions):,} mentions, {len(large.quotes):,} quotes, "
          f"{large.articles['outlet'].nunique()} outlets)")  # fmt: skip
    print(f"{'view':<24}{'small s':>9}{'large s':>9}{'ratio/10':>10}")
    result = {}
    for (name, at_small), at_large in zip(views(small).items(), views(large).values(), strict=True):
        a, b = seconds(at_small), seconds(at_large)
        ratio = b / max(a, 1e-3) / (len(large.articles) / len(small.articles))
        result[name] = {"small_s": round(a, 2), "large_s": round(b, 2), "ratio": round(ratio, 2)}
        print(f"{name:<24}{a:>9.2f}{b:>9.2f}{ratio:>10.2f}")
    print(json.dumps({"articles": len(large.articles), "views": result}))


if __name__ == "__main__":
    main()
