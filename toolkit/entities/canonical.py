"""Canonical entities: one id per person, organisation or place across outlets' spellings.

Each mention keeps its surface form; its canonical name comes from, in order:

1. ``alias``: the alias table (through the EntityRuler's id, or the mention's folded key);
2. ``surname link``: a one-word name (a PERSON mention's titles such as "Mrs." and "President"
   set aside; an organisation's or place's first word is its own: "State Department") equal to
   the last word of a person's full name in the same article, *whatever label spaCy gave the
   short form* ("Pence" tagged ORG); when the article names several people with that surname,
   the one named in full most recently before it (none before: ``ambiguous surname``, left as
   written);
3. ``given name link``: a one-word PERSON equal to the first word of exactly one full name in
   the article ("Hillary");
4. ``acronym``: an all-capitals word whose letters are the initials of exactly one name in the
   article ("FBI" for "Federal Bureau of Investigation"; "of", "the", "and" skipped);
   A one-word name written after "the" ("The Chronicle says"), a word a newspaper's or an
   institution's name is shortened to (:data:`~toolkit.entities.nouns.SHORT_FORM_NOUNS`), that is
   the last word of exactly one organisation's name in the article ("the San Francisco
   Chronicle") is that organisation (``short form``), whatever label spaCy gave it ("the Moon"
   is not "Blue Moon");
5. ``corpus surname link`` / ``corpus acronym``: in an article that names no such person or
   organisation, the corpus decides, but only when one referent holds at least
   :data:`DOMINANT_SHARE` of the full-name mentions with that surname (or initials; then at
   least :data:`MIN_DOMINANT_ACRONYM` of them, written out in at least as many articles as use the
   acronym without it: "AI" alone in tech stories is not the Amnesty International one story
   names); otherwise ``ambiguous surname``. A short form the corpus mostly tags as a place is not
   linked this way;
6. ``full name inside``: a PERSON mention of up to :data:`MAX_EXTRA_WORDS` more words that ends
   with exactly one full name the article gives ("Universe Alicia Machado", from "Miss Universe
   Alicia Machado") is that person, unless its extra words begin with a given name: then the
   shorter name is that person's compound surname and links to the longer one ("García Márquez"
   → "Gabriel García Márquez"), when the article gives only one such person; lower-case words the
   model ran on into ("Obama speech") are dropped from a PERSON mention before any rule;
7. ``exact``: its own normalised form (mentions with the same folded key merge). Full names
   that differ only in middle names or initials ("James B. Comey", "James Comey") are one
   entity, named by the most mentioned form (``middle name``); a group's singular and plural
   ("Republican", "Republicans"), both tagged as groups (NORP), are one entity named by the plural,
   as a group speaks and is counted (``group plural``, on the singular's mentions).

Two different full names never merge. The label of an entity is a vote over its mentions in
which a full name weighs as many votes as it has words, a person's title ("Mr.", "Sen.")
votes PERSON, words around a name that show a person ("NBC's Lester Holt", "moderator Lester
Holt": the mention's ``person_cue``) make its votes PERSON, :data:`CUE_WEIGHT` times over, words
around a one-word PERSON that show an organisation ("companies such as Gannett", "Veldor, the
carmaker": ``organisation_cue``) make them ORG as many times, and
a linked short form votes as what it was linked to; each mention row carries that corrected ``label`` and spaCy's own as
``spacy_label``. Entity ids are slugs of the canonical name, so the label never splits an
entity. Fuzzy similarity only *proposes* merges (:func:`merge_proposals`), for a person to
accept with :func:`accept_proposals`: automatic fuzzy merging joins Zelensky with Medinsky.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import pandas as pd

from toolkit.entities.aliases import Alias, alias_index
from toolkit.entities.gender import GIVEN_NAMES, name_gender, title_gender
from toolkit.entities.names import fold, name_words, normalise_surface, slug
from toolkit.entities.nouns import SHORT_FORM_NOUNS

PERSON_LIKE = "PERSON"
MENTION_COLUMNS = ("article_id", "start", "end", "text", "label", "entity_id", "name", "sentence", "method", "role", "spacy_label")
ENTITY_COLUMNS = ("entity_id", "name", "label", "aliases", "n_mentions", "n_articles")
DOMINANT_SHARE = 0.8  # a bare surname in an article without its full name goes to the corpus's dominant bearer
MIN_DOMINANT_ACRONYM = 2  # mentions an organisation's full name needs for its acronym to link across articles
PERSON_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "president", "secretary", "senator", "judge", "mayor"}
INITIAL_SKIP = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "in", "on", "&"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}  # a bare "Washington" tagged as a place is not linked to a person across articles
LINKED = {"surname link", "given name link", "acronym", "corpus surname link", "corpus acronym", "full name inside", "short form"}
MAX_EXTRA_WORDS = 2  # leading words a person mention may have beyond a full name it ends with
CUE_WEIGHT = 3  # the words around a name outweigh the small model's label for it
GROUP_LABEL = "NORP"  # nationalities, religious and political groups: "Republicans" and "Republican" are one group


def _without_trailing_lower(name: str) -> str:
    """A name without the lower-case words after it ("Obama speech" → "Obama"); one word stays."""
    words = name.split()
    while len(words) > 1 and words[-1][:1].islower():
        words.pop()
    return " ".join(words)


def _initials(name: str) -> str:
    return "".join(w[0] for w in fold(name).split() if w not in INITIAL_SKIP)


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _titled(role: str) -> bool:
    return any(w.strip(".").lower() in PERSON_TITLES for w in (role or "").split())


def _vote(mention: dict, words: int) -> tuple[str, int]:
    """(label, weight) of a mention's vote on its entity's label."""
    if mention.get("person_cue"):
        return PERSON_LIKE, CUE_WEIGHT * words
    if mention.get("organisation_cue"):
        return "ORG", CUE_WEIGHT * words
    return mention["label"], words


class ArticleNames:
    """One article's full person names ((start, name, words), in text order) and multi-word names
    ((name, key)), indexed by what a short form is matched on, so linking a mention is a look-up
    rather than a scan of the article's names."""

    def __init__(self, full: list[tuple[int, str, list[str]]], names: list[tuple[str, str]], organisations: Iterable[str] = ()) -> None:
        self.by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.by_given_name: dict[str, set[str]] = defaultdict(set)
        for start, name, words in full:
            self.by_surname[words[-1]].append((start, name))
            self.by_given_name[words[0]].add(name)
        self.by_initials: dict[str, set[str]] = defaultdict(set)
        for name, key in names:
            self.by_initials[_initials(key)].add(name)
        self.by_last_word: dict[str, set[str]] = defaultdict(set)  # an organisation's names of several words, by their last
        for name in organisations:
            self.by_last_word[fold(name).rsplit(" ", 1)[-1]].add(name)


