"""Direct and partial quotes: quotations in marks, with their cue and speaker.

Quotations come from pairing the marks (:mod:`toolkit.quotes.marks`), and from paragraphs quoted
without marks after "He added:" (block quotes a copied page lost the marks of); quoted titles and names
("Meet the Press") and scare quotes are left out; a quote with no cue of its own continues the
previous quote's speaker, and “A,” she said. “B.” becomes one statement with two fragments.
Once reported speech is found, a direct quote without cue continues it, and a partial quote
inside it, of the same speaker, becomes part of it.
"""

from __future__ import annotations

import re
from itertools import islice, pairwise

from spacy.tokens import Token

from toolkit.quotes.cues import according_to_speaker, colon_or_dash_speaker, cue_for, is_partial, person_before, speaker_beside_cue
from toolkit.quotes.grammar import impersonal, is_passive, is_speech_verb, subject
from toolkit.quotes.intervals import ByOffset, Intervals
from toolkit.quotes.marks import looks_like_title, merge_split_quotes, quote_spans
from toolkit.quotes.record import Quote, clean_text
from toolkit.quotes.speakers import Speakers
from toolkit.quotes.view import ArticleView

MIN_DIRECT_WORDS = 4
BLOCK_INTRODUCTION = re.compile(r"(?<=\w):[ \t]*\n\s*")  # a line ending in a word and a colon, and the breaks after it
BLOCK_OPENING_MARKS = "\"“”‘’'«»„"
MAX_NESTED_REPORTS = 3  # reported clauses starting before a partial quote looked at for the one holding it (clauses nest)


def find_direct_quotes(view: ArticleView, speakers: Speakers, budget: int, warnings: list[str]) -> None:
    """Direct and partial quotes with their cues and speakers, appended to ``speakers.quotes``;
    quotations after the first ``budget`` are not attributed (a warning says how many)."""
    text, found = view.text, speakers.quotes
    blocks = block_quotes(view)
    in_block = Intervals(q[0] for q in blocks)
    spans = sorted([*(q for q in quote_spans(text) if q[0][0] not in in_block), *blocks])  # nested quotes stay inside
    view.set_quoted([f for q in spans for f in q])
    quotations = merge_split_quotes(text, spans)
    if len(quotations) > budget:
        warnings.append(f"quote attribution stopped after {budget:,} of {len(quotations):,} quotations")
        view.attributed_until = quotations[budget][0][0]
        quotations = quotations[:budget]
    for fragments in quotations:
        content = " ".join(text[s:e] for s, e in fragments)
        words = len(content.split())
        partial = is_partial(view, fragments)
        if partial and looks_like_title(content):
            continue
        quote = Quote("partial" if partial else "direct", fragments[0][0], fragments[-1][1], clean_text(content), list(fragments))
        named, how = None, None
        if not partial:
            named, how = colon_or_dash_speaker(view, fragments), "colon/dash"
            if named is None:
                named, how = according_to_speaker(view, fragments), "according to"
        cue = None if named is not None else cue_for(view, fragments, partial)
        if named is not None:
            quote.cue = how
            speakers.attribute(quote, named)
        elif cue is not None:
            quote.cue, quote.cue_start = cue.text, cue.idx
            speaker = subject(cue, view.quoted) or (
                None if is_passive(cue) else person_before(view, cue) if partial else speaker_beside_cue(view, fragments, cue)
            )
            speaker = None if speaker is not None and impersonal(speaker, cue) else speaker
            if speaker is None and _opens_sentence(cue) and _continues(text, found[-1] if found else None, quote):
                _continue(quote, found[-1])  # “...” she said. Adding, “...”
            else:
                speakers.attribute(quote, speaker)
        else:
            if not partial and words >= MIN_DIRECT_WORDS and _continues(text, found[-1] if found else None, quote):
                previous = found[-1]
                if previous.kind == "direct" and text[previous.end : quote.start].count("\n\n") <= 1:
                    # “A,” she said. “B.”: one statement, with a second fragment
                    previous.fragments.extend(fragments)
                    previous.end, previous.text = quote.end, clean_text(previous.text + " " + content)
                    continue
                quote.cue = None
                _continue(quote, previous)
            elif partial or words < MIN_DIRECT_WORDS:
                continue  # scare quotes, titles, terms: no statement
        speakers.add(quote)


