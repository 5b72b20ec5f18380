"""Merge proposals: pairs of entities whose names look alike, for a person to review.

Fuzzy similarity only *proposes* merges, never makes them: automatic fuzzy merging joins
Zelensky with Medinsky and Macron with Bonne. Accepted rows go to the alias table
(:func:`accept_proposals`) and apply on the next run.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from toolkit.entities.aliases import Alias, add_aliases
from toolkit.entities.names import fold

DERIVATIONS = ("ic", "ian", "ians", "ism", "ist", "ists", "ese", "ish", "s", "n", "ns", "an", "ans")  # Democrat/Democratic
LIMIT = 50


def _shared_start(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _only_affix_shared(a: str, b: str) -> bool:
    """ "mazhab hanafi" / "mazhab hanbali": alike only through a long shared beginning or end,
    the parts that differ being different words rather than a spelling ("zelensky" / "zelenskyy")."""
    prefix = _shared_start(a, b)
    suffix = _shared_start(a[prefix:][::-1], b[prefix:][::-1])
    rest_a, rest_b = a[prefix : len(a) - suffix], b[prefix : len(b) - suffix]
    return len(rest_a) >= 2 and len(rest_b) >= 2 and fuzz.ratio(rest_a, rest_b) < 50


def _same_word_other_form(a: str, b: str) -> bool:
    """ "democrat" / "democratic", "american" / "americans": one word and its derivation, not two spellings of a name."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and long[len(short) :] in DERIVATIONS


def merge_proposals(entities: pd.DataFrame, threshold: float = 88.0, max_block: int = 3000, limit: int = LIMIT) -> pd.DataFrame:
    """Pairs of entities whose names look alike, for a person to review (never merged silently).

    Names are compared within a label (and within an initial when a label has more than
    ``max_block`` names, to keep the all-pairs comparison tractable) with rapidfuzz's ``ratio`` over
    the whole folded names (WRatio's partial matching proposed "Apple" / "Apple Arcade" and "Instagram" / "RAM").
    Pairs alike only through a shared beginning or end ("Hanafi" / "Hanbali") and a word beside
    its derivation ("Democrat" / "Democratic") are left out. The ``limit`` pairs that would
    change most (mentions involved) come first; ``.attrs["more"]`` counts the pairs not shown.
    """
    rows = []
    for _, group in entities.groupby("label"):
        blocks = [group] if len(group) <= max_block else [g for _, g in group.groupby(group["name"].str[:1])]
        for block in blocks:
            names = block["name"].tolist()
            folded = [fold(n) for n in names]
            scores = process.cdist(folded, folded, scorer=fuzz.ratio, score_cutoff=threshold)
            for i, j in zip(*scores.nonzero(), strict=True):
                if i < j and folded[i] != folded[j] and not _only_affix_shared(folded[i], folded[j]) and not _same_word_other_form(folded[i], folded[j]):
                    a, b = block.iloc[i], block.iloc[j]
                    keep, other = (a, b) if a["n_mentions"] >= b["n_mentions"] else (b, a)
                    rows.append({"canonical": keep["name"], "alias": other["name"], "label": keep["label"],
                                 "score": round(float(scores[i, j]), 1), "n_canonical": int(keep["n_mentions"]),
                                 "n_alias": int(other["n_mentions"])})  # fmt: skip
    columns = ["canonical", "alias", "label", "score", "n_canonical", "n_alias"]
    table = pd.DataFrame(rows, columns=columns)
    table = table.assign(involved=table["n_canonical"] + table["n_alias"]).sort_values(["involved", "score"], ascending=False)
    shown = table.head(limit).drop(columns="involved").reset_index(drop=True)
    shown.attrs["more"] = max(0, len(table) - limit)
    return shown


def accept_proposals(proposals: pd.DataFrame, path: Path | None = None) -> int:
    """Write reviewed proposals into the alias table; rerun the pipeline to apply them."""
    rows = [Alias(r.canonical, r.alias, r.label) for r in proposals.itertuples()]
    return add_aliases(rows, path)