def _full_names_inside(named: list, full: list) -> dict[str, tuple[str, list[str]]]:
    """Person names of the article that end with exactly one shorter full name of it (at most
    :data:`MAX_EXTRA_WORDS` more words) → that name and its words; when the extra words begin
    with a given name, the other way round: the shorter name is the longer one's compound
    surname ("Vance Porter" of "Kathleen Vance Porter", "García Márquez" of "Gabriel García
    Márquez") → the longer name and its words."""
    by_words: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for _, name, words in full:
        by_words[tuple(words)].add(name)
    found: dict[str, tuple[str, list[str]]] = {}
    surnames_of: dict[str, set[str]] = defaultdict(set)  # a compound surname → the longer names it ends
    for mention, _, key, name, method in named:
        words = key.split()
        if method != "exact" or mention["label"] != PERSON_LIKE or len(words) < 3:
            continue
        shorter = {(n, suffix) for extra in range(1, MAX_EXTRA_WORDS + 1) if len(words) - extra >= 2
                   for suffix in [tuple(words[extra:])] for n in by_words.get(suffix, ())}  # fmt: skip
        if len(shorter) == 1:
            target, target_words = shorter.pop()
            if words[0] in GIVEN_NAMES:
                surnames_of[target].add(name)
                found[target] = (name, words)
            else:
                found[name] = (target, list(target_words))
    for target, longer in surnames_of.items():
        if len(longer) > 1:  # "Kathleen Vance Porter" and "John Vance Porter": which one is unknown
            del found[target]
    return found


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
        self.aliased_people: Counter[str] = Counter()  # alias-table names of people → mentions
        self.votes: dict[str, Counter[str]] = defaultdict(Counter)  # key → weighted label votes
        self.display: dict[str, str] | None = None
        self.variant_of: dict[str, str] = {}
        self.plural_of: dict[str, str] = {}  # a group's singular display name → its plural's ("Republican" → "Republicans")
        self.corpus_surnames: dict[str, Counter[str]] = defaultdict(Counter)
        self.corpus_initials: dict[str, Counter[str]] = defaultdict(Counter)
        self.names: dict[str, Counter[str]] = defaultdict(Counter)
        self.labels: dict[str, Counter[str]] = defaultdict(Counter)
        self.surfaces: dict[str, set[str]] = defaultdict(set)
        self.n_articles: Counter[str] = Counter()
        self.written_out: Counter[str] = Counter()  # articles writing a multi-word name out, by key
        self.bare_acronyms: Counter[str] = Counter()  # articles using an acronym without a name it abbreviates, by key
        self.named_forms: dict[tuple, tuple[str, str, str | None] | None] = {}  # (text, label, ruler id) → what _named gives

    def _named(self, mention: dict) -> tuple[str, str, str | None] | None:
        """(normal form, folded key, alias-table name or None), or None for a mention with no letters left.
        Worked out once per distinct surface, label and ruler id: names recur in every article."""
        ruler_id = mention.get("ruler_id")
        form = (mention["text"], mention["label"], ruler_id if isinstance(ruler_id, str) else None)
        if form not in self.named_forms:
            self.named_forms[form] = self._name_of(*form)
        return self.named_forms[form]

    def _name_of(self, text: str, label: str, ruler_id: str | None) -> tuple[str, str, str | None] | None:
        normal = normalise_surface(text, titled=label == PERSON_LIKE)
        if label == PERSON_LIKE:
            normal = _without_trailing_lower(normal)  # "Obama speech": the model ran on into a noun
        key = fold(normal)
        if not key:
            return None
        row = self.by_slug.get(ruler_id) if ruler_id is not None else None
        row = row or self.index.get(key)
        return normal, key, row.canonical if row else None

    def observe(self, mentions: Iterable[dict]) -> None:
        """First pass: count one article's spellings and label votes, and which of its names are
        written out and which acronyms it uses bare."""
        keys, acronyms = set(), set()
        for mention in mentions:
            named = self._named(mention)
            if named is None:
                continue
            normal, key, canonical = named
            keys.add(key)
            if _is_acronym(mention["text"]):
                acronyms.add(key)
            if canonical is None:
                self.spellings[key][normal] += 1
            elif mention["label"] == PERSON_LIKE and len(name_words(fold(canonical))) > 1:
                self.aliased_people[canonical] += 1
            label, weight = _vote(mention, len(key.split()))
            self.votes[key][label] += weight
            if _titled(mention.get("role", "")):
                self.votes[key][PERSON_LIKE] += 2
        written = {key for key in keys if len(key.split()) > 1}
        self.written_out.update(written)
        self.bare_acronyms.update(acronyms - {_initials(key) for key in written})

    def label_of(self, key: str) -> str | None:
        votes = self.votes.get(key)
        return votes.most_common(1)[0][0] if votes else None

    def _is_person_name(self, key: str, label: str) -> bool:
        return len(name_words(key)) > 1 and (label == PERSON_LIKE or self.label_of(key) == PERSON_LIKE)

    def _settle(self) -> None:
        """End of the first pass: display forms, full-name variants, groups written in the plural and the corpus's surnames and initials."""
        self.display = {key: counts.most_common(1)[0][0] for key, counts in self.spellings.items()}
        people = {key: counts.total() for key, counts in self.spellings.items() if self._is_person_name(key, "")}
        by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key in people:
            words = name_words(key)
            by_ends[(words[0], words[-1])].append(key)
        for keys in by_ends.values():  # "james b comey", "james comey": one person
            if len(keys) > 1:
                main = max(keys, key=lambda k: (people[k], -len(k)))
                for key in keys:
                    if key != main:
                        self.variant_of[self.display[key]] = self.display[main]
        for key in self.spellings:  # "republicans" and "republican": one group
            singular = key[:-1]
            if key.endswith("s") and singular in self.spellings and self.label_of(key) == GROUP_LABEL == self.label_of(singular):
                self.plural_of[self.display[singular]] = self.display[key]
        for key, count in people.items():
            name = self.variant_of.get(self.display[key], self.display[key])
            self.corpus_surnames[name_words(key)[-1]][name] += count
        for name, count in self.aliased_people.items():
            self.corpus_surnames[name_words(fold(name))[-1]][name] += count
        for key, counts in self.spellings.items():
            if len(key.split()) > 1 and self.label_of(key) != PERSON_LIKE:
                self.corpus_initials[_initials(key)][self.display[key]] += counts.total()

    @staticmethod
    def _dominant(candidates: Counter[str], least: int = 1) -> str | None:
        """The name holding at least :data:`DOMINANT_SHARE` of the candidates' mentions (and ``least`` of them)."""
        if not candidates:
            return None
        name, count = candidates.most_common(1)[0]
        return name if count >= least and count >= DOMINANT_SHARE * candidates.total() else None

    def rows(self, article_id: str, mentions: Iterable[dict]) -> list[tuple]:
        """Second pass: one article's mention rows, in :data:`MENTION_COLUMNS` order."""
        if self.display is None:
            self._settle()
        named = []
        for mention in mentions:
            found = self._named(mention)
            if found is not None:
                normal, key, canonical = found
                name = canonical or self.display[key]
                method = "alias" if canonical else "middle name" if name in self.variant_of else "group plural" if name in self.plural_of else "exact"
                named.append((mention, normal, key, self.variant_of.get(name, self.plural_of.get(name, name)), method))
        full = [(m["start"], name, name_words(key)) for m, _, key, name, _ in named if self._is_person_name(key, m["label"])]
        inside = _full_names_inside(named, full)
        full = [(start, *inside.get(name, (name, words))) for start, name, words in full]
        several_words = [(m, key, name) for m, _, key, name, _ in named if " " in key]
        organisations = {name for m, key, name in several_words if (self.label_of(key) or m["label"]) == "ORG"}
        article = ArticleNames(full, [(name, key) for _, key, name in several_words], organisations)
        rows, seen = [], set()
        for mention, normal, key, name, method in named:
            target_key = key
            if method == "exact" and " " not in key:
                name, method, target_key = self._link(mention, key, name, article)
            elif method == "exact" and name in inside:  # "Universe Alicia Machado" (from "Miss Universe ..."): the article's Alicia Machado
                name, method = inside[name][0], "full name inside"
                target_key = fold(name)
            entity_id = slug(name)
            label = self.by_slug[entity_id].label if entity_id in self.by_slug and self.by_slug[entity_id].label else None
            label = label or self.label_of(fold(name)) or self.label_of(target_key) or mention["label"]
            self.names[entity_id][name] += 1
            # a linked short form votes as what it was linked to
            voted, weight = (label, len(key.split())) if method in LINKED else _vote(mention, len(key.split()))
            self.labels[entity_id][voted] += weight + 2 * _titled(mention.get("role", ""))
            self.surfaces[entity_id].add(normal)
            seen.add(entity_id)
            rows.append((article_id, mention["start"], mention["end"], mention["text"], label, entity_id, name,
                         mention["sentence"], method, mention["role"], mention["label"]))  # fmt: skip
        self.n_articles.update(seen)
        return rows

    def _link(self, mention: dict, key: str, name: str, article: ArticleNames) -> tuple[str, str, str]:
        """(name, method, key whose label it takes) of a one-word mention: see the module's rules 2-5."""
        if _is_acronym(mention["text"]):
            expansions = article.by_initials.get(key, set())
            if len(expansions) == 1:
                expansion = next(iter(expansions))
                return expansion, "acronym", fold(expansion)
            corpus = self._dominant(self.corpus_initials.get(key, Counter()), MIN_DOMINANT_ACRONYM) if not expansions else None
            # "AI" used alone in three stories is not the "Amnesty International" that one story writes out
            if corpus and self.written_out[fold(corpus)] >= self.bare_acronyms[key]:
                return corpus, "corpus acronym", fold(corpus)
        wanted = title_gender((mention.get("role") or "").split())  # "Mrs. Clinton" is never Bill
        bearers = [(start, n) for start, n in article.by_surname.get(key, ()) if name_gender(n) in (None, wanted or name_gender(n))]
        if len({n for _, n in bearers}) == 1:
            return bearers[0][1], "surname link", fold(bearers[0][1])
        if bearers:
            before = [n for start, n in bearers if start < mention["start"]]
            return (before[-1], "surname link", fold(before[-1])) if before else (name, "ambiguous surname", key)
        organisations = article.by_last_word.get(key, set()) if mention.get("after_the") and key in SHORT_FORM_NOUNS else set()
        if len(organisations) == 1:  # "The Chronicle says", in a story that names the San Francisco Chronicle
            target = next(iter(organisations))
            return target, "short form", fold(target)
        given = article.by_given_name.get(key, set())
        if mention["label"] == PERSON_LIKE and len(given) == 1:
            target = next(iter(given))
            return target, "given name link", fold(target)
        if key in self.corpus_surnames and self.label_of(key) not in PLACE_LABELS:
            corpus = self._dominant(self.corpus_surnames[key])
            return (corpus, "corpus surname link", fold(corpus)) if corpus else (name, "ambiguous surname", key)
        return name, "exact", key

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
