"""Turn a plain-text page dump into the article body, line by line, with a reason for each line.

No public extractor handles a select-all-and-copy dump, so the toolkit uses its own: a
logistic-regression line classifier (features in :mod:`toolkit.ingest.line_features`, weights in
``toolkit/ingest/models/line_classifier.json``, trained by ``benchmarks/train_models.py`` on the
development dumps) followed by structural steps:

1. the body is the best-scoring contiguous run of lines (maximum-sum segment of
   ``p - BLOCK_THRESHOLD``); inside it a line is kept above ``INSIDE_THRESHOLD``, outside it
   only above ``OUTSIDE_THRESHOLD``;
2. headline-like lines before the first sentence of prose are header, not body;
3. a list the article announces with a colon ("2020 tour dates:") is body, however much its
   short items look like menu entries, when they share one shape (a separator, a leading
   number or date) and none recurs in other files;
4. residue rules that no classifier learns from one corpus: chatbot follow-up questions,
   comment-policy notices, share buttons (:func:`share_buttons`), picture credits and links to
   other articles ("Related: ...", :data:`CREDIT_OR_LINK`), the site's own promotion ("Subscribe
   to X on YouTube", :data:`SITE_PROMOTION`) and a repeated lead or dateline block (kept once);
5. a short text of which the model keeps no sentence (a brief, one paragraph with nothing
   around it) is its prose lines (:func:`short_text`).

Lines found in other files of the folder are the strongest sign of boilerplate, except on a page
whose prose other files carry too (:func:`republished`: a wire story in several files). A
hard-wrapped plain text is joined back into a paragraph per line first (:func:`dump_lines`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from toolkit.ingest.dates import TIME_PIECE, looks_like_date
from toolkit.ingest.language import stop_words
from toolkit.ingest.line_features import (
    CAPTION_MARKS,
    FEATURE_NAMES,
    FURNITURE,
    PICTURE_CREDIT,
    SENTENCE_END,
    LineFrequency,
    line_feature_matrix,
    line_hash,
    line_key,
    normalise_line,
    share_targets,
    talks_to_reader,
    word_count,
)
from toolkit.ingest.model_files import read_model, rounded, write_model
from toolkit.ingest.wrapping import unwrapped, wrap_width

MODEL_PATH = Path(__file__).parent / "models" / "line_classifier.json"
BLOCK_THRESHOLD = 0.35
INSIDE_THRESHOLD = 0.25
OUTSIDE_THRESHOLD = 0.95

CHATBOT_RESIDUE = re.compile(
    r"^(?:would you like|do you want me|shall i|should i|let me know if|if you(?:'|’)?d like|"
    r"if you would like|i can also|feel free to ask|want me to)\b.*\?$",
    re.IGNORECASE,
)
COMMENT_POLICY = re.compile(
    r"\b(?:comment(?:ing)? (?:system|policy|section|rules)|leave (?:a )?comments?|community (?:guidelines|standards)|"
    r"dear readers|moderat(?:ed|ion) (?:comments|policy))\b",
    re.IGNORECASE,
)
SHARE_WORD = re.compile(r"\b(?:share|shares|sharing|tweet)\b", re.IGNORECASE)
SHARE_TOOL = re.compile(r"\bshar(?:e|ing) (?:buttons?|tools?|bar|this (?:article|story|page|post))\b", re.IGNORECASE)


def share_buttons(line: str) -> bool:
    """Whether a line is a page's share buttons copied as text ("AddThis Sharing Buttons", "Share to
    Facebook FacebookShare to Twitter ...", "Share on: Facebook Twitter Reddit"): a short line, not a
    sentence ("Users can share posts to Facebook and Twitter." is one), with a word of sharing and
    either the tool's own name or two places it shares to. The line model may score such a line
    high where it sits between a standfirst and the lead, so it is dropped by rule."""
    line = line.strip()
    if word_count(line) >= FURNITURE_LINE_WORDS or SENTENCE_END.search(line) or not SHARE_WORD.search(line):
        return False
    return bool(SHARE_TOOL.search(line)) or share_targets(line) >= 2


COMMENT_HEADER = re.compile(
    r"\b(?:said|says|wrote|writes|replied|commented|responded)\s*:\s*$|^\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE,
)  # "Ana on March 3, 2024 at 6:34 am said:", "2 days ago at 07:47 am": a reader's comment begins
MAX_COMMENT_HEADER_WORDS = 20
COMMENT_SECTION = re.compile(  # a comment thread's heading: "34 responses to “Headline”", "12 thoughts on “Headline”"
    r"^\d+\s+(?:responses?|comments?|thoughts|replies)\s+(?:to|on)\s*[\"“‘«]", re.IGNORECASE
)
MAX_TIMESTAMP_WORDS = 8  # a comment's own line of date and time ("November 19, 2019 at 9:47 am")

LIST_ITEM_WORDS = 25  # an item of an announced list is shorter than this
MIN_LIST_ITEMS = 3
LIST_SEPARATORS = (" -- ", " – ", " — ", " - ", " @ ", ": ", " | ", " · ")
LEADING_NUMBER = re.compile(r"^\W*\d")
ENDS_IN_PUNCTUATION = re.compile(r"[.!?:;,]\W*$")
HEADING_WORDS = 12
SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Sm", "Mn"})  # symbols (emoji, arrows) and the variation selectors that style them
LONG_LINE_WORDS = 15  # a line ending in a colon this long is running text, not a label ("Rating:", "Read more:")
MEDIA_LINE = re.compile(  # a gallery's counter, a caption or credit mark (CAPTION_MARKS): furniture the article block runs through
    rf"^\W*(?:(?:image|photo|picture|slide|gallery)\s+)?\d{{1,3}}(?:\s*(?:of|/)\s*\d{{1,3}})?\W*$|{CAPTION_MARKS}"
    r"|(?:^|(?<=[a-z.)\]])|(?<=[.)\]] ))(?-i:Credit):\s*[A-Z]|^story continues below",
    re.IGNORECASE,
)
RELATED_LINK = (  # a link to another article inside this one: "Related: ...", "Read more: ...", "See also: ..."
    r"^(?:related(?: (?:post|posts|article|articles|story|stories|content|reading|coverage|video|links?))?|read more|read also|"
    r"also read|see also|more on this(?: story)?|recommended(?: reading)?|must read|don['’]t miss)\s*:\s*\S"
)
CREDIT_OR_LINK = re.compile(rf"{PICTURE_CREDIT}|{RELATED_LINK}", re.IGNORECASE)  # never body, wherever the line model puts it
SITE_PROMOTION = re.compile(  # the site asking the reader to subscribe or follow it: "Want more X? Join the X Newsletter."
    r"^(?:subscribe to|join (?:the|our|us)|follow (?:us|[\w'’.&-]+(?: [\w'’.&-]+){0,2}) on|sign up (?:for|to)|want more\b|"
    r"get (?:the|our) [\w\s'’]{0,30}newsletter|download (?:the|our))\b"
    r".*\b(?:newsletters?|youtube|twitter|facebook|instagram|podcasts?|channel|apps?|updates|alerts)\b",
    re.IGNORECASE,
)
MIN_PROSE_SHARE = 0.5  # a text the cleaner keeps no sentence of is taken as it is when this much of it is prose
SHARED_PROSE_SHARE, SHARED_PROSE_WORDS = 0.8, 200  # a page whose prose is this much (and this many words) in other files is republished
CROSS_SITE_PROSE_WORDS = 60  # or this many words of it on pages of other sites: a short wire story at several outlets
SITES_NOTED = 8  # sites noted per prose line (ProseAcrossSites); one seen on more is on other sites
FURNITURE_LINE_WORDS = 25  # a sentence this short with furniture words is furniture ("All rights reserved."); a longer one mentions them


def comment_start(lines: list[str]) -> int | None:
    """The first line that opens the readers' comments: a comment thread's heading ("34 responses to
    “...”"), or a short line that ends in "said:" (or starts "2 days ago") with a date or time on it
    or on a line of its own just below it ("16. reader says:" over "November 19, 2019 at 9:47 am").
    The article never runs past it."""
    for i, line in enumerate(lines):
        if word_count(line) > MAX_COMMENT_HEADER_WORDS:
            continue
        if COMMENT_SECTION.match(line):
            return i
        if COMMENT_HEADER.search(line) and (_dated(line) or (i + 1 < len(lines) and _timestamp(lines[i + 1]))):
            return i
    return None


def _dated(line: str) -> bool:
    """A line with a date or a time on it."""
    return looks_like_date(line) or bool(TIME_PIECE.search(line))


def _timestamp(line: str) -> bool:
    """A short line with a date and a time: when a comment was posted."""
    return word_count(line) <= MAX_TIMESTAMP_WORDS and looks_like_date(line) and bool(TIME_PIECE.search(line))


@dataclass(frozen=True)
class LineDecision:
    """What the cleaner decided about one non-empty line of a dump, and why."""

    index: int
    text: str
    probability: float
    kept: bool
    reason: str


@dataclass(frozen=True)
class LineClassifier:
    """A logistic-regression model over :data:`FEATURE_NAMES` (weights from the JSON model file)."""

    weights: np.ndarray

    @classmethod
    def from_file(cls, path: Path = MODEL_PATH) -> LineClassifier:
        return cls(np.asarray(read_model(path, features=FEATURE_NAMES)["weights"], dtype=float))

    def to_file(self, path: Path, n_documents: int, features: tuple[str, ...] = FEATURE_NAMES) -> None:
        write_model(path, {"about": "Logistic regression, body vs boilerplate line; trained by benchmarks/train_models.py",
                           "n_documents": n_documents, "features": list(features), "weights": rounded(self.weights)})  # fmt: skip

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Probability that each row's line belongs to the article body."""
        return 1.0 / (1.0 + np.exp(-features @ self.weights))


@lru_cache(maxsize=1)
def default_classifier() -> LineClassifier:
    """The shipped line classifier, read once per process."""
    return LineClassifier.from_file()


def dump_lines(raw: str) -> list[str]:
    """The non-empty lines of a dump, white space normalised, in order; a hard-wrapped text's
    paragraphs joined back into one line each first (:mod:`toolkit.ingest.wrapping`)."""
    width = wrap_width(raw)
    text = unwrapped(raw, width) if width else raw
    return [line for line in (normalise_line(x) for x in text.splitlines()) if line]


def best_block(probabilities: np.ndarray, threshold: float = BLOCK_THRESHOLD, neutral: np.ndarray | None = None) -> tuple[int, int]:
    """Start and end (inclusive) of the contiguous run of lines maximising sum(p - threshold), where
    the ``neutral`` lines (a gallery's counters and credits inside the article) count 0."""
    values = probabilities - threshold
    if neutral is not None:
        values = np.where(neutral, 0.0, values)
    best, current, start, best_span = -np.inf, 0.0, 0, (0, -1)
    for i, value in enumerate(values):
        if current <= 0:
            current, start = value, i
        else:
            current += value
        if current > best:
            best, best_span = current, (start, i)
    return best_span


def _item_shapes(line: str) -> set[str]:
    """What an item of a list can share with its neighbours: its separators, a leading number or date."""
    shapes = {separator for separator in LIST_SEPARATORS if separator in line}
    if LEADING_NUMBER.match(line) or looks_like_date(line[:20]):
        shapes.add("leading number or date")
    return shapes


def is_heading(line: str) -> bool:
    """A short line of several words that ends without punctuation: a subheading, not a sentence."""
    return 3 <= word_count(line) <= HEADING_WORDS and not ENDS_IN_PUNCTUATION.search(line)


def announced_list(lines: list[str], colon: int, frequency: LineFrequency | None = None, heading: bool = False) -> int:
    """How many lines after ``colon`` (a line of several words ending in a colon, or a heading when
    ``heading``: one that closes the article block) are the items of the list it announces:
    consecutive short lines, none recurring in other files or announcing a list of its own, sharing
    one shape with the first item (0 when fewer than :data:`MIN_LIST_ITEMS`)."""
    if word_count(lines[colon]) < 3 or not (lines[colon].endswith(":") or heading):
        return 0
    shapes: set[str] | None = None
    count = 0
    for line in lines[colon + 1 :]:
        if word_count(line) >= LIST_ITEM_WORDS or line.endswith(":") or (frequency and frequency.in_other_documents(line)):
            break  # a line ending in a colon starts the next list: each line is scanned once
        shapes = _item_shapes(line) if shapes is None else shapes & _item_shapes(line)
        if not shapes:
            break
        count += 1
    return count if count >= MIN_LIST_ITEMS else 0


def is_prose(line: str) -> bool:
    """A sentence of running text: several words and closing punctuation."""
    return word_count(line) >= 6 and bool(SENTENCE_END.search(line))


def without_trailing_symbols(line: str) -> str:
    """The line without the emoji, arrows, other symbols and spaces after its last word or mark."""
    end = len(line)
    while end and (line[end - 1].isspace() or unicodedata.category(line[end - 1]) in SYMBOL_CATEGORIES):
        end -= 1
    return line[:end]


def opens_prose(line: str) -> bool:
    """A line the article's running text can start with: a sentence (:func:`is_prose`), or a long
    one ending in a colon that introduces a quotation, an embedded post or a list; emoji and
    symbols after its last word do not count."""
    line = without_trailing_symbols(line)  # "... left their reviews! 🙂": a sentence still
    return is_prose(line) or (line.endswith(":") and word_count(line) >= LONG_LINE_WORDS)


class ProseAcrossSites:
    """Marks, in a folder's :class:`LineFrequency`, the prose lines that pages of different sites
    carry. A site repeats its own promotional paragraphs on its pages (boilerplate); a story that
    several outlets carry repeats across sites (republished, however short). :meth:`add` every
    page, then :meth:`finish` once the sites are known: pages that looked like two sites when
    added may turn out one site later (a page sharing furniture with both joins them). Memory and
    time: per prose line, one page for each site it was seen on, at most :data:`SITES_NOTED`; a line
    seen on more sites than that is marked at once (that many sites will not all turn out one)."""

    def __init__(self, frequency: LineFrequency, same_site: Callable[[str, str], bool]) -> None:
        self.frequency, self.same_site = frequency, same_site
        self.pages: dict[int, list[str]] = {}

    def add(self, page: str, prose_hashes: Iterable[int]) -> None:
        """Note one page's prose lines (their :func:`~toolkit.ingest.line_features.line_hash`), after
        its site is known to ``same_site`` so far (sites only ever merge, so a page of a site
        already noted for a line is never needed again)."""
        for digest in prose_hashes:
            pages = self.pages.setdefault(digest, [page])
            if len(pages) <= SITES_NOTED and not any(p == page or self.same_site(p, page) for p in pages):
                pages.append(page)
                if len(pages) > SITES_NOTED:
                    self.frequency.on_other_sites.add(digest)

    def finish(self) -> None:
        """Mark the lines whose pages belong to two sites or more, as the sites stand now."""
        for digest, pages in self.pages.items():
            if any(not self.same_site(pages[0], other) for other in pages[1:]):
                self.frequency.on_other_sites.add(digest)
        self.pages.clear()


def prose_hashes(lines: Iterable[str]) -> frozenset[int]:
    """The :func:`~toolkit.ingest.line_features.line_hash` of each prose line (:func:`is_prose`)."""
    return frozenset(line_hash(x) for x in lines if is_prose(x))


class ShortLinesCounted(LineFrequency):
    """A folder's line counts that count no sentence of prose (``other_sites``: none that pages of
    other sites carry): for a page whose article other files carry too, where a paragraph found
    elsewhere is not boilerplate (but a sentence its own site repeats on every page still is)."""

    def __init__(self, counts: LineFrequency, other_sites: bool = False) -> None:
        super().__init__()
        self.documents, self.n_documents, self.on_other_sites = counts.documents, counts.n_documents, counts.on_other_sites
        self.other_sites = other_sites

    def in_other_documents(self, line: str) -> int:
        if is_prose(line) and (not self.other_sites or self.found_on_other_sites(line)):
            return 0
        return super().in_other_documents(line)


def republished(lines: list[str], frequency: LineFrequency) -> LineFrequency | None:
    """The line counts to clean the page with when most of its prose is found in other files of the
    folder, the same story in several files (a wire story outlets republish, a saved copy); None
    otherwise. At least an article's length of it (:data:`SHARED_PROSE_WORDS`): its paragraphs are
    then not counted as recurring. Or a brief's (:data:`CROSS_SITE_PROSE_WORDS`), when pages of
    other sites carry it: then only those paragraphs are not (a site's own pages share promotional
    paragraphs; other sites do not). Boilerplate paragraphs recur too (a cookie notice, a sidebar
    of other articles' leads), but beside a body of the page's own."""
    words = {i: word_count(line) for i, line in enumerate(lines) if is_prose(line)}
    enough = SHARED_PROSE_SHARE * sum(words.values())
    shared = sum(n for i, n in words.items() if frequency.in_other_documents(lines[i]))
    if shared >= SHARED_PROSE_WORDS and shared >= enough:
        return ShortLinesCounted(frequency)
    elsewhere = sum(n for i, n in words.items() if frequency.found_on_other_sites(lines[i]))
    if elsewhere >= CROSS_SITE_PROSE_WORDS and elsewhere >= enough:
        return ShortLinesCounted(frequency, other_sites=True)
    return None


def classify_lines(
    lines: list[str],
    frequency: LineFrequency | None = None,
    classifier: LineClassifier | None = None,
    language: str | None = None,
) -> list[LineDecision]:
    """Decide for every line whether it is body, with the reason a user can read (``language``: the
    page's, for its stop words; English when not given)."""
    if not lines:
        return []
    if frequency is not None:
        frequency = republished(lines, frequency) or frequency
    classifier = classifier or default_classifier()
    p = classifier.probabilities(line_feature_matrix(lines, frequency, stop_words(language)))
    comments = comment_start(lines)
    if comments is not None and (p[:comments] > BLOCK_THRESHOLD).any():
        p[comments:] = 0.0  # the article never runs into the readers' comments
    media = np.array([bool(MEDIA_LINE.search(line)) for line in lines])
    start, end = best_block(p, neutral=media)
    listed: set[int] = set()
    for colon in range(start, min(end + 2, len(lines))):
        items = announced_list(lines, colon, frequency)
        if items:
            listed.update(range(colon, colon + items + 1))
    if not listed and end + 1 < len(lines) and p[end] > INSIDE_THRESHOLD and is_heading(lines[end]):  # "Tour dates" closing the block
        items = announced_list(lines, end, frequency, heading=True)
        listed.update(range(end, end + items + 1) if items else ())
    end = max(end, *listed) if listed else end
    first_prose = next((i for i in range(start, end + 1) if p[i] > INSIDE_THRESHOLD and opens_prose(lines[i])), start)
    seen: set[str] = set()
    decisions = []
    for i, line in enumerate(lines):
        inside = start <= i <= end
        kept = (p[i] > (INSIDE_THRESHOLD if inside else OUTSIDE_THRESHOLD) and not media[i]) or i in listed
        if not kept:
            reason = "boilerplate (low body score)" if inside else "outside the article block"
            if inside and media[i]:
                reason = "a caption, credit or gallery line inside the article"
            if comments is not None and i >= comments:
                reason = "readers' comments"
            if frequency and frequency.in_other_documents(line):
                reason = "boilerplate (recurs in other files)"
        elif i < first_prose:
            kept, reason = False, "header before the first paragraph"
        elif CHATBOT_RESIDUE.search(line):
            kept, reason = False, "chatbot residue"
        elif COMMENT_POLICY.search(line):
            kept, reason = False, "comment policy"
        elif share_buttons(line):
            kept, reason = False, "share buttons"
        elif CREDIT_OR_LINK.search(line):
            kept, reason = False, "a picture credit or a link to another article"
        elif word_count(line) < FURNITURE_LINE_WORDS and SITE_PROMOTION.search(line):
            kept, reason = False, "the site's own promotion"
        elif line_key(line) in seen:
            kept, reason = False, "repeated line (kept once)"
        else:
            reason = "body (a list the article announces)" if i in listed and p[i] <= INSIDE_THRESHOLD else "body"
        if kept:
            seen.add(line_key(line))
        decisions.append(LineDecision(i, line, round(float(p[i]), 3), kept, reason))
    if not any(d.kept and is_prose(d.text) for d in decisions):
        return short_text(decisions, frequency)
    return decisions


def _furniture(line: str, frequency: LineFrequency | None) -> bool:
    short = word_count(line) < FURNITURE_LINE_WORDS
    return (short and (bool(FURNITURE.search(line)) or talks_to_reader(line))) or bool(frequency and frequency.in_other_documents(line))


def short_text(decisions: list[LineDecision], frequency: LineFrequency | None = None) -> list[LineDecision]:
    """The decisions for a text the line model keeps no sentence of, because it is a brief or a clean
    text of one or two paragraphs with no page around it: the model reads a paragraph by its
    neighbours, and a lone one has none. When most of its words are prose, its prose lines are its
    body (a title or byline above stays out, for the metadata), except those that recur in other
    files and short ones that use furniture words ("All rights reserved", "cookies") or talk to
    the reader ("Sign up to ..."); otherwise the decisions stand, and a page without an article stays refused."""
    prose = {d.index for d in decisions if is_prose(d.text) and not _furniture(d.text, frequency)}
    words = sum(word_count(d.text) for d in decisions)
    if not prose or sum(word_count(decisions[i].text) for i in prose) < MIN_PROSE_SHARE * words:
        return decisions
    return [
        LineDecision(d.index, d.text, d.probability, True, "body (a short text: its prose lines)")
        if d.index in prose
        else LineDecision(d.index, d.text, d.probability, False, "not prose (a short text: only its prose kept)")
        for d in decisions
    ]


def body_paragraphs(decisions: list[LineDecision]) -> list[str]:
    """The kept lines, each a paragraph, in their original order."""
    return [d.text for d in decisions if d.kept]
