"""The cue of a direct or partial quote: the speech verb, colon or dash that attributes it.

For a partial quote, the verb its fragment depends on; for a split quote, the verb between
its fragments; else a verb after it in its last sentence (trailing attribution), else one
before it in its first, else "He said:" closing the paragraph before it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Token

from toolkit.quotes.grammar import inside, is_speech_verb
from toolkit.quotes.view import ArticleView

Fragments = list[tuple[int, int]]


def governing_verb(view: ArticleView, fragments: Fragments) -> Token | None:
    """For a partial quote: the speech verb the quoted fragment hangs from in the parse."""
    span = view.doc.char_span(fragments[0][0], fragments[0][1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    for ancestor in [span.root, *span.root.ancestors]:
        if (ancestor.i < span.start or ancestor.i >= span.end) and is_speech_verb(ancestor):
            return ancestor
    return None


def cue_for(view: ArticleView, fragments: Fragments, all_spans: Fragments, partial: bool) -> Token | None:
    """The speech verb attributing a quote: for a fragment the verb it depends on; else a verb
    after it in its last sentence (trailing attribution), else one before it in its first."""
    doc = view.doc
    first = view.token_at(fragments[0][0])
    last = view.token_at(max(fragments[-1][1] - 1, fragments[-1][0]))
    if first is None or last is None:
        return None
    if partial:
        return governing_verb(view, fragments)
    for (_, gap_start), (gap_end, _) in pairwise(fragments):  # “A,” he said, “B”
        between = doc.char_span(gap_start + 1, gap_end - 1, alignment_mode="contract")
        verb = next((t for t in between or () if is_speech_verb(t)), None)
        if verb is not None:
            return verb
    for token in doc[last.i : min(len(doc), last.sent.end + 25)]:
        if token.is_space and "\n" in token.text:
            break  # an attribution never crosses a paragraph break
        if token.idx > fragments[-1][1] and not inside(token.idx, all_spans) and is_speech_verb(token):
            return token
        if token.text in (".", "!", "?") and token.idx > fragments[-1][1] + 1:
            break
    for token in reversed(doc[first.sent.start : first.i]):
        if not inside(token.idx, all_spans) and is_speech_verb(token):
            return token
    return lead_in_cue(view, fragments[0][0], all_spans)


def lead_in_cue(view: ArticleView, quote_start: int, all_spans: Fragments) -> Token | None:
    """“He said:” closing the paragraph before a quoted paragraph: the speech verb of that line."""
    before = view.text[: quote_start - 1]
    if before.strip() == "" or not before.rstrip().endswith(":") or "\n" not in before[len(before.rstrip()) :]:
        return None
    colon = view.token_at(len(before.rstrip()) - 1)
    if colon is None:
        return None
    for token in reversed(view.doc[colon.sent.start : colon.i]):
        if not inside(token.idx, all_spans) and is_speech_verb(token):
            return token
    return None


def colon_or_dash_speaker(view: ArticleView, fragments: Fragments) -> Token | None:
    """Name: “...” and “...” — Name: a person named right at the colon, or right after the dash."""
    before = view.text[: fragments[0][0] - 1].rstrip()
    if before.endswith(":"):
        colon = len(before) - 1
        named = next((e for e in view.persons if colon - 1 <= e.end_char <= colon), None)
        if named is not None:
            return named.root
    after = view.text[fragments[-1][1] + 1 : fragments[-1][1] + 60]
    match = re.match(r"\s*[—–―-]{1,2}\s*", after)
    if match:
        start = fragments[-1][1] + 1 + match.end()
        named = next((e for e in view.persons if e.start_char == start), None)
        if named is not None:
            return named.root
    return None


def is_partial(view: ArticleView, fragments: Fragments) -> bool:
    """A fragment inside a reported sentence: words of the same clause run into the opening mark,
    unless a speech verb introduces the quote and the quote ends the sentence (she said “we won.”),
    which is direct speech without the comma."""
    before = view.text[: fragments[0][0] - 1].rstrip(" ")
    line_start = before.rfind("\n") + 1
    sentence_before = re.split(r"[.!?…][\"”’)]*\s+", before[line_start:])[-1].rstrip()
    if not sentence_before or sentence_before.endswith((",", ":", "—", "–", ".", "!", "?", "…", "”", '"')):
        return False
    return not (introduced_by_speech_verb(view, len(before) - 1) and ends_sentence(view, fragments[-1][1]))


def introduced_by_speech_verb(view: ArticleView, char: int) -> bool:
    token = view.token_at(char)
    return token is not None and is_speech_verb(token) and not inside(token.idx, view.quoted)


def ends_sentence(view: ArticleView, quote_end: int) -> bool:
    """Nothing but a full stop (or the end of the paragraph) follows the closing mark."""
    rest = view.text[quote_end + 1 :].split("\n", 1)[0]
    return re.match(r"\s*(?:[.!?]\s|[.!?]?$)", rest) is not None
