"""Where the NLP pass runs when it is spread over processes: the worker function and a local pool.

:func:`parse_chunk` is what a worker process runs: it builds the spaCy pipeline once per process
(same model and alias table as the caller) and returns compact extraction records, never Docs,
so little crosses process boundaries. :class:`ProcessEngine` runs it on local processes (what
``--n-process`` uses); :class:`toolkit.dask_engine.DaskEngine` on a Dask cluster.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_all_start_methods, get_context

from toolkit.aliases import Alias, table_fingerprint

CHUNK = 16
# fork shares the already imported spaCy and toolkit with the workers (they start in a fraction of
# the time spawn needs); engines are made before the run starts any thread, where fork is safe.
START_METHOD = "fork" if "fork" in get_all_start_methods() else "spawn"
_PIPELINES: dict[tuple[str | None, str], object] = {}


def worker_pipeline(model: str | None, aliases: list[tuple[str, str, str]]):
    """The pipeline of this worker process for a model and alias table, built on first use."""
    from toolkit.nlp import build_pipeline

    rows = [Alias(*row) for row in aliases]
    signature = (model, table_fingerprint(rows))
    if signature not in _PIPELINES:
        _PIPELINES[signature] = build_pipeline(model, rows)
    return _PIPELINES[signature]


def parse_chunk(chunk: list[tuple[str, str, str]], model: str | None, aliases: list[tuple[str, str, str]]) -> list[tuple[str, str, dict]]:
    """Worker side: (id, key, record) for a chunk of (id, key, text)."""
    from toolkit.extract import extract
    from toolkit.nlp import parse_locally

    return list(parse_locally(worker_pipeline(model, aliases), extract, chunk))


def chunks(pending: list[tuple[str, str, str]], size: int = CHUNK) -> list[list[tuple[str, str, str]]]:
    return [pending[i : i + size] for i in range(0, len(pending), size)]


def warm_up(model: str | None, aliases: list[tuple[str, str, str]]) -> None:
    """Build this worker's pipeline ahead of the first chunk."""
    worker_pipeline(model, aliases)


class ProcessEngine:
    """Callable engine for :func:`toolkit.nlp.analyse` on ``n_process`` local worker processes.

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
