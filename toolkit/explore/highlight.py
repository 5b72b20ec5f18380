"""An article as safe HTML with its quotes and speakers highlighted.

Article text is data, never markup: every piece of it is escaped with ``html.escape``
before it is wrapped in the few tags this module adds, so a ``<script>`` or an
``onerror=`` inside an article shows as text and runs nothing.
"""

from __future__ import annotations

import html

import pandas as pd

STYLE = {"quote": "background:#fff3b0", "speaker": "background:#cde7ff;font-weight:600"}


def highlight_article(text: str, quotes: pd.DataFrame) -> str:
    """HTML of an article with quote fragments and speaker spans marked; paragraphs as <p>."""
    marks: list[tuple[int, int, str, str]] = []
    for q in quotes.itertuples():
        for start, end in q.fragments:
            marks.append((int(start), int(end), "quote", f"{q.kind} quote; speaker: {q.speaker or 'unknown'}"))
        if not pd.isna(q.speaker_start) and q.speaker_start is not None:
            marks.append((int(q.speaker_start), int(q.speaker_end), "speaker", f"speaker: {q.speaker or q.speaker_text}"))
    marks.sort()
    pieces, cursor = [], 0
    for start, end, kind, title in marks:
        if start < cursor:
            continue
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(f'<span style="{STYLE[kind]}" title="{html.escape(title, quote=True)}">{html.escape(text[start:end])}</span>')
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    body = "".join(pieces)
    return "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
