"""The cue of a direct or partial quote: the speech verb, colon or dash that attributes it.

For a partial quote, the verb its fragment depends on; for a split quote, the verb between
its fragments; else a verb after it in its last sentence (trailing attribution), else one
before it in its first, else "He said:" closing the paragraph before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, islice, pairwise

from spacy.tokens import Token

from toolkit.quotes.grammar import is_naming_verb, is_speech_verb, subject
from toolkit.quotes.view import ArticleView

Fragments = list[tuple[int, int]]
MAX_CUE_TOKENS = 80  # how far from a quote (in its sentence) its speech verb is looked for
MAX_ANCESTORS = 50  # how far up the parse a partial quote's governing verb is looked for
CONTEXT_CHARS = 2000  # how much text before a quote is read to see how it is introduced
MAX_HEADLINE_NAME = 4  # words of a proper name alone before a colon at the start of a line ("Darrell Scott: ‘...’")
ACCORDING_BEFORE = re.compile(r"\baccording\s+(?P<to>to)\s+[^,:;.!?\n“”\"]{1,80}[,:]\s*$", re.IGNORECASE)
ACCORDING_AFTER = re.compile(r"^[,.]?[ \t]*according[ \t]+(?P<to>to)\b", re.IGNORECASE)  # on the same line
COMPLEMENTIZER_COMMA = re.compile(r"\bthat,$", re.IGNORECASE)
MAX_APPOSITIVE_GAP = 40  # the same, when a comma follows the name ("” Trump, the 2016 front-runner in the polls, said")
MAX_SUBJECT_GAP = 12  # tokens between a quotation and its cue that can hold the speaker's name ("” Brent Bozell III, founder of X, tells")


def governing_verb(view: ArticleView, fragments: Fragments) -> Token | None:
    """For a partial quote: the speech verb the quoted fragment hangs from in the parse."""
    span = view.doc.char_span(fragments[0][0], fragments[0][1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    for ancestor in islice(chain([span.root], span.root.ancestors), MAX_ANCESTORS):
        if (ancestor.i < span.start or ancestor.i >= span.end) and is_speech_verb(ancestor):
            return ancestor
    return None


def cue_for(view: ArticleView, fragments: Fragments, partial: bool) -> Token | None:
    """The speech verb attributing a quote: for a fragment the verb it depends on; else a verb
    after it in its last sentence (trailing attribution), else one before it in its first
    (within :data:`MAX_CUE_TOKENS` of the quote). A whole sentence quoted after "X said," or
    "X said:" is X's, whatever verb the next sentence has ("Berg said, “We won.” Smith told ...")."""
    doc = view.doc
    first = view.token_at(fragments[0][0])
    content_end = fragments[-1][0] + len(view.text[fragments[-1][0] : fragments[-1][1]].rstrip())  # 'outreach,' " he told'
    last = view.token_at(max(content_end - 1, fragments[-1][0]))
    if first is None or last is None:
        return None
    if partial:
        return governing_verb(view, fragments)
    for (_, gap_start), (gap_end, _) in pairwise(fragments):  # “A,” he said, “B”
        between = doc.char_span(gap_start + 1, gap_end - 1, alignment_mode="contract")
        verb = next((t for t in between or () if is_speech_verb(t)), None)
        if verb is not None:
            return verb
    quoted = view.quoted
    before = _leading_cue(view, first)
    introduced = before is not None and _introduced(view, fragments[0][0])
    if introduced and view.text[fragments[-1][1] - 1] in ".!?":
        return before
    sentence_end = view.sentence_bounds(last)[1]
    for token in doc[last.i : min(len(doc), sentence_end + 25, last.i + MAX_CUE_TOKENS)]:
        if token.is_space and "\n" in token.text:
            break  # an attribution never crosses a paragraph break
        if token.idx > fragments[-1][1] and token.idx not in quoted and is_speech_verb(token):
            if introduced and _subordinate(token):
                break  # 'X saying, “...,” when Y blasted him': the verb after is no attribution
            return token
        if token.text in (".", "!", "?") and token.idx > fragments[-1][1] + 1:
            break
    return before or lead_in_cue(view, fragments[0][0]) or colon_cue(view, fragments[0][0])


def _subordinate(verb: Token) -> bool:
    """Whether a verb opens a subordinate clause ("when she blasted him", "after he said")."""
    return any(c.dep_ in ("mark", "advmod") and c.tag_ in ("IN", "WRB") and c.i < verb.i for c in verb.children)


def _leading_cue(view: ArticleView, first: Token) -> Token | None:
    """The nearest speech verb before a quote's first token, in its sentence, outside quotes."""
    for token in reversed(view.doc[max(view.sentence_bounds(first)[0], first.i - MAX_CUE_TOKENS) : first.i]):
        if token.idx not in view.quoted and is_speech_verb(token):
            return token
    return None


