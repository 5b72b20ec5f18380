"""The role of each line of a page dump that is not article body: headline, byline, date line,
caption (image captions, standfirsts and teasers written as sentences) or furniture.

Learned, not listed: a multinomial logistic regression over :data:`ROLE_FEATURES` (the line's
shape, what it holds, and where it stands relative to where the body starts, which the body
cleaner has just decided), trained on the development dumps by ``benchmarks/train_models.py``
with labels matched from their gold title, byline and date. The metadata finders
(:mod:`toolkit.ingest.metadata`) take the headline, byline and date from the most likely lines
next to the body, never from a share bar, a caption or a byline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from toolkit.ingest.bylines import BY, NAME_WORD
from toolkit.ingest.dates import DATE_PIECE, ISO_STAMP, TIME_PIECE, looks_like_date
from toolkit.ingest.language import word_zipf
from toolkit.ingest.line_features import FURNITURE_LOWERED, QUOTE_MARK, SENTENCE_END, URLISH_LOWERED, WORD, LineFrequency, in_lowered, line_key, word_string
from toolkit.ingest.model_files import read_model, rounded, write_model

MODEL_PATH = Path(__file__).parent / "models" / "line_roles.json"
ROLES = ("furniture", "headline", "byline", "date", "caption")
CAPTION_WORDS = re.compile(r"\b(?:photo|image|picture|credit|getty|courtesy|via|file photo|illustration|pictured)\b|\([^()]*/[^()]*\)$", re.IGNORECASE)
SEPARATOR = re.compile(r"\||\s[-–—·•]\s")
HANDLE = re.compile(r"@\w|\S@[^\s@]+\.\w")
DISTANCES = ((1, 1), (2, 3), (4, 6), (7, 12), (13, 25))  # lines above the body start, in buckets
JOURNALIST = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|columnist|contributor|staff|bureau|journalist|analyst|reporting|"
    r"redakt\w*|redação|jornalista|giornalista|wartawan|корреспондент)\b",
    re.IGNORECASE,
)  # the words around a name in a byline ("Newswire Science Writer", "Tramline Science Contributor")
CAPTION_WORDS_LOWERED, JOURNALIST_LOWERED = in_lowered(CAPTION_WORDS), in_lowered(JOURNALIST)  # searched in lower-cased lines
GLUED_WORD = re.compile(r"[a-z]{3}[A-Z][a-z]{2}")  # "HomeLatest NewsNollywood": menu items run into each other
RARE_ZIPF = 3.5  # a word rarer than this in general English use (most surnames) makes a name-shaped line a likely name

ROLE_FEATURES: tuple[str, ...] = (
    "bias", "log_words", "one_word", "two_to_four_words", "five_to_twenty_words", "over_twenty_words",
    "titlecase_ratio", "all_caps", "ends_sentence", "ends_colon", "stopword_ratio", "digit_ratio",
    "date_shaped", "date_share", "has_time", "starts_by", "inner_by", "name_shaped", "handle", "separator",
    "furniture_words", "caption_words", "other_dumps", "repeated_in_dump", "same_as_neighbour",
    "body_probability", *(f"above_{a}_{b}" for a, b in DISTANCES), "far_above", "at_body_start", "below_body_start",
    "previous_date_shaped", "next_date_shaped", "previous_name_shaped", "next_name_shaped",
    "next_is_body", "quote_marks", "question_or_exclamation",
    "body_overlap", "shares_two_body_words", "body_overlap_rank", "nearest_headline_shape", "dated_below",
    "headline_shaped", "urlish", "kept_as_body", "short_name", "long_titlecase", "common_words", "name_with_rare_word",
    "journalist_word", "glued_words", "echoed", "five_to_twelve_words", "thirteen_to_twenty_words",
)  # fmt: skip
LEAD_WORDS = 300  # how much of the body the headline's words are looked for in
WINDOW = (30, 5)  # lines above and below the body start that can hold a headline, byline or date
AFTER_BODY = 5  # lines after the body's last line that can hold a byline ("By ..." closing the article)


@dataclass(frozen=True)
class LineShape:
    """What the role features need to know about one line, computed once."""

    words: int
    titlecase: float
    stopwords: float
    date_shaped: bool
    name_shaped: bool
    commonness: float  # the Zipf frequency of the line's rarest word (short lines only; 0 otherwise)


def _shape(line: str, stop_words: frozenset[str] | set[str], words: list[str] | None = None) -> LineShape:
    """The line's :class:`LineShape` (``words``: its :data:`WORD` matches, when already found)."""
    words = WORD.findall(line) if words is None else words
    alpha = [w for w in words if not w.isdigit()]
    titlecase = sum(w[0].isupper() for w in alpha) / max(len(alpha), 1)
    stop = sum(w.lower() in stop_words for w in alpha) / max(len(alpha), 1)
    tokens = line.split()
    name_shaped = 1 <= len(tokens) <= 5 and all(NAME_WORD.match(t.rstrip(",")) or t.lower() in ("and", "&") for t in tokens)
    commonness = min((word_zipf(w.lower()) for w in alpha), default=0.0) if 0 < len(alpha) <= 6 else 0.0
    return LineShape(len(words), titlecase, stop, looks_like_date(line), name_shaped and not any(c.isdigit() for c in line), commonness)


