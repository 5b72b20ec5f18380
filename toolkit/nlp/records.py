"""Reduce one parsed article to the compact record that is cached and turned into tables.

This is the only place a spaCy ``Doc`` is read; everything downstream works on these
plain records (sentence bounds, entity mentions, quotes), so statistics and notebooks
never need the parse again.
"""

from __future__ import annotations

from spacy.tokens import Doc

from toolkit.entities.mentions import mentions
from toolkit.quotes.attribution import attribute_quotes

QUOTE_LANGUAGES = ("en",)  # quote attribution's rules (speech verbs, the parse's labels) are English


def extract(doc: Doc) -> dict:
    """Sentences (character bounds), mentions and quotes of one article (quotes in English only),
    and ``warnings``: what could not be done in full (an article over the attribution budget)."""
    warnings: list[str] = []
    return {
        "sentences": [[s.start_char, s.end_char] for s in doc.sents],
        "mentions": mentions(doc),
        "quotes": attribute_quotes(doc, warnings) if doc.lang_ in QUOTE_LANGUAGES else [],
        "warnings": warnings,
    }