def _introduced(view: ArticleView, quote_start: int) -> bool:
    """Whether a comma or colon comes right before the quotation's opening mark ("said, “...")."""
    before, _ = text_before(view, quote_start - 1)
    return before.rstrip().endswith((",", ":"))


def text_before(view: ArticleView, char: int) -> tuple[str, int]:
    """Up to :data:`CONTEXT_CHARS` of text before a character offset, and where that text starts."""
    start = max(0, char - CONTEXT_CHARS)
    return view.text[start:char], start


def introducing_colon(view: ArticleView, quote_start: int) -> tuple[Token | None, bool]:
    """The colon right before a quotation (only white space between them), and whether a line
    break separates them (“He said:” closing the paragraph before a quoted one)."""
    before, offset = text_before(view, quote_start - 1)
    stripped = before.rstrip()
    if not stripped.endswith(":"):
        return None, False
    return view.token_at(offset + len(stripped) - 1), "\n" in before[len(stripped) :]


def _before_colon(view: ArticleView, colon: Token) -> Iterator[Token]:
    """The tokens of the colon's sentence before it, nearest first (at most :data:`MAX_CUE_TOKENS`)."""
    return reversed(view.doc[max(view.sentence_bounds(colon)[0], colon.i - MAX_CUE_TOKENS) : colon.i])


def lead_in_cue(view: ArticleView, quote_start: int) -> Token | None:
    """“He said:” closing the paragraph before a quoted paragraph: the speech verb of that line."""
    colon, line_break = introducing_colon(view, quote_start)
    if colon is None or not line_break:
        return None
    return next((t for t in _before_colon(view, colon) if t.idx not in view.quoted and is_speech_verb(t)), None)


def colon_cue(view: ArticleView, quote_start: int) -> Token | None:
    """A quotation introduced by a colon after a clause whose verb is not one of saying ("Trump
    leaned in and boomed: “...”", "Clinton released the following statement:"): the verb nearest
    the colon, in the colon's sentence, that has a subject."""
    colon, _ = introducing_colon(view, quote_start)
    if colon is None:
        return None
    for token in _before_colon(view, colon):
        if "\n" in token.text:
            break
        if token.pos_ == "VERB" and token.idx not in view.quoted and subject(token, view.quoted) is not None:
            return token
    return None


def according_to_speaker(view: ArticleView, fragments: Fragments) -> Token | None:
    """According to X, “...” and “...” according to X: the object of "according to"."""
    before, offset = text_before(view, fragments[0][0] - 1)
    match = ACCORDING_BEFORE.search(before)
    if match is not None:
        to = view.token_at(offset + match.start("to"))
    else:
        after = fragments[-1][1] + 1
        match = ACCORDING_AFTER.match(view.text[after : after + 40])
        to = view.token_at(after + match.start("to")) if match is not None else None
    if to is None or to.lower_ != "to":
        return None
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def colon_or_dash_speaker(view: ArticleView, fragments: Fragments) -> Token | None:
    """Name: “...” and “...” — Name: a person named right at the colon (or a proper name alone
    before it at the start of a line, as headlines write "Trump: ‘...’" and "Moss on Taxes: ‘...’";
    a headline's title-case word counts when the article names a person with it), or right after
    the dash."""
    before, offset = text_before(view, fragments[0][0] - 1)
    before = before.rstrip()
    if before.endswith(":"):
        colon = offset + len(before) - 1
        named = next(iter(view.persons_by_end.between(colon - 1, colon)), None)
        if named is not None:
            return named.root
        line = view.doc.char_span(offset + before.rfind("\n") + 1, colon, alignment_mode="contract")
        words = [t for t in line or () if not t.is_space]
        words = words[: next((i for i, t in enumerate(words) if t.lower_ == "on" and i), len(words))]  # "Name on Topic: ‘...’"
        proper = all(t.pos_ == "PROPN" for t in words) or (all(t.is_title for t in words) and bool(words) and words[-1].lower_ in view.person_last_words)
        if proper and 0 < len(words) <= MAX_HEADLINE_NAME:
            return words[-1]  # a proper name, or a title-case name the article gives a person
    after = view.text[fragments[-1][1] + 1 : fragments[-1][1] + 60]
    match = re.match(r"\s*[—–―-]{1,2}\s*", after)
    if match:
        start = fragments[-1][1] + 1 + match.end()
        named = view.person_at.get(start)
        if named is not None:
            return named.root
    return None


