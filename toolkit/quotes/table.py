"""Quotes table: each quote's speaker mapped to its canonical entity.

Quote records locate the speaker as written at the cue (``speaker_text``) and, when a
pronoun, role description or continuation was resolved, the mention it refers to
(``referent_start``/``referent_end``). The canonical name is the entity of the mention at
those offsets; groups and institutions without an entity keep their own words
("Ukrainian officials"); an unresolved pronoun leaves the speaker unknown.
"""

from __future__ import annotations

import re

import pandas as pd

from toolkit.quotes.speakers import PERSONAL

QUOTE_COLUMNS = (
    "article_id", "quote_id", "kind", "text", "start", "end", "speaker", "speaker_entity_id", "speaker_text",
    "speaker_start", "speaker_end", "cue", "resolution", "fragments",
)  # fmt: skip


def _mention_at(mentions: list[tuple[int, int, str, str, str]], start, end) -> tuple[int, int, str, str, str] | None:
    """The mention (start, end, label, name, entity_id) overlapping [start, end), a person first."""
    if start is None or pd.isna(start):
        return None
    overlapping = [m for m in mentions if m[0] < end and m[1] > start]
    return next((m for m in overlapping if m[2] == "PERSON"), overlapping[0] if overlapping else None)


def speaker_rows(article_id: str, quotes: list[dict], mentions: list[tuple[int, int, str, str, str]]) -> list[dict]:
    """One article's quote rows (:data:`QUOTE_COLUMNS`), given its mentions as (start, end, label, name, entity_id)."""
    rows = []
    for number, quote in enumerate(quotes):
        mention = _mention_at(mentions, quote["referent_start"], quote["referent_end"])
        if mention is None:
            mention = _mention_at(mentions, quote["speaker_start"], quote["speaker_end"])
        written = quote["speaker_text"]
        if mention is not None:
            speaker, entity_id = mention[3], mention[4]
        elif written and written.lower() not in PERSONAL:
            speaker, entity_id = re.sub(r"^(?:the|a|an)\s+", "", written, flags=re.IGNORECASE), None
        else:
            speaker, entity_id = None, None
        rows.append({
            "article_id": article_id, "quote_id": f"{article_id}-q{number:03d}", "kind": quote["kind"],
            "text": quote["text"], "start": quote["start"], "end": quote["end"], "speaker": speaker,
            "speaker_entity_id": entity_id, "speaker_text": written, "speaker_start": quote["speaker_start"],
            "speaker_end": quote["speaker_end"], "cue": quote["cue"], "resolution": quote["resolution"],
            "fragments": [list(f) for f in quote["fragments"]],
        })  # fmt: skip
    return rows


def quote_frame(rows: list[dict]) -> pd.DataFrame:
    """Quote rows as a DataFrame with the table's dtypes (speaker offsets are nullable integers)."""
    frame = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    for column in ("speaker_start", "speaker_end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def speaker_table(records: list[tuple[str, list[dict]]], mentions: pd.DataFrame) -> pd.DataFrame:
    """The quotes table from each article's quote records, speakers resolved to canonical entities."""
    by_article: dict[str, list[tuple[int, int, str, str, str]]] = {}
    columns = ("article_id", "start", "end", "label", "name", "entity_id")
    for article_id, *mention in zip(*(mentions[c].tolist() for c in columns), strict=True):
        by_article.setdefault(article_id, []).append(tuple(mention))
    return quote_frame([row for article_id, quotes in records for row in speaker_rows(article_id, quotes, by_article.get(article_id, []))])
