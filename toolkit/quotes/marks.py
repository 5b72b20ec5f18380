"""Quote marks in raw article text: which characters open and close a quotation.

:func:`quote_spans` pairs the marks by family (“ ” / " / « » / ‘ ’), per paragraph, never
failing on a stray mark; a quote left open at a paragraph's end continues when the next
paragraph reopens with a mark (the news convention for multi-paragraph quotes); nested quotes
stay inside their outer quote. :func:`merge_split_quotes` joins "A," he said, "B" into one quote
with two fragments. Everything here works on plain text with character offsets; who said it is
:mod:`toolkit.quotes.attribution`' job.
"""

from __future__ import annotations

import re
from bisect import bisect_right

PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’"}
STRAIGHT = '"'
ANY_MARK = re.compile("[" + re.escape("".join(sorted({*PAIRS, *PAIRS.values(), STRAIGHT}))) + "]")  # found by the regex engine, not a Python loop
MIXED = {"straight": "double", "double": "straight"}  # “...," and "...”: a double quote closed by the other kind
MAX_QUOTE_CHARS = 5000
MAX_MARKS = 2000
MAX_TITLE_WORDS = 6  # a longer capitalised quote is a headline or a slogan somebody said
SPLIT_GAP = re.compile(r"^[,;:]?\s*\S.{0,60}?[,:]\s*$", re.DOTALL)
TWO_CHARACTER_MARKS = re.compile(r"(?<![\w'])(?:''|``)(?=\S)|(?<=\S)''(?![\w'])")
NEXT_CHARACTER = re.compile(r"\s*(\S?)")
MARKUP_VALUE = re.compile(r'(?<=\w=)"[^"\n]*"')  # author="x" in markup left in the text


def marks_view(text: str) -> str:
    """The text with two-character quote marks (''like this'', ``or this'') written as a straight
    double quote and a space, same length and offsets: an opening mark becomes ' "', a closing one '" '.
    The marks around attribute values of markup left in the text (author="x") become spaces."""

    def one_mark(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        opening = match.group() == "``" or (not after.isspace() and (before.isspace() or before in "([{—–-"))
        return ' "' if opening else '" '

    text = MARKUP_VALUE.sub(lambda m: " " + m.group()[1:-1] + " ", text)
    return TWO_CHARACTER_MARKS.sub(one_mark, text)


def looks_like_title(content: str) -> bool:
    """“Meet the Press”, “Avatar”: a title or name in quote marks (every main word capitalised),
    not somebody's words."""
    words = re.findall(r"[^\W\d_][\w'’-]*", content)
    main = [w for i, w in enumerate(words) if i == 0 or len(w) > 3]
    exclaimed = "!" in content or "?" in content  # “USA! USA!”, “Mr. Smith?”: words somebody said
    return 0 < len(words) <= MAX_TITLE_WORDS and all(w[0].isupper() for w in main) and not exclaimed


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _straight_role(text: str, i: int) -> str:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-:" or i == 0:
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-" or i + 1 == len(text):
        return "close"
    return "open" if not before.isalnum() else "close"


def _opens_word(text: str, i: int) -> bool:
    """Whether the mark at ``i`` stands before a word, after white space or a line's start."""
    return (i == 0 or text[i - 1].isspace()) and i + 1 < len(text) and text[i + 1].isalnum()


def _family(mark: str) -> str:
    return {"“": "double", "”": "double", "„": "double", "«": "angle", "»": "angle", "‘": "single", "’": "single"}.get(mark, "straight")


def _spans_in(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Quote spans (content offsets) in text[start:end], and the opening offset of a quote left open.

    Each family of marks is paired on its own, so a stray mark of one kind never swallows the
    quotes of another; spans nested inside a longer one are dropped (they are part of it).
    """
    spans: list[tuple[int, int]] = []
    open_at: dict[str, int] = {}
    marks = 0
    for found in ANY_MARK.finditer(text, start, end):
        i, c = found.start(), found.group()
        marks += 1
        if marks > MAX_MARKS:
            break
        family = _family(c)
        if family == "single" and ((i + 1 < end and text[i + 1].isalpha() and c == "’") or (c == "‘" and i > 0 and text[i - 1].isalnum())):
            continue  # an apostrophe, not a quote mark
        if family == "straight":
            opening = family not in open_at and _straight_role(text, i) == "open"
        else:  # “ opens, except that it closes a German „; a ” typed for “ at a word's start opens too
            opening = c in PAIRS and not (c == "“" and family in open_at and text[open_at[family]] == "„")
            opening = opening or (c == "”" and family not in open_at and _opens_word(text, i))
        if opening:
            open_at[family] = i
        elif closes := family if family in open_at else MIXED.get(family) if MIXED.get(family) in open_at else None:
            at = open_at.pop(closes)
            if i - at > 1:
                spans.append((at + 1, i))
    outer, reach = [], -1
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):  # a span inside an earlier, wider one is dropped
        if span[1] > reach:
            outer.append(span)
            reach = span[1]
    left_open = min(open_at.values()) if open_at else None
    before = bisect_right(outer, (left_open, end)) if left_open is not None else 0  # kept spans' ends rise with their starts
    if before and left_open < outer[before - 1][1]:
        left_open = None
    return outer, left_open


def quote_spans(text: str) -> list[list[tuple[int, int]]]:
    """Every quotation as a list of content fragments (one per paragraph it runs over)."""
    quotes: list[list[tuple[int, int]]] = []
    carrying: list[tuple[int, int]] | None = None
    for p_start, p_end in _paragraphs(text):
        paragraph = text[p_start:p_end]
        scan_from = p_start
        reopened = paragraph.lstrip()[:1]
        if carrying is not None and (reopened in PAIRS or reopened == STRAIGHT):
            # the reopening mark continues the quote; its first closing mark ends it
            content_start = p_start + len(paragraph) - len(paragraph.lstrip()) + 1
            close = _first_close(text, content_start, p_end)
            carrying.append((content_start, p_end if close is None else close))
            if close is None:
                continue
            quotes.append(carrying)
            scan_from = close + 1
        carrying = None  # a quote left open and not reopened is dropped, nothing else is
        spans, open_at = _spans_in(text, scan_from, p_end)
        quotes.extend([s] for s in spans)
        following = NEXT_CHARACTER.match(text, p_end).group(1)
        if open_at is not None and (following in PAIRS or following == STRAIGHT):
            carrying = [(open_at + 1, p_end)]
    return [q for q in quotes if sum(e - s for s, e in q) <= MAX_QUOTE_CHARS and text[q[0][0] : q[-1][1]].strip()]


def _first_close(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        c = text[i]
        if c in ("”", "»") or (c == STRAIGHT and _straight_role(text, i) == "close"):
            return i
    return None


def merge_split_quotes(text: str, quotes: list[list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """Join “A,” he said, “B” into one quote: the gap is a short attribution ending in a comma or colon."""
    merged: list[list[tuple[int, int]]] = []
    for quote in quotes:
        if merged:
            previous = merged[-1]
            gap = text[previous[-1][1] + 1 : quote[0][0] - 1]
            ends_open = text[previous[-1][0] : previous[-1][1]].rstrip().endswith(",")
            if ends_open and "\n" not in gap and SPLIT_GAP.match(gap.strip()):
                previous.extend(quote)
                continue
        merged.append(quote)
    return merged
