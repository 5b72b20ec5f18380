"""One parsed article as quote attribution sees it: the text with normalised quote marks, its
people, where the quotations are, and look-ups from characters to tokens and sentences."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from toolkit.quotes.marks import marks_view


class ArticleView:
    """Shared, read-mostly facts about one Doc; ``quoted`` is filled once quote marks are paired."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = marks_view(doc.text)
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]
        self.sentence_ordinal = {sent.start: i for i, sent in enumerate(doc.sents)}
        self.quoted: list[tuple[int, int]] = []

    def token_at(self, char: int) -> Token | None:
        """The token covering a character offset."""
        span = self.doc.char_span(char, min(char + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def sentence_index(self, char: int) -> int:
        """The ordinal of the sentence holding a character offset."""
        token = self.token_at(char)
        return self.sentence_ordinal.get(token.sent.start, 0) if token is not None else 0

    def span_at(self, start: int, end: int) -> Span | None:
        """The tokens covering a character range."""
        return self.doc.char_span(start, end, alignment_mode="expand")
