"""The development set of page dumps (../shared/dev/cleaning) as labelled documents.

Line labels come from matching the dump's lines against the gold (nothing is labelled by hand):

- body: a line that equals a gold paragraph, or a long line found verbatim inside the gold body;
- roles of the other lines (:data:`toolkit.ingest.line_roles.ROLES`): ``headline`` when it matches
  the gold title (:func:`same_title`), ``byline`` when it holds every word of the gold author's
  name and is short, ``date`` when it gives the gold date (a day either way: the silver dates are
  sometimes a day off), ``caption`` for other sentence-length lines within the article's span,
  ``furniture`` for the rest.

Scores are bag-of-tokens precision/recall/F1 per page, averaged over pages, as the set's README
prescribes. ``domain`` (the site a page came from) is only ever used to keep one site's pages in
one cross-validation fold; the toolkit never reads it.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from toolkit.ingest.bylines import JOINERS, byline_names
from toolkit.ingest.cleaner import dump_lines
from toolkit.ingest.dates import find_dates, looks_like_date
from toolkit.ingest.language import identify, stop_words
from toolkit.ingest.line_features import LineFrequency, line_feature_matrix, normalise_line
from toolkit.ingest.line_roles import ROLES
from toolkit.ingest.outlets import outlet_key

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "cleaning"
MIN_SOFT_RATIO = 0.5  # the shorter title is at least half the longer (in characters)


@dataclass
class DevDocument:
    id: str
    lines: list[str]
    labels: np.ndarray  # 1 = body line
    roles: np.ndarray  # index into ROLES for non-body lines (body lines: -1)
    body: str
    title: str | None
    date: str | None
    author: str | None
    outlet: str
    outlet_also: list[str]
    language: str  # hand-checked
    domain: str
    page_language: str  # what the toolkit identifies from the dump (what its cleaner uses)


def devset_dir() -> Path:
    """Where the development dumps are: $CLEANING_DEVSET or ../shared/dev/cleaning."""
    return Path(os.environ.get("CLEANING_DEVSET", DEFAULT_DIR))


def normal(text: str | None) -> str:
    """Case, white space and punctuation folded: the form every metadata comparison uses."""
    return re.sub(r"[\W_]+", " ", (text or "").lower()).strip()


def same_title(predicted: str | None, gold: str | None, soft: bool = True) -> bool:
    """Exact after :func:`normal`; soft: one contains the other and the shorter is at least
    :data:`MIN_SOFT_RATIO` of the longer, so "Headline - Outlet" counts but a paragraph does not."""
    a, b = normal(predicted), normal(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return soft and f" {shorter} " in f" {longer} " and len(shorter) >= MIN_SOFT_RATIO * len(longer) and len(shorter.split()) >= 3


def author_words(author: str | None) -> list[str]:
    """The words of a gold author's name ("By ANA LIND, Tramline Science Writer" → ana, lind)."""
    if not author:
        return []
    return normal(byline_names(author) or author).split()


def day_matches(found: str | None, gold: str | None) -> bool:
    """The same calendar day, or a day either way (silver dates are sometimes a day off)."""
    if not found or not gold:
        return False
    try:
        a, b = date.fromisoformat(found[:10]), date.fromisoformat(gold[:10])
    except ValueError:
        return False
    return abs(a - b) <= timedelta(days=1)


def shows_title(lines: list[str], title: str | None) -> bool:
    """Some line of the dump is the gold title, by the soft rule (:func:`same_title`)."""
    return bool(title) and any(same_title(line, title) for line in lines)


def shows_date(lines: list[str], day: str | None, language: str | None) -> bool:
    """Some date line of the dump gives the gold day (:func:`day_matches`)."""
    dates = (d for line in lines if looks_like_date(line) for d in find_dates(line, languages=[language] if language else None))
    return bool(day) and any(day_matches(d.iso, day) for d in dates)


def names_author(lines: list[str], author: str | None) -> bool:
    """Some line of the dump holds every word of the gold author's name."""
    words = author_words(author)
    return bool(words) and any(all(w in normal(line).split() for w in words) for line in lines)


def writes_outlet(lines: list[str], outlet: str, also: list[str]) -> bool:
    """Some line of the dump writes the outlet or one of its accepted names, as whole words once both
    are folded as outlet names are compared (:func:`~toolkit.ingest.outlets.outlet_key`: "harbrix GmbH"
    and a link to northquay.com write "Harbrix" and "NorthQuay"; "HH" does not write "Harbour Herald")."""
    keys = {outlet_key(name) for name in [outlet, *also]} - {""}
    return any(f" {key} " in f" {outlet_key(line)} " for line in lines for key in keys)


