"""One parsed article as quote attribution sees it: the text with normalised quote marks, its
people, where the quotations are, and look-ups from characters to tokens and sentences.

Every look-up is an index built once per article (bisection, dictionaries), never a scan of
all quotes or mentions, so attribution stays near-linear in the article's size.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from toolkit.entities.names import surname
from toolkit.quotes.intervals import ByOffset, Intervals
from toolkit.quotes.marks import marks_view

SURNAME_MISTAKEN_FOR = ("ORG", "NORP")  # what the small model may call a bare surname it does not know as a person
HYPHENS = ("-", "‐", "‑")


def bare_surname(span: Span) -> bool:
    """A name of one word, or one hyphenated word ("Okonkwo-Bellamy"), and nothing else."""
    one_word = not any(t.whitespace_ for t in span[:-1])
    return one_word and len(span) <= 3 and span[0].pos_ == "PROPN" and all(t.pos_ == "PROPN" or t.text in HYPHENS for t in span)


def people(entities: tuple[Span, ...]) -> list[Span]:
    """The article's people: its PERSON entities, and a bare surname the model labelled an
    organisation or a group after the article named a person with that surname ("Christie
    slipped in a back door", after "Chris Christie")."""
    found, surnames = [], set()
    for ent in entities:
        if ent.label_ == "PERSON":
            found.append(ent)
            if not bare_surname(ent):
                surnames.add(surname(ent.text))
        elif ent.label_ in SURNAME_MISTAKEN_FOR and bare_surname(ent) and surname(ent.text) in surnames:
            found.append(ent)
    return found


class ArticleView:
    """Shared, read-mostly facts about one Doc; ``quoted`` is set once quote marks are paired."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = marks_view(doc.text)  # doc.text is rebuilt from every token at each call: read once
        entities = doc.ents
        self.persons = people(entities)
        self.person_at = {e.start_char: e for e in self.persons}
        self.person_last_words = {e[-1].lower_ for e in self.persons}
        self.persons_by_end = ByOffset(self.persons, lambda e: e.end_char)
        self.persons_by_token_end = ByOffset(self.persons, lambda e: e.end)
        sentences = list(doc.sents)
        self.sentence_starts = [s.start for s in sentences]
        self.sentence_ends = [s.end for s in sentences]
        self.quoted = Intervals()
        self.attributed_until = len(self.text)  # where attribution stopped, if the article was over its budget
        self.speaking_persons = ByOffset(self.persons, lambda e: e.start_char)
        self.organisations = [e for e in entities if e.label_ == "ORG"]
        self.named_organisations = ByOffset(self.organisations, lambda e: e.start_char)

    def set_quoted(self, fragments: list[tuple[int, int]]) -> None:
        """Record where the quotations are (content offsets; their marks count as inside), and
        index the people and organisations named outside them: only those can be the referent of
        "he said" or "the company said"."""
        self.quoted = Intervals(fragments, margin=1)
        self.speaking_persons = ByOffset((e for e in self.persons if e.start_char not in self.quoted), lambda e: e.start_char)
        self.named_organisations = ByOffset((e for e in self.organisations if e.start_char not in self.quoted), lambda e: e.start_char)

    def token_at(self, char: int) -> Token | None:
        """The token covering a character offset."""
        span = self.doc.char_span(char, min(char + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def sentence_index(self, char: int) -> int:
        """The ordinal of the sentence holding a character offset."""
        token = self.token_at(char)
        return self.sentence_of(token) if token is not None else 0

    def sentence_of(self, token: Token) -> int:
        """The ordinal of a token's sentence (``token.sent`` walks the sentence, this bisects)."""
        return max(bisect_right(self.sentence_starts, token.i) - 1, 0)

    def sentence_bounds(self, token: Token) -> tuple[int, int]:
        """The token range (start, end) of a token's sentence."""
        i = self.sentence_of(token)
        return (self.sentence_starts[i], self.sentence_ends[i]) if self.sentence_starts else (0, len(self.doc))

    def span_at(self, start: int, end: int) -> Span | None:
        """The tokens covering a character range."""
        return self.doc.char_span(start, end, alignment_mode="expand")