def _date_share(line: str) -> float:
    covered = sum(m.end() - m.start() for pattern in (ISO_STAMP, DATE_PIECE, TIME_PIECE) for m in pattern.finditer(line))
    return min(1.0, covered / max(len(line), 1))


def _content_words(words: list[str], stop_words: frozenset[str] | set[str]) -> set[str]:
    """The words of a text (its :data:`WORD` matches) that carry its topic: lower-cased, no stop words, numbers or short words."""
    return {w for w in (x.lower() for x in words) if len(w) > 2 and w not in stop_words and not w.isdigit()}


def headline_shaped(line: str, shape: LineShape) -> bool:
    """3 to 30 words, not a sentence ending in a full stop, not a date."""
    return 3 <= shape.words <= 30 and not line.endswith((".", ":", ";", ",")) and not shape.date_shaped


def looks_like_headline(line: str) -> bool:
    """:func:`headline_shaped`, for a line on its own."""
    return headline_shaped(line, _shape(line, frozenset()))


def role_feature_matrix(
    lines: Sequence[str],
    body_probability: np.ndarray,
    body_start: int,
    frequency: LineFrequency | None = None,
    body: str = "",
    stop_words: frozenset[str] | set[str] = STOP_WORDS,
    rows: range | None = None,
) -> np.ndarray:
    """One row of :data:`ROLE_FEATURES` per line, given the body cleaner's probabilities, the
    index of the first body line, the body text (a headline shares words with its article;
    teasers of other articles do not) and the page language's stop words; only the ``rows``
    asked for are filled (all by default), the others are left at 0, so that a long page costs
    no more than its header."""
    n = len(lines)
    wanted = range(n) if rows is None else rows

    @cache
    def words_of(i: int) -> list[str]:  # each line's words, found once for its shape and its content words
        return WORD.findall(lines[i])

    @cache
    def shape(i: int) -> LineShape:
        return _shape(lines[i], stop_words, words_of(i))

    lead = _content_words(WORD.findall(" ".join(body.split()[:LEAD_WORDS])), stop_words)
    overlap = np.zeros(n)
    shared = np.zeros(n, dtype=bool)
    for i in range(max(0, body_start - WINDOW[0]), min(n, body_start + WINDOW[1] + 1)):
        words = _content_words(words_of(i), stop_words)
        if words:
            overlap[i] = len(words & lead) / len(words)
            shared[i] = len(words & lead) >= 2
    above = [i for i in range(max(0, body_start - WINDOW[0]), min(n, body_start)) if headline_shaped(lines[i], shape(i))]
    nearest = above[-1] if above else -1
    folded = [word_string(x) for x in lines]
    echoes = {i: sum(folded[i] in other for j, other in enumerate(folded) if j != i) for i in above if shape(i).words >= 4}
    ranked = sorted(above, key=lambda i: -overlap[i])
    overlap_rank = {i: rank for rank, i in enumerate(ranked)}
    keys = [line_key(x) for x in lines]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    body_p, overlaps, shares = body_probability.tolist(), overlap.tolist(), shared.tolist()  # Python floats: no numpy scalar per feature
    log_words = np.log1p(np.array([shape(i).words for i in wanted], dtype=float)).tolist()
    filled = []
    for i in wanted:
        line, s = lines[i], shape(i)
        lowered, above = line.lower(), body_start - i
        previous, following = (shape(i - 1) if i else None), (shape(i + 1) if i + 1 < n else None)
        others = frequency.in_other_documents(line) if frequency else 0
        filled.append(
            (
                1.0,
                log_words[i - wanted.start],
                s.words == 1,
                2 <= s.words <= 4,
                5 <= s.words <= 20,
                s.words > 20,
                s.titlecase,
                line.isupper() and sum(map(str.isalpha, line)) >= 2,
                bool(SENTENCE_END.search(line)),
                line.endswith(":"),
                s.stopwords,
                sum(map(str.isdigit, line)) / max(len(line), 1),
                s.date_shaped,
                _date_share(line) if s.date_shaped else 0.0,
                bool(TIME_PIECE.search(line)),
                s.words <= 12 and bool(BY.match(line)),
                s.words <= 15 and " by " in lowered,
                s.name_shaped,
                bool(HANDLE.search(line)),
                bool(SEPARATOR.search(line)),
                bool(FURNITURE_LOWERED.search(lowered)),
                bool(CAPTION_WORDS_LOWERED.search(lowered)),
                min(others, 3) / 3,
                counts[keys[i]] > 1,
                (i > 0 and keys[i - 1] == keys[i]) or (i + 1 < n and keys[i + 1] == keys[i]),
                body_p[i],
                *(a <= above <= b for a, b in DISTANCES),
                above > DISTANCES[-1][1],
                above == 0,
                above < 0,
                bool(previous and previous.date_shaped),
                bool(following and following.date_shaped),
                bool(previous and previous.name_shaped),
                bool(following and following.name_shaped),
                i + 1 < n and body_p[i + 1] > 0.5,
                bool(QUOTE_MARK.search(line)),
                line.rstrip().endswith(("?", "!")),
                overlaps[i],
                shares[i],
                1 / (1 + overlap_rank[i]) if i in overlap_rank else 0.0,
                i == nearest,
                any(shape(j).date_shaped for j in range(i + 1, min(n, i + 4))),
                headline_shaped(line, s),
                bool(URLISH_LOWERED.search(lowered)),
                above <= 0 and body_p[i] > 0.5,
                s.name_shaped and s.words <= 4,
                s.titlecase > 0.6 and s.words >= 4,
                s.commonness / 8,
                s.name_shaped and 0 < s.commonness < RARE_ZIPF,
                s.words <= 15 and bool(JOURNALIST_LOWERED.search(lowered)),
                bool(GLUED_WORD.search(line)),
                min(echoes.get(i, 0), 3) / 3,
                5 <= s.words <= 12,
                13 <= s.words <= 20,
            )
        )
    matrix = np.zeros((n, len(ROLE_FEATURES)))
    matrix[wanted.start : wanted.stop] = np.array(filled, dtype=float).reshape(len(wanted), len(ROLE_FEATURES))
    return matrix


