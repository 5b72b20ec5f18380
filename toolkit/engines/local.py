"""Cleaning and the NLP pass on local worker processes (what ``--n-process`` uses)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_all_start_methods, get_context

from toolkit.engines.workers import apply_batch, chunks, inherited, ordered_batches, parse_chunk, shared_pipeline, warm_up
from toolkit.entities.aliases import Alias

# fork shares the already imported spaCy and toolkit, the caller's loaded pipeline and what the
# cleaning needs with the workers: they start at once instead of loading the model again (spawn,
# where fork is missing, loads it in each worker and sends the cleaning's tables with each batch).
START_METHOD = "fork" if "fork" in get_all_start_methods() else "spawn"
MAP_BATCH = 4  # files per cleaning task
MAP_LOOKAHEAD = 8  # cleaning tasks in flight


class ProcessEngine:
    """Callable engine for :func:`toolkit.nlp.parse.analyse` on ``n_process`` local worker processes,
    which also clean the files (:meth:`map`), so that every core cleans and parses.

    The workers are forked on first use, after the caller has loaded ``nlp`` (its pipeline for the
    same model and aliases) and counted the folder's lines: they inherit both instead of loading
    or receiving them. Use the engine as a context manager so the workers stop with the run.
    """

    def __init__(self, n_process: int, model: str | None, aliases: list[Alias], nlp: object | None = None) -> None:
        self.n_process = n_process
        self.model = model
        self.aliases = [(a.canonical, a.alias, a.label) for a in aliases]
        self.nlp = nlp
        self.pool: ProcessPoolExecutor | None = None
        self.inherited: object | None = None  # what the workers were forked with (found by its id)

    def _workers(self, shared: object | None = None) -> ProcessPoolExecutor:
        """The pool, forked now if it is not yet running (with ``shared`` and the pipeline in its memory)."""
        if self.pool is None:
            with shared_pipeline(self.model, self.aliases, self.nlp), inherited(shared):
                self.pool = ProcessPoolExecutor(self.n_process, mp_context=get_context(START_METHOD),
                                                initializer=warm_up, initargs=(self.model, self.aliases))  # fmt: skip
                for _ in range(self.n_process):
                    self.pool.submit(int)  # under fork, the first submit forks every worker
            self.nlp = None
            self.inherited = shared if START_METHOD == "fork" else None
        return self.pool

    def __call__(self, pending: list[tuple[str, str, str]]) -> Iterator[tuple[str, str, dict]]:
        """Send every chunk to the workers now; the returned iterator yields results as they finish."""
        pool = self._workers()
        futures = [pool.submit(parse_chunk, chunk, self.model, self.aliases) for chunk in chunks(pending, self.n_process)]
        return (result for future in as_completed(futures) for result in future.result())

    def map(self, function: Callable, items: Iterable, shared: object) -> Iterator:
        """``function(item, shared)`` on the workers, yielded in the items' order, with a bounded number
        of items in flight (the corpus is never held); ``shared`` reaches the workers by the fork
        when they start with it, else with every batch. This is how ingestion cleans files here
        (:meth:`toolkit.ingest.folder.Ingest.stream`)."""
        pool = self._workers(shared)
        token, by_value = (id(shared), None) if shared is not None and shared is self.inherited else (None, shared)
        return ordered_batches(lambda batch: pool.submit(apply_batch, function, batch, token, by_value).result, items, MAP_BATCH, MAP_LOOKAHEAD)

    def survey(self, function: Callable, items: Iterable, shared: object = None) -> Iterator:
        """``function(item, shared)`` for each item, in order, on workers forked for this pass alone: the
        folder's first pass (:meth:`toolkit.ingest.folder.Ingest.count_lines`), whose line counts the
        main workers are forked with afterwards. In this process where fork is missing (spawned
        workers would each start Python and the toolkit again for a quick pass)."""
        if START_METHOD != "fork":
            return (function(item, shared) for item in items)
        return self._survey(function, items, shared)

    def _survey(self, function: Callable, items: Iterable, shared: object) -> Iterator:
        with ProcessPoolExecutor(self.n_process, mp_context=get_context(START_METHOD)) as pool:
            yield from ordered_batches(lambda batch: pool.submit(apply_batch, function, batch, None, shared).result, items, MAP_BATCH, MAP_LOOKAHEAD)

    def __enter__(self) -> ProcessEngine:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        self.inherited = None