def block_quotes(view: ArticleView) -> list[list[tuple[int, int]]]:
    """Paragraphs quoted without marks after a line that ends in a speech verb and a colon
    ("The governor added:" and then his words): a block quote, whose marks a copied page loses.
    Only the one paragraph after the colon, and only when it opens with no quote mark of its own."""
    text, found = view.text, []
    for colon in BLOCK_INTRODUCTION.finditer(text):
        verb = view.token_at(colon.start() - 1)
        if verb is None or not is_speech_verb(verb) or subject(verb) is None:
            continue
        start = colon.end()
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        paragraph = text[start:end].rstrip()
        if paragraph[:1] not in BLOCK_OPENING_MARKS and len(paragraph.split()) >= MIN_DIRECT_WORDS:
            found.append([(start, start + len(paragraph))])
    return found


def follow_reported_speech(text: str, found: list[Quote]) -> None:
    """Give a direct quote with no cue and no speaker the speaker of reported speech just before
    it (“X said the vote was close. “We counted twice.””): reported speech is found after the
    direct quotes, so the continuation rule of :func:`find_direct_quotes` could not see it.
    ``found`` is sorted by position; such a quote has at least :data:`MIN_DIRECT_WORDS` words."""
    for previous, quote in pairwise(found):
        unattributed = quote.kind == "direct" and quote.cue is None and quote.speaker_text is None
        if unattributed and previous.kind == "indirect" and _continues(text, previous, quote):
            _continue(quote, previous)


def speak_in_reported_clause(text: str, found: list[Quote]) -> None:
    """Give a partial quote that lies in reported speech, with its own cue inside that clause and
    the same person as its speaker, the clause's cue and speaker: quoted words inside what X said
    are part of X's statement ("Lind said she would offer “a prayer”": one statement of Lind's, not
    a second one of "she" through "offer"). A fragment whose own speaker is someone else keeps it
    ("X said customers began to say they want “more”"). ``found`` is sorted by position; each
    look-up is a bisection and a bounded walk back."""
    reports = ByOffset((q for q in found if q.kind == "indirect"), lambda q: q.start)
    for quote in found:
        if quote.kind != "partial" or quote.cue_start is None:
            continue
        for report in islice(reversed(reports.before(quote.start)), MAX_NESTED_REPORTS):
            inside = report.start <= quote.cue_start < report.end and quote.end <= report.end + 1
            if inside and report.cue_start != quote.cue_start and _same_speaker(text, quote, report):
                _take_speaker(quote, report, report.resolution)
                quote.cue, quote.cue_start = report.cue, report.cue_start
                break


def _same_speaker(text: str, quote: Quote, other: Quote) -> bool:
    """Whether two quotes' speakers are one person: the same mention (as written or as resolved),
    or the same name."""
    a, b = _speaker_mention(quote), _speaker_mention(other)
    if a is None or b is None:
        return False
    return (a[0] < b[1] and b[0] < a[1]) or text[a[0] : a[1]].lower() == text[b[0] : b[1]].lower()


def _speaker_mention(quote: Quote) -> tuple[int, int] | None:
    """The offsets of the person a quote's speaker was resolved to, else of the speaker as written."""
    if quote.referent_start is not None:
        return quote.referent_start, quote.referent_end
    return None if quote.speaker_start is None else (quote.speaker_start, quote.speaker_end)


def _opens_sentence(cue: Token) -> bool:
    """A participle opening its sentence ("Adding, “...”"): it continues the previous speaker."""
    return cue.tag_ == "VBG" and cue.i == cue.sent.start


def _continue(quote: Quote, previous: Quote) -> None:
    """Give a quote the previous quote's speaker."""
    _take_speaker(quote, previous, "continuation")


def _take_speaker(quote: Quote, source: Quote, resolution: str) -> None:
    """Give a quote another quote's speaker, saying how."""
    quote.resolution = resolution
    quote.speaker_text, quote.speaker_start, quote.speaker_end = source.speaker_text, source.speaker_start, source.speaker_end
    quote.referent_start, quote.referent_end = source.referent_start, source.referent_end
    quote.speaker_head, quote.speaker_type = source.speaker_head, source.speaker_type


def _continues(text: str, previous: Quote | None, quote: Quote) -> bool:
    """Whether a quote can continue the one before it: that one has a speaker and ends in the same
    or the previous paragraph, less than 400 characters before."""
    if previous is None:
        return False
    between = text[previous.end : quote.start]
    return previous.speaker_text is not None and between.count("\n\n") <= 1 and len(between) < 400
