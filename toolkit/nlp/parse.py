"""The one spaCy pass: batched parsing, each Doc reduced to its record at once, records cached.

Parsing dominates the cost of everything the toolkit does, so it happens once per article
text: each parsed Doc is immediately reduced to a compact record (sentences, mentions,
quotes; see :mod:`toolkit.nlp.records`) and that is cached (:mod:`toolkit.nlp.cache`).
Rerunning statistics, notebooks or the pipeline on unchanged text never parses again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from toolkit.nlp.cache import RecordCache
from toolkit.nlp.model import cache_namespace
from toolkit.nlp.runtime import parsing

BATCH_SIZE = 32
WINDOW = 32  # articles looked up in the cache and sent to parsing at a time
WINDOWS_IN_FLIGHT = 2  # windows an engine holds besides the one being collected: its workers never wait for this process


def failed(reason: str) -> dict:
    """The record of an article whose analysis failed: no sentences, mentions or quotes, and why."""
    return {"sentences": [], "mentions": [], "quotes": [], "error": reason}


def parse_one(text: str, nlp: Language, extract: Callable[[Doc], dict], cache: RecordCache) -> tuple[str, dict, bool]:
    """(cache key, record, was_cached) of one text parsed by its own pipeline (articles in a
    language besides the main one: few, so parsed one at a time in this process)."""
    key = RecordCache.key(text, cache_namespace(nlp))
    record = cache.get(key)
    if record is not None:
        return key, record, True
    try:
        with parsing():
            doc = nlp(text)
        record = extract(doc)
    except Exception as error:  # one article's failure must not stop the run; it is reported
        return key, failed(f"extraction failed: {type(error).__name__}: {error}"), False
    cache.put_many([(key, record)])
    return key, record, False


def parse_locally(
    nlp: Language,
    extract: Callable[[Doc], dict],
    pending: list[tuple[Hashable, str, str]],
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Hashable, str, dict]]:
    """(id, key, record) for each pending (id, key, text), parsed with ``nlp.pipe`` in this process."""
    stream = nlp.pipe(((text, (item_id, key)) for item_id, key, text in pending), as_tuples=True, batch_size=batch_size)
    with parsing():
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
    engine: Callable[[list[tuple[Hashable, str, str]]], Iterator[tuple[Hashable, str, dict]]] | None = None,
) -> Iterator[tuple[str, dict, bool]]:
    """(id, record, was_cached) for each (id, text), in the items' order, parsing only texts not in the cache.

    Items are taken :data:`WINDOW` at a time, so memory does not grow with the corpus, and Docs
    are reduced to records as they are parsed. Parsing goes to ``engine``
    (:class:`toolkit.engines.ProcessEngine`, :class:`toolkit.dask_engine.DaskEngine`) when given,
    else to :func:`parse_locally` in this process. An engine holds up to :data:`WINDOWS_IN_FLIGHT`
    windows besides the one whose results are being collected, so its workers parse while this
    process reads (and cleans) the next items, and a worker that finishes early finds the next
    window already sent. A text the model cannot take, or whose extraction raises, yields a
    :func:`failed` record (not cached).

    Records come back in the items' order whatever parsed them and whatever was cached (a window's
    records wait for the window's last): what is counted from them in order, such as the label an
    entity's tied votes give it, is then the same for every engine, number of workers and cache.
    """
    namespace = cache_namespace(nlp)
    items = iter(items)
    in_flight: deque[tuple[list[str], dict[int, tuple[dict, bool]], Iterator[tuple[int, str, dict]]]] = deque()
    while window := list(islice(items, WINDOW)):
        known: dict[int, tuple[dict, bool]] = {}  # by place in the window: records not parsed now (cached, or failed at once)
        pending: list[tuple[int, str, str]] = []  # (place in the window, key, text): ids may repeat, places do not
        for place, (_, text) in enumerate(window):
            if len(text) > nlp.max_length:
                known[place] = failed(f"text of {len(text):,} characters is longer than the model's limit of {nlp.max_length:,}"), False
                continue
            key = RecordCache.key(text, namespace)
            record = cache.get(key) if cache else None
            if record is not None:
                known[place] = record, True
            else:
                pending.append((place, key, text))
        ids = [item_id for item_id, _ in window]
        if engine is None:
            yield from _in_order(ids, known, parse_locally(nlp, extract, pending, batch_size), cache)
        else:
            in_flight.append((ids, known, engine(pending) if pending else iter(())))
            if len(in_flight) > WINDOWS_IN_FLIGHT:
                yield from _in_order(*in_flight.popleft(), cache)
    while in_flight:
        yield from _in_order(*in_flight.popleft(), cache)


def _in_order(
    ids: list[str], known: dict[int, tuple[dict, bool]], parsed: Iterator[tuple[int, str, dict]], cache: RecordCache | None
) -> Iterator[tuple[str, dict, bool]]:
    """(id, record, was_cached) for each of a window's ``ids`` in order: the ``known`` records (by place
    in the window) and the freshly ``parsed`` (place, key, record), added to them; the good fresh records are cached."""
    fresh: list[tuple[str, dict]] = []
    for place, key, record in parsed:
        if cache and "error" not in record:
            fresh.append((key, record))
        known[place] = record, False
    if cache and fresh:
        cache.put_many(fresh)
    for place, item_id in enumerate(ids):
        yield item_id, *known[place]
