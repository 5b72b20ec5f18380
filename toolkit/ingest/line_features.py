"""Features of the lines of a page dump, the input of the boilerplate line classifier.

A browser's select-all-and-copy of a news page is a list of lines: menu items, share
buttons, teasers of other articles, copyright notices and, somewhere, the article. Each
non-empty line is described by a numeric vector that captures what tells prose from page
furniture: length, sentence punctuation, stopword ratio, share of title-case words, its
neighbours' length (bodies come in runs of long lines), repetition inside the dump and,
above all, how many *other* dumps in the same corpus contain the very same line (menus
and footers recur across a site's pages, article sentences do not).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS


def in_lowered(pattern: re.Pattern) -> re.Pattern:
    """A case-blind ``pattern`` written in lower case, compiled to search lower-cased text: about twice
    as fast as its ``re.IGNORECASE`` search (Python's engine folds the case of each character it tries)."""
    if pattern.pattern != pattern.pattern.lower():
        raise ValueError(f"not written in lower case: {pattern.pattern[:60]}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
# Chinese and Japanese are written without spaces between words: a run of their characters counts
# as a word for every two characters (about the length of a word in either), so a paragraph of
# theirs is prose as long as an English one of as many words, not a single word.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,2}")  # kana, CJK ideographs
TRUNCATED = re.compile(r"[\w,;’'”\"]\s?(?:\.\.\.|…)$")  # a teaser's summary cut off: "... the new AirPods for $250, but..."
SENTENCE_END = re.compile(r"""[.!?…。！？]["'”’»」』)\]）]*$|[.!?…]\s*["'”’»]$""")
URLISH = re.compile(r"https?://|www\.|\.com\b|@\w", re.IGNORECASE)  # "@\w" covers e-mail addresses
URLISH_LOWERED = in_lowered(URLISH)
QUOTE_MARK = re.compile(r"[\"“”«»]")
SHARE_TARGET = re.compile(  # where a share button sends the page
    r"\b(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit|tumblr|telegram|messenger|flipboard|e-?mail|sms|print|copy link)\b",
    re.IGNORECASE,
)
TIME_OR_DATE = re.compile(
    r"^\W*(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{4}-\d{2}-\d{2}|\d{1,2}\s+\w+,?\s+\d{4}|\w+\s+\d{1,2},\s+\d{4})",
    re.IGNORECASE,
)
READER_PROMPT = (  # the page talking about itself and to the reader's screen, never an article's words
    r"sign (?:in|up)\b|log ?in\b|follow us\b|click here\b|download (?:the|our) app\b|"
    r"your (?:device|browser)\b|new (?:window|tab)\b|javascript\b|zip code\b|enter (?:your|a|city)\b|skip to\b"
)  # each from a word's start: one \b before the alternatives, tried at word starts only, is 4 times faster than one per word
CAPTION_MARKS = (  # a line that says it is a caption or a photo credit: "Media caption...", "... Submitted photo", "(Image credit: ...)"
    r"^(?:media|image|video) ?caption|\b(?:submitted|file|staff|contributed) (?:photo|image)$|\b(?:image|photo|picture) credit\b"
)  # alternatives, searched case-insensitively by the cleaner's MEDIA_LINE and the header finders' CAPTION_MARK
PICTURE_CREDIT = (  # a picture's credit or caption label: "Photo: ...", "FILE PHOTO: ...", "... (Image: Agency)", "... [File: Agency]", "Getty Images"
    r"^\(?(?:file )?(?:photo|photograph|image|picture)s?(?: by)?\s*:|[(\[](?:file|photo|photograph|image|picture)s?(?: by)?\s*:[^()\[\]]*[)\]]$"
    r"|(?:getty images|shutterstock|istock(?:photo)?|alamy)[)\]]?$|\bAP Photo\b"
)  # alternatives, searched case-insensitively by the cleaner (never body) and the header finders' CAPTION_MARK (never a headline)
FURNITURE = re.compile(
    r"©|all rights reserved|\b(?:copyright\b|cookies?\b|subscribe\b|newsletter\b|share (?:this|on)\b|read more\b|"
    r"advertis|privacy\b|terms of (?:use|service)\b|comments?\b|views?:|related\b|tags?:|"
    r"watch:|photo:|image:|credit:|getty images\b|playback\b|external links?\b|" + READER_PROMPT + ")",
    re.IGNORECASE,
)
FURNITURE_LOWERED = in_lowered(FURNITURE)  # FURNITURE.search(line) is FURNITURE_LOWERED.search(line.lower())
PROMPT = re.compile(rf"\b(?:{READER_PROMPT})", re.IGNORECASE)
READER_ACTION = re.compile(  # a button asking the reader to act: "Suggest a correction", "Leave a comment", "Send us a tip"
    r"^(?:suggest|submit|report|send|add|post|leave|write)\s+(?:a|an|your|us)\b(?:\s+\S+){0,4}$", re.IGNORECASE
)


def share_targets(text: str) -> int:
    """How many different places a text names that a share button sends a page to ("Facebook Twitter WhatsApp": 3)."""
    return len({m.group().lower() for m in SHARE_TARGET.finditer(text)})


def talks_to_reader(line: str) -> bool:
    """The page talking to its reader ("Enter your zip code", "Sign in") or asking it to act ("Leave a comment")."""
    return bool(PROMPT.search(line) or READER_ACTION.match(line))


FEATURE_NAMES: tuple[str, ...] = (
    "bias",
    "log_words",
    "long_line",
    "ends_sentence",
    "stopword_ratio",
    "titlecase_ratio",
    "alpha_ratio",
    "digit_ratio",
    "starts_lower",
    "position",
    "repeated_in_dump",
    "other_dumps",
    "other_dumps_short",
    "furniture_words",
    "urlish",
    "neighbour_mean_words",
    "neighbour_max_words",
    "run_of_prose",
    "mean_word_length",
    "quote_marks",
    "date_like",
    "all_caps",
    "commas",
    "truncated",
)


def normalise_line(line: str) -> str:
    """A line with its runs of white space (incl. no-break and zero-width spaces) made one space."""
    line = line.replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", line).strip()


def word_string(line: str) -> str:
    """The line's words (:data:`WORD`), lower-cased and joined by single spaces: the form in which
    one line is looked for inside another (a headline inside its share panel's line)."""
    return " ".join(WORD.findall(line.lower()))


@lru_cache(maxsize=1 << 16)
def line_key(line: str) -> str:
    """The key under which a line is compared across dumps: case- and digit-insensitive (remembered:
    the same line is looked up by the counts, the features and the role model)."""
    return re.sub(r"\d+", "0", normalise_line(line).lower())


@lru_cache(maxsize=1 << 16)
def line_hash(line: str) -> int:
    """A 64-bit digest of the line's key, the same in every process (Python's ``hash`` of a str is
    salted per process, and the counts travel to Dask workers)."""
    return int.from_bytes(hashlib.blake2b(line_key(line).encode("utf-8"), digest_size=8).digest(), "little")


def line_hashes(lines: Iterable[str]) -> frozenset[int]:
    """The :func:`line_hash` of each distinct non-empty line of a document."""
    return frozenset(line_hash(x) for x in lines if x.strip())


class LineFrequency:
    """Counts in how many documents of a corpus each line occurs (cross-document evidence).

    Lines are counted by a digest of their key, not their text, so a large corpus costs a few
    dozen bytes per distinct line.
    """

    def __init__(self) -> None:
        self.documents: Counter[int] = Counter()
        self.n_documents = 0
        self.on_other_sites: set[int] = set()  # hashes of prose lines that pages of different sites carry

    def found_on_other_sites(self, line: str) -> bool:
        """Whether pages of two sites or more carry this line (:class:`toolkit.ingest.cleaner.ProseAcrossSites`)."""
        return line_hash(line) in self.on_other_sites

    def add(self, lines: Iterable[str]) -> None:
        """Count one document's distinct lines."""
        self.add_hashes(line_hashes(lines))

    def add_hashes(self, hashes: set[int] | frozenset[int]) -> None:
        """Count one document's distinct lines, given as their :func:`line_hashes` (as a worker sends them)."""
        self.documents.update(hashes)
        self.n_documents += 1

    def in_other_documents(self, line: str) -> int:
        """How many other documents contain this line (the document itself is counted once)."""
        return max(0, self.documents.get(line_hash(line), 0) - 1)


def spaced(line: str) -> str:
    """The line with its Chinese and Japanese text cut into words of two characters (:data:`UNSPACED`),
    for counting; any other line as it is."""
    if line.isascii() or not UNSPACED.search(line):  # isascii() reads a flag: most lines of most pages cost nothing more
        return line
    return UNSPACED.sub(r" \g<0> ", line)


def word_count(line: str) -> int:
    """How many words a line has: its tokens between spaces, Chinese and Japanese counted as :func:`spaced` cuts them."""
    return len(spaced(line).split())


def _word_stats(line: str, stop_words: frozenset[str] | set[str]) -> tuple[int, float, float, float]:
    words = WORD.findall(spaced(line))
    if not words:
        return 0, 0.0, 0.0, 0.0
    alpha = [w for w in words if not w.isdigit()]
    stop = sum(w.lower() in stop_words for w in alpha) / max(len(alpha), 1)
    title = sum(w[0].isupper() for w in alpha) / max(len(alpha), 1)
    mean_len = sum(len(w) for w in words) / len(words)
    return len(words), stop, title, mean_len


def line_feature_matrix(lines: Sequence[str], frequency: LineFrequency | None = None, stop_words: frozenset[str] | set[str] = STOP_WORDS) -> np.ndarray:
    """One feature row per line (normalised, non-empty lines expected), columns as FEATURE_NAMES;
    ``stop_words`` are the page's language's (:func:`toolkit.ingest.language.stop_words`)."""
    n = len(lines)
    counts = Counter(line_key(x) for x in lines)
    stats = [_word_stats(x, stop_words) for x in lines]
    n_words = np.array([s[0] for s in stats], dtype=float)
    log_words = np.log1p(n_words)
    ends = np.array([bool(SENTENCE_END.search(x)) for x in lines], dtype=float)
    prose = (n_words >= 8) & (ends > 0)
    rows = np.zeros((n, len(FEATURE_NAMES)), dtype=float)
    for i, line in enumerate(lines):
        words, stop, title, mean_len = stats[i]
        lowered = line.lower()
        chars = max(len(line), 1)
        window = [j for j in range(i - 2, i + 3) if j != i and 0 <= j < n]
        neighbour = log_words[window] if window else np.zeros(1)
        others = frequency.in_other_documents(line) if frequency else 0
        other_score = min(others, 3) / 3
        run = sum(prose[j] for j in window) / 4
        rows[i] = (
            1.0,
            log_words[i],
            float(words >= 8),
            ends[i],
            stop,
            title,
            sum(map(str.isalpha, line)) / chars,
            sum(map(str.isdigit, line)) / chars,
            float(line[:1].islower()),
            i / max(n - 1, 1),
            float(counts[line_key(line)] > 1),
            other_score,
            other_score * float(words < 8),
            float(bool(FURNITURE_LOWERED.search(lowered))),
            float(bool(URLISH_LOWERED.search(lowered))),
            float(neighbour.mean()),
            float(neighbour.max()),
            run,
            math.log1p(mean_len),
            float(bool(QUOTE_MARK.search(line))),
            float(bool(TIME_OR_DATE.search(line)) and words <= 8),
            float(line.isupper() and words <= 6),
            min(line.count(","), 5) / 5,
            float(words >= 8 and bool(TRUNCATED.search(line))),
        )
    return rows
