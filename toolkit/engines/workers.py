"""What a worker process runs when the NLP pass is spread over processes (local or Dask).

:func:`parse_chunk` builds the spaCy pipeline once per process (same model and alias table as
the caller) and returns compact extraction records, never Docs, so little crosses process
boundaries.
"""

from __future__ import annotations

from toolkit.entities.aliases import Alias, table_fingerprint

CHUNK = 16
_PIPELINES: dict[tuple[str | None, str], object] = {}


def worker_pipeline(model: str | None, aliases: list[tuple[str, str, str]]):
    """The pipeline of this worker process for a model and alias table, built on first use."""
    from toolkit.nlp.model import build_pipeline

    rows = [Alias(*row) for row in aliases]
    signature = (model, table_fingerprint(rows))
    if signature not in _PIPELINES:
        _PIPELINES[signature] = build_pipeline(model, rows)
    return _PIPELINES[signature]


def parse_chunk(chunk: list[tuple[str, str, str]], model: str | None, aliases: list[tuple[str, str, str]]) -> list[tuple[str, str, dict]]:
    """Worker side: (id, key, record) for a chunk of (id, key, text)."""
    from toolkit.nlp.parse import parse_locally
    from toolkit.nlp.records import extract

    return list(parse_locally(worker_pipeline(model, aliases), extract, chunk))


def chunks(pending: list[tuple[str, str, str]], size: int = CHUNK) -> list[list[tuple[str, str, str]]]:
    return [pending[i : i + size] for i in range(0, len(pending), size)]


def warm_up(model: str | None, aliases: list[tuple[str, str, str]]) -> None:
    """Build this worker's pipeline ahead of the first chunk."""
    worker_pipeline(model, aliases)