def right_author(predicted: str | None, author: str | None) -> bool:
    """The predicted name's words are all in the gold author's, or the gold name's words all in the
    prediction; the words joining names ("Ana Lind and Sam Okafor") are no name's words."""
    mine = set(normal(predicted).split()) - JOINERS
    return bool(mine) and (mine <= set(normal(author).split()) or set(author_words(author)) <= mine)


class Tally:
    """Right, empty and wrong counts of one field over the pages where it can be scored."""

    def __init__(self) -> None:
        self.pages = self.right = self.empty = self.wrong = 0
        self.misses: list[str] = []

    def add(self, predicted: str | None, right: bool, note: str) -> None:
        self.pages += 1
        self.right += right
        self.empty += not predicted and not right
        self.wrong += bool(predicted) and not right
        if not right:
            self.misses.append(note)

    def share(self) -> float:
        return round(self.right / self.pages, 3) if self.pages else 0.0


def role_labels(lines: list[str], body: np.ndarray, title: str | None, date_: str | None, author: str | None, language: str) -> np.ndarray:
    roles = np.full(len(lines), ROLES.index("furniture"))
    roles[body == 1] = -1
    name = author_words(author)
    body_lines = np.flatnonzero(body)
    first, last = (body_lines[0], body_lines[-1]) if len(body_lines) else (len(lines), -1)
    for i, line in enumerate(lines):
        if body[i]:
            continue
        words = normal(line).split()
        if title and same_title(line, title):
            roles[i] = ROLES.index("headline")
        elif name and len(words) <= 12 and all(w in words for w in name):
            roles[i] = ROLES.index("byline")
        elif date_ and len(words) <= 15 and looks_like_date(line) and any(day_matches(d.iso, date_) for d in find_dates(line, languages=[language])):
            roles[i] = ROLES.index("date")
        elif len(words) >= 6 and first - 15 <= i <= last:
            roles[i] = ROLES.index("caption")
    return roles


def load_devset(directory: Path | None = None) -> tuple[list[DevDocument], LineFrequency]:
    """Every dev document with line labels, and the cross-document line frequency of the set."""
    directory = directory or devset_dir()
    meta = {row["id"]: row for row in map(json.loads, (directory / "meta.jsonl").read_text(encoding="utf-8").splitlines())}
    docs, frequency = [], LineFrequency()
    for row in map(json.loads, (directory / "gold.jsonl").read_text(encoding="utf-8").splitlines()):
        lines = dump_lines((directory / "dumps" / f"{row['id']}.txt").read_text(encoding="utf-8"))
        frequency.add(lines)
        paragraphs = {normalise_line(p) for p in row["body"].split("\n") if p.strip()}
        body = normalise_line(row["body"])
        labels = np.array([x in paragraphs or (len(x) > 40 and x in body) for x in lines], dtype=int)
        site = meta.get(row["id"], {})
        language = identify("\n".join(lines))[0]
        roles = role_labels(lines, labels, row.get("title"), row.get("date"), row.get("author"), language)
        docs.append(DevDocument(
            row["id"], lines, labels, roles, row["body"], row.get("title"), row.get("date"), row.get("author"),
            site.get("outlet", ""), site.get("outlet_also", []), site.get("language", ""), site.get("domain", row["id"]), language,
        ))  # fmt: skip
    return docs, frequency


def outlet_folds(docs: list[DevDocument], k: int = 5) -> np.ndarray:
    """A fold number per document, every page of one site in the same fold (sites dealt round-robin
    in order of first appearance), so no outlet is in both the training and the test folds."""
    sites = list(dict.fromkeys(d.domain for d in docs))
    fold_of = {site: n % k for n, site in enumerate(sites)}
    return np.array([fold_of[d.domain] for d in docs])


def features(docs: list[DevDocument], frequency: LineFrequency) -> list[np.ndarray]:
    """The body-line feature matrix of every document (stop words of the language identified on its page)."""
    return [line_feature_matrix(d.lines, frequency, stop_words(d.page_language)) for d in docs]


def token_f1(predicted: str, gold: str) -> float:
    """Bag-of-tokens F1 between a predicted and a gold body."""
    a = Counter(re.findall(r"\w+", predicted.lower()))
    b = Counter(re.findall(r"\w+", gold.lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)