CONTEXT_FEATURES: tuple[str, ...] = (
    "headline_above",
    "byline_above",
    "date_above",
    "headline_below",
    "byline_below",
    "date_below",
    "best_headline_nearby",
)  # the first stage's role probabilities of the three lines above and below: a byline sits under a headline


def _neighbour_max(values: np.ndarray, offsets: range) -> np.ndarray:
    """For each row, the column-wise maximum of the rows at the given offsets (0 beyond the ends)."""
    n = len(values)
    padded = np.zeros((n + 2 * WINDOW[0], values.shape[1]))
    padded[WINDOW[0] : WINDOW[0] + n] = values
    return np.max([padded[WINDOW[0] + k : WINDOW[0] + k + n] for k in offsets], axis=0)


def context_matrix(probabilities: np.ndarray, reach: int = 3) -> np.ndarray:
    """Stage-two features: for each line, the highest first-stage probability of headline, byline and
    date among the ``reach`` lines above and below it, and whether it is the likeliest headline near it."""
    roles = probabilities[:, [ROLES.index(r) for r in ("headline", "byline", "date")]]
    if not len(roles):
        return np.zeros((0, len(CONTEXT_FEATURES)))
    headline = probabilities[:, [ROLES.index("headline")]]
    near = _neighbour_max(headline, range(-WINDOW[0], WINDOW[1] + 1))
    return np.hstack([_neighbour_max(roles, range(-reach, 0)), _neighbour_max(roles, range(1, reach + 1)), headline >= near])


@dataclass(frozen=True)
class RoleModel:
    """One-vs-rest logistic regressions, one per role but furniture, in two stages: the second also
    sees the first stage's probabilities of the neighbouring lines (:func:`context_matrix`)."""

    first: np.ndarray  # (roles - 1, ROLE_FEATURES)
    second: np.ndarray  # (roles - 1, ROLE_FEATURES + CONTEXT_FEATURES)

    @classmethod
    def from_file(cls, path: Path = MODEL_PATH) -> RoleModel:
        spec = read_model(path, features=ROLE_FEATURES, roles=ROLES, context=CONTEXT_FEATURES)
        return cls(np.asarray(spec["first"], dtype=float), np.asarray(spec["second"], dtype=float))

    def to_file(self, path: Path, about: str) -> None:
        write_model(path, {"about": about, "roles": list(ROLES), "features": list(ROLE_FEATURES), "context": list(CONTEXT_FEATURES),
                           "first": rounded(self.first), "second": rounded(self.second)})  # fmt: skip

    @staticmethod
    def _sigmoid(features: np.ndarray, weights: np.ndarray) -> np.ndarray:
        probabilities = np.zeros((len(features), len(ROLES)))
        probabilities[:, 1:] = 1.0 / (1.0 + np.exp(-features @ weights.T))
        return probabilities

    def first_stage(self, features: np.ndarray) -> np.ndarray:
        """Each line's first-stage probability of each role (furniture's column is 0)."""
        return self._sigmoid(features, self.first)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Each line's probability of each role but furniture (independent one-vs-rest scores)."""
        return self._sigmoid(np.hstack([features, context_matrix(self.first_stage(features))]), self.second)


@lru_cache(maxsize=1)
def default_role_model() -> RoleModel:
    """The shipped role model, read once per process."""
    return RoleModel.from_file()


def line_roles(probabilities: np.ndarray, minimum: float = 0.5) -> list[str]:
    """Each line's likeliest role, "furniture" unless some role reaches ``minimum``."""
    best = probabilities.argmax(axis=1)
    return [ROLES[b] if probabilities[i, b] >= minimum else "furniture" for i, b in enumerate(best)]
