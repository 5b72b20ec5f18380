"""What a worker process runs when the NLP pass is spread over processes (local or Dask).

:func:`parse_chunk` builds the spaCy pipeline once per process (same model and alias table as
the caller) and returns compact extraction records, never Docs, so little crosses process
boundaries.
"""

from __future__ import annotations

import gc
import pickle
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from uuid import uuid4

from toolkit.entities.aliases import Alias, table_fingerprint
from toolkit.nlp.runtime import kept_heap

CHUNK = 16
_PIPELINES: dict[tuple[str | None, str], object] = {}
_READ: dict[str, object] = {}  # the value of the last shared file this process read, by the file's path
_FOR_LIFE = ExitStack()  # settings a worker process holds until it ends (never closed)


def _signature(model: str | None, aliases: list[tuple[str, str, str]]) -> tuple[str | None, str]:
    return model, table_fingerprint([Alias(*row) for row in aliases])


def worker_pipeline(model: str | None, aliases: list[tuple[str, str, str]]):
    """The pipeline of this worker process for a model and alias table, built on first use (or
    inherited from the parent under :func:`shared_pipeline`)."""
    from toolkit.nlp.model import build_pipeline

    signature = _signature(model, aliases)
    if signature not in _PIPELINES:
        _PIPELINES[signature] = build_pipeline(model, [Alias(*row) for row in aliases])
    return _PIPELINES[signature]


@contextmanager
def shared_pipeline(model: str | None, aliases: list[tuple[str, str, str]], nlp: object | None) -> Iterator[None]:
    """While open, worker processes forked meanwhile start with ``nlp`` (the pipeline for ``model``
    and ``aliases``) in (copy-on-write) memory instead of loading the model again
    (:func:`worker_pipeline` finds it); this process lets go of it afterwards. Nothing when ``nlp`` is None."""
    if nlp is None:
        yield
        return
    signature = _signature(model, aliases)
    _PIPELINES[signature] = nlp
    try:
        yield
    finally:
        _PIPELINES.pop(signature, None)


@dataclass(frozen=True)
class SharedFile:
    """What every task of a map needs besides its items (the folder's line counts for cleaning),
    written once to a file that each worker process reads once: local workers are started before
    the first pass has counted the lines, and sending the counts with every batch of files would
    cost in proportion to the folder, batch after batch. Only the path travels with a task."""

    path: str

    @classmethod
    def write(cls, value: object, folder: Path) -> SharedFile:
        path = folder / f"shared-{uuid4().hex}.pickle"
        path.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return cls(str(path))

    def read(self) -> object:
        """The value, read from the file the first time this process asks (only the latest is kept)."""
        if self.path not in _READ:
            _READ.clear()
            _READ[self.path] = pickle.loads(Path(self.path).read_bytes())
        return _READ[self.path]


def parse_chunk(chunk: list[tuple[Hashable, str, str]], model: str | None, aliases: list[tuple[str, str, str]]) -> list[tuple[Hashable, str, dict]]:
    """Worker side: (id, key, record) for a chunk of (id, key, text)."""
    from toolkit.nlp.parse import parse_locally
    from toolkit.nlp.records import extract

    return list(parse_locally(worker_pipeline(model, aliases), extract, chunk))


def chunks(pending: list[tuple[Hashable, str, str]], workers: int = 1, size: int = CHUNK) -> list[list[tuple[Hashable, str, str]]]:
    """The window's articles in chunks of at most ``size``, a multiple of ``workers`` of them, of
    about equal text length (longest first into the lightest chunk): articles differ in length
    tenfold, and a chunk as long as two others keeps one worker busy while the others wait."""
    if not pending:
        return []
    count = -(-len(pending) // size)
    count = -(-count // workers) * workers  # every worker gets as many chunks
    bins: list[list[tuple[Hashable, str, str]]] = [[] for _ in range(min(count, len(pending)))]
    loads = [0] * len(bins)
    for item in sorted(pending, key=lambda item: len(item[2]), reverse=True):
        lightest = min((b for b in range(len(bins)) if len(bins[b]) < size), key=loads.__getitem__)
        bins[lightest].append(item)
        loads[lightest] += len(item[2])
    return bins


def warm_up(model: str | None, aliases: list[tuple[str, str, str]]) -> None:
    """Build this worker's pipeline, and load what cleaning needs, ahead of the first task; then set
    the process as a run sets its own (:mod:`toolkit.nlp.runtime`) for the worker's life: its heap
    kept between tasks, and what it keeps (the pipeline) out of its garbage collections."""
    from toolkit.ingest.language import load_language_models

    worker_pipeline(model, aliases)
    load_language_models()
    _FOR_LIFE.enter_context(kept_heap())
    gc.freeze()


def apply_batch(function: Callable, batch: list, shared: object | None) -> list:
    """Worker side of a map: ``function(item, shared)`` for each item, ``shared`` given by value or
    as a :class:`SharedFile` (read once per process)."""
    if isinstance(shared, SharedFile):
        shared = shared.read()
    return [function(item, shared) for item in batch]


def ordered_batches(submit: Callable[[list], Callable[[], list]], items: Iterable, size: int, lookahead: int) -> Iterator:
    """The results of ``submit(batch)`` for batches of ``size`` items, in the items' order, with at
    most ``lookahead`` batches in flight; ``submit`` returns a function that waits for its results."""
    in_flight: deque = deque()
    items = iter(items)
    while batch := list(islice(items, size)):
        in_flight.append(submit(batch))
        if len(in_flight) >= lookahead:
            yield from in_flight.popleft()()
    while in_flight:
        yield from in_flight.popleft()()
