"""Cleaning and the NLP pass on local worker processes (what ``--n-process`` uses)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from tempfile import TemporaryDirectory

from toolkit.engines.workers import SharedFile, apply_batch, chunks, ordered_batches, parse_chunk, shared_pipeline, warm_up
from toolkit.entities.aliases import Alias

# fork shares the already imported spaCy and toolkit, the caller's loaded pipeline and what the
# cleaning needs with the workers: they start at once instead of loading the model again (spawn,
# where fork is missing, loads it in each worker).
START_METHOD = "fork" if "fork" in get_all_start_methods() else "spawn"
MAP_BATCH = 4  # files per cleaning task
MAP_LOOKAHEAD = 8  # cleaning tasks in flight


class ProcessEngine:
    """Callable engine for :func:`toolkit.nlp.parse.analyse` on ``n_process`` local worker processes,
    which also take the folder's first pass (:meth:`survey`) and clean the files (:meth:`map`), so
    that every core reads, cleans and parses.

    The workers are forked on first use, after the caller has loaded ``nlp`` (its pipeline for the
    same model and aliases): they inherit it instead of loading it, and the same workers serve every
    pass, keeping what they warmed (the lines a worker hashed in the first pass stay in its caches).
    Use the engine as a context manager so the workers stop with the run.
    """

    def __init__(self, n_process: int, model: str | None, aliases: list[Alias], nlp: object | None = None) -> None:
        self.n_process = n_process
        self.model = model
        self.aliases = [(a.canonical, a.alias, a.label) for a in aliases]
        self.nlp = nlp
        self.pool: ProcessPoolExecutor | None = None
        self.folder: TemporaryDirectory | None = None  # where values shared by a map's tasks are written

    def _workers(self) -> ProcessPoolExecutor:
        """The pool, forked now if it is not yet running (with the pipeline in its memory)."""
        if self.pool is None:
            with shared_pipeline(self.model, self.aliases, self.nlp):
                self.pool = ProcessPoolExecutor(self.n_process, mp_context=get_context(START_METHOD),
                                                initializer=warm_up, initargs=(self.model, self.aliases))  # fmt: skip
                for _ in range(self.n_process):
                    self.pool.submit(int)  # under fork, the first submit forks every worker
            self.nlp = None
        return self.pool

    def __call__(self, pending: list[tuple[Hashable, str, str]]) -> Iterator[tuple[Hashable, str, dict]]:
        """Send every chunk to the workers now; the returned iterator yields results as they finish."""
        pool = self._workers()
        futures = [pool.submit(parse_chunk, chunk, self.model, self.aliases) for chunk in chunks(pending, self.n_process)]
        return (result for future in as_completed(futures) for result in future.result())

    def map(self, function: Callable, items: Iterable, shared: object = None) -> Iterator:
        """``function(item, shared)`` on the workers, yielded in the items' order, with a bounded number
        of items in flight (the corpus is never held); ``shared`` reaches each worker once, as a
        :class:`~toolkit.engines.workers.SharedFile`. This is how ingestion takes its first pass and
        cleans files here (:meth:`toolkit.ingest.folder.Ingest.stream`)."""
        pool = self._workers()
        if shared is not None:
            try:
                if self.folder is None:
                    self.folder = TemporaryDirectory(prefix="toolkit-shared-")
                shared = SharedFile.write(shared, Path(self.folder.name))
            except OSError:  # no writable temporary folder (a full disk): the value goes with every batch instead
                pass
        return ordered_batches(lambda batch: pool.submit(apply_batch, function, batch, shared).result, items, MAP_BATCH, MAP_LOOKAHEAD)

    survey = map  # the folder's first pass (:meth:`toolkit.ingest.folder.Ingest.count_lines`) on the same workers

    def __enter__(self) -> ProcessEngine:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.folder is not None:
            self.folder.cleanup()
