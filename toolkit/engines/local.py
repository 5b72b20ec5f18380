"""The NLP pass on local worker processes (what ``--n-process`` uses)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_all_start_methods, get_context

from toolkit.engines.workers import chunks, parse_chunk, warm_up
from toolkit.entities.aliases import Alias

# fork shares the already imported spaCy and toolkit with the workers (they start in a fraction of
# the time spawn needs); engines are made before the run starts any thread, where fork is safe.
START_METHOD = "fork" if "fork" in get_all_start_methods() else "spawn"


class ProcessEngine:
    """Callable engine for :func:`toolkit.nlp.parse.analyse` on ``n_process`` local worker processes.

    The workers start, and load the model, as soon as the engine is made, so that this overlaps
    with ingestion; use it as a context manager so they stop with the run.
    """

    def __init__(self, n_process: int, model: str | None, aliases: list[Alias]) -> None:
        self.model = model
        self.aliases = [(a.canonical, a.alias, a.label) for a in aliases]
        self.pool = ProcessPoolExecutor(n_process, mp_context=get_context(START_METHOD),
                                        initializer=warm_up, initargs=(model, self.aliases))  # fmt: skip

    def __call__(self, pending: list[tuple[str, str, str]]) -> Iterator[tuple[str, str, dict]]:
        """Send every chunk to the workers now; the returned iterator yields results as they finish."""
        futures = [self.pool.submit(parse_chunk, chunk, self.model, self.aliases) for chunk in chunks(pending)]
        return (result for future in as_completed(futures) for result in future.result())

    def __enter__(self) -> ProcessEngine:
        for _ in range(self.pool._max_workers):
            self.pool.submit(int)  # start every worker now
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(cancel_futures=True)
