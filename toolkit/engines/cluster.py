"""Run cleaning and the NLP pass on a Dask cluster (``toolkit run ... --engine dask [--scheduler ADDRESS]``).

Files are cleaned on the workers too (their bytes travel, so workers need no shared disk).
Articles go to the workers in chunks of plain (id, key, text) tuples; each worker process
builds the spaCy pipeline once (same model name and alias table as the client) and keeps it
for every later chunk, and sends back the compact extraction records, never Docs. The cache
stays on the client, so only uncached texts travel. Without an address a local cluster of
``n_workers`` single-threaded processes is started and closed with the engine.
Remote workers need the toolkit and the spaCy model installed in their environment.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from pathlib import Path

import dask
from distributed import Client, LocalCluster, as_completed

from toolkit.engines.workers import apply_batch, chunks, ordered_batches, parse_chunk, warm_up
from toolkit.entities.aliases import read_aliases

MAP_BATCH = 8  # files per cleaning task
MAP_LOOKAHEAD = 8  # cleaning tasks in flight


# What a cluster without a dashboard does not need: the workers' statistical profiler, which samples
# the task thread's stack every 10 ms for the dashboard's profile page, and the event loop's tick
# every 20 ms, which only measures how long the loop was blocked (1 s still reports a stall). Each
# wakes a process's event loop thread, which takes the interpreter lock from the task parsing.
QUIET = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s"}


def local_cluster(n_workers: int) -> LocalCluster:
    """A cluster of ``n_workers`` single-threaded worker processes on this machine, without the
    ``MALLOC_TRIM_THRESHOLD_`` Dask sets for its workers (trimming memory back after every
    allocation makes spaCy parse about 10 % slower, and a worker here holds one chunk at a time)
    and without a dashboard, nor what only feeds one (:data:`QUIET`: two workers ran 300 articles
    in 5.1-5.4 s against 5.6-5.8 s with Dask's defaults). Its scheduler runs in this process."""
    spawn = dask.config.get("distributed.nanny.pre-spawn-environ", {})
    environment = {name: value for name, value in spawn.items() if name != "MALLOC_TRIM_THRESHOLD_"}
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environment, **QUIET}):
        return LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)


def _drain(future) -> list:
    results = future.result()
    future.release()
    return results


class DaskEngine:
    """Callable engine for :func:`toolkit.nlp.parse.analyse`; use as a context manager to close a local cluster."""

    def __init__(self, scheduler: str | None = None, n_workers: int = 2, model: str | None = None,
                 aliases_path: Path | None = None) -> None:  # fmt: skip
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="10s")
            except (OSError, ValueError) as error:  # unreachable, or not an address ("nonsense", ":::")
                raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
        else:
            self.cluster = local_cluster(n_workers)
            self.client = Client(self.cluster)
        self.model = model
        rows = [(a.canonical, a.alias, a.label) for a in read_aliases(aliases_path)]
        self.aliases = self.client.scatter([rows], broadcast=True)[0]  # sent to every worker once, not with every chunk
        self.warming = [self.client.submit(warm_up, model, self.aliases, workers=[address], pure=False)
                        for address in self.client.scheduler_info()["workers"]]  # load the model on every worker now  # fmt: skip

    def __call__(self, pending: list[tuple[Hashable, str, str]]) -> Iterator[tuple[Hashable, str, dict]]:
        """Send every chunk to the cluster now; the returned iterator yields results as they finish."""
        workers = max(1, len(self.client.scheduler_info()["workers"]))
        futures = [self.client.submit(parse_chunk, chunk, self.model, self.aliases, pure=False) for chunk in chunks(pending, workers)]
        return self._results(futures)

    def map(self, function: Callable, items: Iterable, shared: object) -> Iterator:
        """``function(item, shared)`` on the workers, yielded in the items' order; ``shared`` is sent
        to every worker once, and only a bounded number of items is in flight (the corpus is never
        held). This is how ingestion cleans files on the cluster (:meth:`toolkit.ingest.folder.Ingest.stream`)."""
        everywhere = self.client.scatter([shared], broadcast=True)[0]

        def submit(batch: list) -> Callable[[], list]:
            # priority: a worker cleans before it parses, since this process waits for cleaned articles to send the next window
            future = self.client.submit(apply_batch, function, batch, everywhere, pure=False, priority=1)
            return lambda: _drain(future)

        return ordered_batches(submit, items, MAP_BATCH, MAP_LOOKAHEAD)

    def survey(self, function: Callable, items: Iterable, shared: object = None) -> Iterator:
        """The folder's first pass on the workers (:meth:`map`; the cleaning's :meth:`map` follows it)."""
        return self.map(function, items, shared)

    @staticmethod
    def _results(futures: list) -> Iterator[tuple[Hashable, str, dict]]:
        for future in as_completed(futures):
            yield from _drain(future)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
