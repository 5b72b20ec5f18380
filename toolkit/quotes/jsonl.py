"""Quote attribution for corpora users already have: JSONL of ``{"id", "text"}`` in, quotes out.

Each output line is ``{"id", "quotes": [{"quote", "quote_start", "quote_end", "kind",
"speaker", "speaker_start", "speaker_end", "speaker_resolved", "speaker_type", "cue", "resolution"}]}``
with offsets into the given text; ``speaker`` is as written at the cue and ``speaker_resolved``
the canonical name (within the document, through the alias table and surname linking).

A bad input line (not JSON, not an object, no ``id`` or a repeated one, a ``text`` that is not
a string or is too long for the model, bytes that are not UTF-8) is reported as
``FILE:LINE: reason`` and skipped; the other records are processed. A byte-order mark is
allowed; lone surrogate escapes in a text are replaced (and reported).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
from spacy.language import Language

from toolkit.entities.aliases import read_aliases
from toolkit.entities.canonical import canonicalise
from toolkit.entities.mentions import RECORD_FIELDS
from toolkit.nlp.model import build_pipeline
from toolkit.nlp.parse import analyse
from toolkit.nlp.records import extract
from toolkit.paths import BadPath
from toolkit.quotes.table import speaker_table
from toolkit.storage import write_text


def _offset(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def attribute_texts(
    items: Iterable[tuple[str, str]], model: str | None = None, problems: list[str] | None = None, nlp: Language | None = None
) -> Iterator[tuple[str, list[dict]]]:
    """(id, quotes) for each (id, text): the JSONL output's records, as Python objects. A text the
    model cannot take (too long) is left out, with ``id: reason`` added to ``problems``. ``nlp``: a
    pipeline already built by :func:`~toolkit.nlp.model.build_pipeline` (else ``model``'s is built)."""
    aliases = read_aliases()
    nlp = nlp or build_pipeline(model, aliases)
    for item_id, record, _ in analyse(items, nlp, extract):
        if "error" in record:
            if problems is not None:
                problems.append(f"{item_id}: {record['error']}")
            continue
        raw = pd.DataFrame([{"article_id": item_id, **m} for m in record["mentions"]], columns=["article_id", *RECORD_FIELDS])
        mentions, _ = canonicalise(raw, aliases)
        table = speaker_table([(item_id, record["quotes"])], mentions)
        yield item_id, [
            {
                "quote": q.text, "quote_start": int(q.start), "quote_end": int(q.end), "kind": q.kind,
                "speaker": _text(q.speaker_text), "speaker_start": _offset(q.speaker_start), "speaker_end": _offset(q.speaker_end),
                "speaker_resolved": _text(q.speaker), "speaker_type": q.speaker_type, "cue": _text(q.cue),
                "resolution": q.resolution,
            }
            for q in table.itertuples()
        ]  # fmt: skip


def read_records(path: Path, problems: list[str]) -> Iterator[tuple[str, str]]:
    """(id, text) of each good line of a JSONL file; each bad line adds ``FILE:LINE: reason`` to ``problems``."""
    seen: set[str] = set()
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            where = f"{path.name}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                problems.append(f"{where}: not UTF-8 (convert the file to UTF-8)")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: not JSON ({error.msg} at column {error.colno})")
                continue
            if not isinstance(record, dict):
                problems.append(f"{where}: not a JSON object")
                continue
            item_id, text = record.get("id"), record.get("text")
            if item_id is None or isinstance(item_id, dict | list) or str(item_id) == "":
                problems.append(f"{where}: no 'id'")
                continue
            if str(item_id) in seen:
                problems.append(f"{where}: id {item_id!r} repeats an earlier line")
                continue
            if not isinstance(text, str):
                problems.append(f"{where}: 'text' is {'missing' if text is None else 'not a string'}")
                continue
            clean = text.encode("utf-8", errors="replace").decode("utf-8")
            if clean != text:
                problems.append(f"{where}: lone surrogate escapes in 'text' replaced")
            seen.add(str(item_id))
            yield str(item_id), clean


def attribute_jsonl(source: Path, target: Path, model: str | None = None, problems: list[str] | None = None) -> int:
    """Attribute the quotes of every good record of ``source`` and write them to ``target``; returns
    the count. Bad lines and records are added to ``problems`` (when given) and skipped."""
    if not source.is_file():
        raise FileNotFoundError(f"input file not found: {source}")
    if source.resolve() == target.resolve():
        raise BadPath(f"the output {target} is the input file; choose another name")
    problems = problems if problems is not None else []
    records = attribute_texts(read_records(source, problems), model, problems)
    lines = [json.dumps({"id": i, "quotes": q}, ensure_ascii=False) for i, q in records]
    write_text("\n".join(lines) + ("\n" if lines else ""), target)
    return len(lines)