def is_partial(view: ArticleView, fragments: Fragments) -> bool:
    """A fragment inside a reported sentence: words of the same clause (or "that,") run into the
    opening mark, unless a speech verb introduces the quote and the quote ends the sentence (she
    said “we won.”), which is direct speech without the comma; after a naming verb the quote is a
    name given, a fragment ("what she calls “real solutions.”")."""
    before, offset = text_before(view, fragments[0][0] - 1)
    before = before.rstrip(" ")
    line_start = before.rfind("\n") + 1
    sentence_before = re.split(r"[.!?…][\"”’)]*\s+", before[line_start:])[-1].rstrip()
    if COMPLEMENTIZER_COMMA.search(sentence_before):
        return True  # "said that, “...”": the quotation is part of the reported clause
    if not sentence_before or sentence_before.endswith((",", ":", "—", "–", ".", "!", "?", "…", "”", '"')):
        return False
    return not (introduced_by_speech_verb(view, offset + len(before) - 1) and ends_sentence(view, fragments[-1][1]))


def introduced_by_speech_verb(view: ArticleView, char: int) -> bool:
    """Whether the word ending at ``char`` is a verb of saying (not one giving a name) outside quotes."""
    token = view.token_at(char)
    return token is not None and is_speech_verb(token) and not is_naming_verb(token) and token.idx not in view.quoted


def ends_sentence(view: ArticleView, quote_end: int) -> bool:
    """Nothing but a full stop (or the end of the paragraph) follows the closing mark."""
    rest = view.text[quote_end + 1 : quote_end + 1 + CONTEXT_CHARS].split("\n", 1)[0]
    return re.match(r"\s*(?:[.!?]\s|[.!?]?$)", rest) is not None


def _proper_name_at(tokens: list[Token]) -> Token | None:
    """The last word of the proper name that opens these tokens (its head, whose compounds
    :func:`~toolkit.quotes.grammar.speaker_span` gathers), if they open with one."""
    if not tokens or (tokens[0].pos_ != "PROPN" and tokens[0].ent_type_ != "PERSON"):
        return None
    last = tokens[0]
    for token in tokens[1:]:
        if token.i != last.i + 1 or (token.pos_ != "PROPN" and token.ent_type_ != "PERSON"):
            break
        last = token
    return last


def _name_ending_before(view: ArticleView, cue: Token) -> Token | None:
    """A proper name written right before the cue, past commas and a parenthesis ("her adviser,
    Jake Sullivan, said"; "Rep. Paul Ryan (R-WI) said")."""
    i, floor = cue.i - 1, max(0, cue.i - MAX_SUBJECT_GAP)
    while i >= floor and (view.doc[i].is_punct or view.doc[i].is_space) and view.doc[i].text != ")":
        i -= 1
    if i >= floor and view.doc[i].text == ")":
        while i >= floor and view.doc[i].text != "(":
            i -= 1
        i -= 1
    if i < floor or view.doc[i].idx in view.quoted:
        return None
    token = view.doc[i]
    return token if token.pos_ == "PROPN" or token.ent_type_ == "PERSON" else None


def speaker_beside_cue(view: ArticleView, fragments: Fragments, cue: Token) -> Token | None:
    """The speaker when the parse gives the cue no subject: a proper name opening the words between
    the closing mark and a cue that follows the quotation (“...” Bozell answers; “...” Ramos, 58,
    told AFP; a longer gap when the name is followed by an appositive), a proper name right before
    a cue that precedes the quotation ("her adviser, Jake Sullivan, said: “...”"), or one standing
    between such a cue and the quotation (Continued Stone: “...”). The small model often tags such
    a name an organisation or parses it as a compound of the verb."""
    doc, end = view.doc, fragments[-1][1]
    if cue.idx > end:
        gap = doc.char_span(end + 1, cue.idx, alignment_mode="contract")
        if gap is None or len(gap) > MAX_APPOSITIVE_GAP or any(t.text in (".", "!", "?") or "\n" in t.text for t in gap):
            return None
        name = _proper_name_at([t for t in gap if not (t.is_punct or t.is_space)])
        if name is None and len(gap) <= MAX_SUBJECT_GAP:
            return _name_ending_before(view, cue)  # a title the tagger took for a verb: “...” Harbour police Chief Ana Lind said
        if name is None or (len(gap) > MAX_SUBJECT_GAP and not (name.i + 1 < len(doc) and doc[name.i + 1].text == ",")):
            return None
        return name
    before = _name_ending_before(view, cue)
    if before is not None:
        return before
    gap = doc.char_span(cue.idx + len(cue), fragments[0][0] - 1, alignment_mode="contract")
    if gap is None or len(gap) > MAX_SUBJECT_GAP:
        return None
    words = [t for t in gap if not (t.is_punct or t.is_space)]
    name = _proper_name_at(words)
    return name if name is not None and name.i == words[-1].i else None


def person_before(view: ArticleView, verb: Token) -> Token | None:
    """A parse that lost the subject ("X, an aide, insisted"): the person just before the verb."""
    if verb.dep_ != "ROOT":
        return None
    ent = next(reversed(view.persons_by_token_end.before(verb.i + 1)), None)  # the last person ending before the verb
    if ent is not None and ent.start >= view.sentence_bounds(verb)[0] and verb.i - ent.end <= 12:
        return ent.root
    return None
