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


def merge_proposals(entities: pd.DataFrame, threshold: float = 88.0, max_block: int = 3000) -> pd.DataFrame:
    """Pairs of entities whose names look alike, for a person to review (never merged silently).

    Names are compared within a label (and within an initial when a label has more than
    ``max_block`` names, to keep the all-pairs comparison tractable) with rapidfuzz's WRatio.
    """
    rows = []
    for _, group in entities.groupby("label"):
        blocks = [group] if len(group) <= max_block else [g for _, g in group.groupby(group["name"].str[:1])]
        for block in blocks:
            names = block["name"].tolist()
            folded = [fold(n) for n in names]
            scores = process.cdist(folded, folded, scorer=fuzz.WRatio, score_cutoff=threshold)
            for i, j in zip(*scores.nonzero(), strict=True):
                if i < j and folded[i] != folded[j]:
                    a, b = block.iloc[i], block.iloc[j]
                    keep, other = (a, b) if a["n_mentions"] >= b["n_mentions"] else (b, a)
                    rows.append({"canonical": keep["name"], "alias": other["name"], "label": keep["label"],
                                 "score": round(float(scores[i, j]), 1), "n_canonical": int(keep["n_mentions"]),
                                 "n_alias": int(other["n_mentions"])})  # fmt: skip
    columns = ["canonical", "alias", "label", "score", "n_canonical", "n_alias"]
    return pd.DataFrame(rows, columns=columns).sort_values("score", ascending=False).reset_index(drop=True)


def accept_proposals(proposals: pd.DataFrame, path: Path | None = None) -> int:
    """Write reviewed proposals into the alias table; rerun the pipeline to apply them."""
    rows = [Alias(r.canonical, r.alias, r.label) for r in proposals.itertuples()]
    return add_aliases(rows, path)
