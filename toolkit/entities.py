"""Canonical entities: one id per person, organisation or place across outlets' spellings.

Each mention keeps its surface form; its canonical name comes from, in order:

1. ``alias``: the alias table (through the EntityRuler's id, or the mention's folded key);
2. ``surname link``: a one-word name equal to the last word of exactly one longer person
   name in the same article ("Putin" → "Vladimir Putin");
3. ``corpus surname link``: the same rule over the whole corpus, when the article itself
   has no longer name;
4. ``exact``: its own normalised form (mentions with the same folded key merge).

Entity ids are slugs of the canonical name, so the label never splits an entity ("Kiev"
tagged PERSON is still Kyiv); an entity's label is the alias table's, else its mentions'
most common one. Fuzzy similarity only *proposes* merges (:func:`merge_proposals`), for a
person to accept with :func:`accept_proposals`: automatic fuzzy merging joins Zelensky with
Medinsky and Macron with Bonne.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from toolkit.aliases import Alias, add_aliases, alias_index, fold, normalise_surface, slug

PERSON_LIKE = "PERSON"
MENTION_COLUMNS = ("article_id", "start", "end", "text", "label", "entity_id", "name", "sentence", "method", "role")
ENTITY_COLUMNS = ("entity_id", "name", "label", "aliases", "n_mentions", "n_articles")


def _surname_targets(names: set[str]) -> dict[str, set[str]]:
    targets: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = fold(name).split()
        if len(words) > 1:
            targets[words[-1]].add(name)
    return targets


def canonicalise(mentions: pd.DataFrame, aliases: list[Alias]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mentions with ``entity_id``, ``name`` and ``method``; and the entities table."""
    if mentions.empty:
        return pd.DataFrame(columns=list(MENTION_COLUMNS)), pd.DataFrame(columns=list(ENTITY_COLUMNS))
    index = alias_index(aliases)
    by_slug = {slug(a.canonical): a for a in index.values()}
    frame = mentions.copy()
    frame["normal"] = frame["text"].map(normalise_surface)
    frame["key"] = frame["normal"].map(fold)
    frame = frame[frame["key"] != ""].copy()
    person_keys = set(frame.loc[frame["label"] == PERSON_LIKE, "key"])

    names, methods = [], []
    for ruler_id, key, normal in zip(frame["ruler_id"], frame["key"], frame["normal"], strict=True):
        row = by_slug.get(ruler_id) if isinstance(ruler_id, str) else None
        row = row or index.get(key)
        names.append(row.canonical if row else normal)
        methods.append("alias" if row else "exact")
    frame["name"], frame["method"] = names, methods

    display = frame[frame["method"] == "exact"].groupby("key")["normal"].agg(lambda s: Counter(s).most_common(1)[0][0])
    frame.loc[frame["method"] == "exact", "name"] = frame.loc[frame["method"] == "exact", "key"].map(display)

    corpus_targets = _surname_targets(set(frame.loc[frame["label"] == PERSON_LIKE, "name"]))
    people_in = frame[frame["label"] == PERSON_LIKE].groupby("article_id")["name"].agg(set)
    local_targets = {article: _surname_targets(people) for article, people in people_in.items()}
    names, methods = frame["name"].tolist(), frame["method"].tolist()
    for i, (article, key, method) in enumerate(zip(frame["article_id"], frame["key"], methods, strict=True)):
        if method != "exact" or " " in key or key not in person_keys:
            continue
        local = local_targets.get(article, {}).get(key, ())
        if len(local) == 1:
            names[i], methods[i] = next(iter(local)), "surname link"
        elif not local and len(corpus_targets.get(key, ())) == 1:
            names[i], methods[i] = next(iter(corpus_targets[key])), "corpus surname link"
    frame["name"], frame["method"] = names, methods

    frame["entity_id"] = frame["name"].map(slug)
    label_of = frame.groupby("entity_id")["label"].agg(lambda s: Counter(s).most_common(1)[0][0])
    for entity_id in label_of.index:
        row = by_slug.get(entity_id)
        if row is not None and row.label:
            label_of[entity_id] = row.label
    entities = (
        frame.groupby("entity_id")
        .agg(
            name=("name", lambda s: Counter(s).most_common(1)[0][0]),
            aliases=("text", lambda s: sorted({normalise_surface(x) for x in s})),
            n_mentions=("text", "size"),
            n_articles=("article_id", "nunique"),
        )
        .reset_index()
    )
    entities["label"] = entities["entity_id"].map(label_of)
    entities = entities.sort_values(["n_mentions", "name"], ascending=[False, True]).reset_index(drop=True)
    return frame[list(MENTION_COLUMNS)].reset_index(drop=True), entities[list(ENTITY_COLUMNS)]


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
