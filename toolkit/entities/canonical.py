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
from collections.abc import Iterable

import pandas as pd

from toolkit.entities.aliases import Alias, alias_index
from toolkit.entities.names import fold, normalise_surface, slug

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


class Canonicaliser:
    """The canonical names of a corpus's mentions, one article at a time (the corpus is never held).

    Two passes, because linking needs the whole corpus's names: :meth:`observe` every article's
    raw mentions (records with ``text``, ``label``, ``ruler_id``, ...), then :meth:`rows` gives
    each article's mention rows (:data:`MENTION_COLUMNS`), and :meth:`entities` the entity table.
    Memory grows with the number of distinct names, not of mentions.
    """

    def __init__(self, aliases: list[Alias]) -> None:
        self.index = alias_index(aliases)
        self.by_slug = {slug(a.canonical): a for a in self.index.values()}
        self.spellings: dict[str, Counter[str]] = defaultdict(Counter)  # key → its unaliased spellings
        self.person_keys: set[str] = set()
        self.person_names: set[str] = set()  # alias-table names of people
        self.person_spellings: set[str] = set()  # keys of unaliased people
        self.display: dict[str, str] | None = None
        self.corpus_targets: dict[str, set[str]] = {}
        self.names: dict[str, Counter[str]] = defaultdict(Counter)
        self.labels: dict[str, Counter[str]] = defaultdict(Counter)
        self.surfaces: dict[str, set[str]] = defaultdict(set)
        self.n_articles: Counter[str] = Counter()

    def _named(self, mention: dict) -> tuple[str, str, str | None] | None:
        """(normal form, folded key, alias-table name or None), or None for a mention with no letters left."""
        normal = normalise_surface(mention["text"])
        key = fold(normal)
        if not key:
            return None
        ruler_id = mention.get("ruler_id")
        row = self.by_slug.get(ruler_id) if isinstance(ruler_id, str) else None
        row = row or self.index.get(key)
        return normal, key, row.canonical if row else None

    def observe(self, mentions: Iterable[dict]) -> None:
        """First pass: count one article's spellings and people."""
        for mention in mentions:
            named = self._named(mention)
            if named is None:
                continue
            normal, key, canonical = named
            if canonical is None:
                self.spellings[key][normal] += 1
            if mention["label"] == PERSON_LIKE:
                self.person_keys.add(key)
                if canonical is None:
                    self.person_spellings.add(key)
                else:
                    self.person_names.add(canonical)

    def _settle(self) -> None:
        """End of the first pass: each key's display form (its most common spelling) and the corpus's surnames."""
        self.display = {key: counts.most_common(1)[0][0] for key, counts in self.spellings.items()}
        self.corpus_targets = _surname_targets(self.person_names | {self.display[key] for key in self.person_spellings})

    def rows(self, article_id: str, mentions: Iterable[dict]) -> list[tuple]:
        """Second pass: one article's mention rows, in :data:`MENTION_COLUMNS` order."""
        if self.display is None:
            self._settle()
        named = []
        for mention in mentions:
            found = self._named(mention)
            if found is not None:
                normal, key, canonical = found
                named.append((mention, normal, key, canonical or self.display[key], "alias" if canonical else "exact"))
        local_targets = _surname_targets({name for mention, _, _, name, _ in named if mention["label"] == PERSON_LIKE})
        rows, seen = [], set()
        for mention, normal, key, name, method in named:
            if method == "exact" and " " not in key and key in self.person_keys:
                local = local_targets.get(key, ())
                if len(local) == 1:
                    name, method = next(iter(local)), "surname link"
                elif not local and len(self.corpus_targets.get(key, ())) == 1:
                    name, method = next(iter(self.corpus_targets[key])), "corpus surname link"
            entity_id = slug(name)
            self.names[entity_id][name] += 1
            self.labels[entity_id][mention["label"]] += 1
            self.surfaces[entity_id].add(normal)
            seen.add(entity_id)
            rows.append((article_id, mention["start"], mention["end"], mention["text"], mention["label"], entity_id, name,
                         mention["sentence"], method, mention["role"]))  # fmt: skip
        self.n_articles.update(seen)
        return rows

    def entities(self) -> pd.DataFrame:
        """The entities table of every row given so far, most mentioned first."""
        records = []
        for entity_id, names in self.names.items():
            row = self.by_slug.get(entity_id)
            label = row.label if row is not None and row.label else self.labels[entity_id].most_common(1)[0][0]
            records.append((entity_id, names.most_common(1)[0][0], label, sorted(self.surfaces[entity_id]),
                            names.total(), self.n_articles[entity_id]))  # fmt: skip
        entities = pd.DataFrame.from_records(records, columns=list(ENTITY_COLUMNS))
        return entities.sort_values(["n_mentions", "name"], ascending=[False, True]).reset_index(drop=True)


def canonicalise(mentions: pd.DataFrame, aliases: list[Alias]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mentions (``article_id`` plus the mention records' fields) with ``entity_id``, ``name`` and
    ``method``; and the entities table. In memory; :class:`Canonicaliser` streams."""
    canon = Canonicaliser(aliases)
    articles = [(article_id, group.to_dict("records")) for article_id, group in mentions.groupby("article_id", sort=False)]
    for _, records in articles:
        canon.observe(records)
    rows = [row for article_id, records in articles for row in canon.rows(article_id, records)]
    return pd.DataFrame.from_records(rows, columns=list(MENTION_COLUMNS)), canon.entities()
