"""Quote attribution for corpora users already have: JSONL of ``{"id", "text"}`` in, quotes out.

Each output line is ``{"id", "quotes": [{"quote", "quote_start", "quote_end", "kind",
"speaker", "speaker_start", "speaker_end", "speaker_resolved", "cue"}]}`` with offsets into
the given text; ``speaker`` is as written at the cue and ``speaker_resolved`` the canonical
name (within the document, through the alias table and surname linking).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from toolkit.entities.aliases import read_aliases
from toolkit.entities.canonical import canonicalise
from toolkit.nlp.model import build_pipeline
from toolkit.nlp.parse import analyse
from toolkit.nlp.records import extract
from toolkit.quotes.table import speaker_table
from toolkit.storage import write_text


def _offset(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def attribute_texts(items: Iterable[tuple[str, str]], model: str | None = None) -> Iterator[tuple[str, list[dict]]]:
    """(id, quotes) for each (id, text): the JSONL output's records, as Python objects."""
    aliases = read_aliases()
    nlp = build_pipeline(model, aliases)
    for item_id, record, _ in analyse(items, nlp, extract):
        raw = pd.DataFrame([{"article_id": item_id, **m} for m in record["mentions"]],
                           columns=["article_id", "start", "end", "text", "label", "sentence", "ruler_id", "role"])  # fmt: skip
        mentions, _ = canonicalise(raw, aliases)
        table = speaker_table([(item_id, record["quotes"])], mentions)
        yield item_id, [
            {
                "quote": q.text, "quote_start": int(q.start), "quote_end": int(q.end), "kind": q.kind,
                "speaker": _text(q.speaker_text), "speaker_start": _offset(q.speaker_start), "speaker_end": _offset(q.speaker_end),
                "speaker_resolved": _text(q.speaker), "cue": _text(q.cue),
            }
            for q in table.itertuples()
        ]  # fmt: skip


def _records(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                record = json.loads(line)
                yield str(record.get("id", number)), record.get("text") or ""


def attribute_jsonl(source: Path, target: Path, model: str | None = None) -> int:
    """Attribute the quotes of every record of ``source`` and write them to ``target``; returns the count."""
    if not source.is_file():
        raise FileNotFoundError(f"input file not found: {source}")
    lines = [json.dumps({"id": i, "quotes": q}, ensure_ascii=False) for i, q in attribute_texts(_records(source), model)]
    write_text("\n".join(lines) + ("\n" if lines else ""), target)
    return len(lines)
