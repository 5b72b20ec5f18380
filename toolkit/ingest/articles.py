"""One file → one clean article: decode, clean (HTML or dump), recover metadata, apply the manifest.

:func:`clean_file` is a pure function of a :class:`FileJob` (the file's bytes and what it needs
to know about the corpus), so it runs in this process or on a Dask worker alike.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from toolkit.ingest.cleaner import classify_lines, dump_lines
from toolkit.ingest.html import extract_html, visible_lines
from toolkit.ingest.language import identify
from toolkit.ingest.line_features import LineFrequency, word_count
from toolkit.ingest.manifest import apply_manifest
from toolkit.ingest.metadata import Metadata, extract_metadata
from toolkit.ingest.near_duplicates import signature
from toolkit.ingest.reading import Decoded, Unreadable, decode
from toolkit.ingest.wrapping import wrap_width

MIN_WORDS = 40
MAX_TEXT_CHARS = 200_000  # about 35,000 words: longer "articles" are cut so the NLP pass stays bounded
ARTICLE_COLUMNS = (
    "article_id", "file", "outlet", "title", "published", "author", "language", "section", "dateline",
    "url", "text", "n_words", "n_paragraphs", "source_format", "encoding",
)  # fmt: skip
TRUNCATED = " […]"


@dataclass
class Article:
    """One cleaned article: metadata and body text (paragraphs separated by a blank line)."""

    article_id: str
    file: str
    outlet: str | None
    title: str | None
    published: str | None
    author: str | None
    language: str | None  # ISO 639-1, identified on the body text
    section: str | None
    dateline: str | None
    url: str | None
    text: str
    n_words: int
    n_paragraphs: int
    source_format: str
    encoding: str


def article_id(text: str) -> str:
    """A stable id derived from the clean text (the same text always gets the same id)."""
    return "a" + hashlib.sha1(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()[:12]


def articles_frame(articles: list[Article]) -> pd.DataFrame:
    """Articles as rows of the articles table."""
    return pd.DataFrame([asdict(a) for a in articles], columns=list(ARTICLE_COLUMNS))


@dataclass
class FileJob:
    """One file on its way to cleaning: its bytes (or why they could not be read), its outlet group
    and its manifest row. Plain data, so that cleaning can run in another process."""

    relative: str
    suffix: str
    raw: bytes | None
    group: str
    manifest_row: dict[str, str]
    outlet: str | None = None  # decided for the folder (:class:`toolkit.ingest.outlets.OutletVote`)
    skipped: str | None = None


@dataclass
class Cleaned:
    """What cleaning one file gives: an article, its warnings and the MinHash signature of its text
    (taken where the file is cleaned, for the near-duplicate check), or why the file was skipped."""

    relative: str
    article: Article | None = None
    warnings: list[str] = field(default_factory=list)
    skipped: str | None = None
    signature: np.ndarray | None = None


Mapper = Callable[[Callable, Iterable, object], Iterator]


def local_map(function: Callable, items: Iterable, shared: object) -> Iterator:
    """``function(item, shared)`` for each item, in order, one at a time in this process."""
    return (function(item, shared) for item in items)


def clean_document(decoded: Decoded, frequency: LineFrequency | None) -> tuple[Metadata, list[str], str]:
    """Metadata, body paragraphs and source format of one decoded file (the page's language, identified
    on all its text, chooses the cleaner's stop words and the date parser's language)."""
    if decoded.is_html:
        extracted = extract_html(decoded.text)
        if extracted is not None:
            return (*extracted, "html")
        text, source_format = visible_lines(decoded.text), "html (fallback cleaner)"
    else:
        text = decoded.text
        source_format = "markdown" if decoded.markdown else "text dump"
        if wrap_width(text):
            source_format += ", hard-wrapped lines joined"
    lines = dump_lines(text)
    language = identify(text)[0]
    decisions = classify_lines(lines, frequency, language=language)
    return (*extract_metadata(decisions, frequency, language), source_format)


def build_article(relative: str, decoded: Decoded, frequency: LineFrequency | None, manifest_row: dict[str, str], outlet: str | None = None) -> Article:
    """Clean one decoded file into an Article, or raise Unreadable when it has no body (``outlet``:
    the folder's vote for a text dump; a manifest's outlet overrides it)."""
    meta, paragraphs, source_format = clean_document(decoded, frequency)
    meta.outlet = meta.outlet or outlet
    meta, url = apply_manifest(meta, manifest_row)
    text = "\n\n".join(paragraphs)
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS].rsplit(" ", 1)[0] + TRUNCATED
    n_words = word_count(text)
    if n_words < MIN_WORDS:
        raise Unreadable(f"no article body recognised ({n_words} words of prose)")
    return Article(
        article_id=article_id(text), file=relative, outlet=meta.outlet, title=meta.title, published=meta.published,
        author=meta.author, language=identify(text)[0], section=meta.section, dateline=meta.dateline, url=url, text=text,
        n_words=n_words, n_paragraphs=len(paragraphs), source_format=source_format, encoding=decoded.encoding,
    )  # fmt: skip


def clean_file(job: FileJob, frequencies: dict[str, LineFrequency]) -> Cleaned:
    """Decode and clean one file (runs wherever the mapper sends it: here, or on a Dask worker)."""
    if job.skipped is not None:
        return Cleaned(job.relative, skipped=job.skipped)
    try:
        decoded = decode(job.raw, job.suffix)
        article = build_article(job.relative, decoded, frequencies.get(job.group), job.manifest_row, job.outlet)
    except Unreadable as reason:
        return Cleaned(job.relative, skipped=str(reason))
    except OSError:  # the file is already in memory: this is the machine (a full /tmp), not the file
        raise
    except Exception as error:  # one broken file must not stop the run
        return Cleaned(job.relative, skipped=f"internal error while cleaning: {type(error).__name__}: {error}")
    warnings = list(decoded.warnings)
    if article.text.endswith(TRUNCATED):
        warnings.append(f"text cut at {MAX_TEXT_CHARS:,} characters")
    return Cleaned(job.relative, article, warnings, signature=signature(article.text))
