"""Raw folder → articles table and ingest report: every file ends as one report row.

Two passes over the folder: the first decodes every file and counts its lines for the
cross-document evidence (per outlet when a manifest names outlets), the second cleans each
file and recovers its metadata. Files are only read, never written. A file that cannot be
read, decoded or cleaned is skipped with a reason; the run goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from toolkit.cleaning import classify_lines, dump_lines
from toolkit.html_extract import extract_html, visible_lines
from toolkit.line_features import LineFrequency
from toolkit.metadata import Metadata, extract_metadata, parse_date
from toolkit.near_duplicates import NearDuplicateIndex
from toolkit.readers import Decoded, Unreadable, decode, discover, read_bytes

MANIFEST = "manifest.csv"
MANIFEST_FIELDS = ("outlet", "url", "published", "title", "author")
MIN_WORDS = 40
SHORT_WORDS = 120
MAX_TEXT_CHARS = 200_000  # about 35,000 words: longer "articles" are cut so the NLP pass stays bounded
ARTICLE_COLUMNS = (
    "article_id", "file", "outlet", "title", "published", "author", "section", "dateline",
    "url", "text", "n_words", "n_paragraphs", "source_format", "encoding",
)  # fmt: skip
REPORT_COLUMNS = ("file", "status", "reason", "article_id")
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
    section: str | None
    dateline: str | None
    url: str | None
    text: str
    n_words: int
    n_paragraphs: int
    source_format: str
    encoding: str


@dataclass
class ReportRow:
    """The outcome for one input file: ok, warning or skipped, and why."""

    file: str
    status: str
    reason: str
    article_id: str | None = None


def article_id(text: str) -> str:
    """A stable id derived from the clean text (the same text always gets the same id)."""
    return "a" + hashlib.sha1(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()[:12]


def read_manifest(root: Path) -> tuple[dict[str, dict[str, str]], list[ReportRow]]:
    """The manifest's rows by file name, and report rows for a malformed manifest or missing files."""
    path = root / MANIFEST
    if not path.is_file():
        return {}, []
    try:
        text = decode(read_bytes(path, root), ".csv").text
        rows = list(csv.DictReader(io.StringIO(text)))
    except (Unreadable, csv.Error, UnicodeError) as error:
        return {}, [ReportRow(MANIFEST, "warning", f"manifest ignored: {error}")]
    if not rows or "file" not in rows[0]:
        return {}, [ReportRow(MANIFEST, "warning", "manifest ignored: it has no 'file' column")]
    manifest, problems = {}, []
    for row in rows:
        name = (row.get("file") or "").strip()
        if not name:
            continue
        manifest[name] = {k: (row.get(k) or "").strip() for k in MANIFEST_FIELDS if (row.get(k) or "").strip()}
        if not (root / name).exists():
            problems.append(ReportRow(f"{MANIFEST}:{name}", "warning", "manifest names a file that is not in the folder"))
    return manifest, problems


def _manifest_row(manifest: dict[str, dict[str, str]], relative: str) -> dict[str, str]:
    return manifest.get(relative) or manifest.get(Path(relative).name) or {}


def _load(path: Path, root: Path) -> Decoded:
    return decode(read_bytes(path, root), path.suffix)


def clean_document(decoded: Decoded, frequency: LineFrequency | None) -> tuple[Metadata, list[str], str]:
    """Metadata, body paragraphs and source format of one decoded file."""
    if decoded.is_html:
        extracted = extract_html(decoded.text)
        if extracted is not None:
            return (*extracted, "html")
        lines = dump_lines(visible_lines(decoded.text))
        decisions = classify_lines(lines, frequency)
        return (*extract_metadata(decisions, frequency), "html (fallback cleaner)")
    decisions = classify_lines(dump_lines(decoded.text), frequency)
    return (*extract_metadata(decisions, frequency), "text dump")


def apply_manifest(meta: Metadata, row: dict[str, str]) -> tuple[Metadata, str | None]:
    """Metadata with the manifest's non-blank cells taking precedence; and the URL."""
    for name in ("outlet", "title", "author"):
        if row.get(name):
            setattr(meta, name, row[name])
    if row.get("published"):
        meta.published = parse_date(row["published"]) or row["published"]
    return meta, row.get("url")


@dataclass
class FileJob:
    """One file on its way to cleaning: its bytes (or why they could not be read), its outlet group
    and its manifest row. Plain data, so that cleaning can run in another process."""

    relative: str
    suffix: str
    raw: bytes | None
    group: str
    manifest_row: dict[str, str]
    skipped: str | None = None


@dataclass
class Cleaned:
    """What cleaning one file gives: an article and its warnings, or why the file was skipped."""

    relative: str
    article: Article | None = None
    warnings: list[str] = field(default_factory=list)
    skipped: str | None = None


Mapper = Callable[[Callable, Iterable, object], Iterator]


def local_map(function: Callable, items: Iterable, shared: object) -> Iterator:
    """``function(item, shared)`` for each item, in order, one at a time in this process."""
    return (function(item, shared) for item in items)


def clean_file(job: FileJob, frequencies: dict[str, LineFrequency]) -> Cleaned:
    """Decode and clean one file (runs wherever the mapper sends it: here, or on a Dask worker)."""
    if job.skipped is not None:
        return Cleaned(job.relative, skipped=job.skipped)
    try:
        decoded = decode(job.raw, job.suffix)
        article = build_article(job.relative, decoded, frequencies.get(job.group), job.manifest_row)
    except Unreadable as reason:
        return Cleaned(job.relative, skipped=str(reason))
    except Exception as error:  # one broken file must not stop the run
        return Cleaned(job.relative, skipped=f"internal error while cleaning: {type(error).__name__}: {error}")
    warnings = list(decoded.warnings)
    if article.text.endswith(TRUNCATED):
        warnings.append(f"text cut at {MAX_TEXT_CHARS:,} characters")
    return Cleaned(job.relative, article, warnings)


def build_article(relative: str, decoded: Decoded, frequency: LineFrequency | None, manifest_row: dict[str, str]) -> Article:
    """Clean one decoded file into an Article, or raise Unreadable when it has no body."""
    meta, paragraphs, source_format = clean_document(decoded, frequency)
    meta, url = apply_manifest(meta, manifest_row)
    text = "\n\n".join(paragraphs)
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS].rsplit(" ", 1)[0] + TRUNCATED
    n_words = len(text.split())
    if n_words < MIN_WORDS:
        raise Unreadable(f"no article body recognised ({n_words} words of prose)")
    return Article(
        article_id=article_id(text), file=relative, outlet=meta.outlet, title=meta.title, published=meta.published,
        author=meta.author, section=meta.section, dateline=meta.dateline, url=url, text=text, n_words=n_words,
        n_paragraphs=len(paragraphs), source_format=source_format, encoding=decoded.encoding,
    )  # fmt: skip


class Ingest:
    """One ingestion of a folder: call :meth:`run`, then read ``articles`` and ``report``."""

    def __init__(self, root: Path, progress: bool = True) -> None:
        self.root = Path(root)
        self.progress = progress
        self.articles: list[Article] = []
        self.report: list[ReportRow] = []
        self.manifest, manifest_problems = read_manifest(self.root)
        self.report.extend(manifest_problems)
        self.files = list(discover(self.root))
        self.frequencies: dict[str, LineFrequency] = defaultdict(LineFrequency)

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else path.name

    def group(self, relative: str) -> str:
        """Which cross-document group a file's lines are counted in: its manifest outlet, if any."""
        return _manifest_row(self.manifest, relative).get("outlet", "").lower()

    def count_lines(self) -> None:
        """First pass: count every readable file's lines in its group."""
        for path in self.files:
            try:
                decoded = _load(path, self.root)
            except Unreadable:
                continue
            if not decoded.is_html:
                self.frequencies[self.group(self.relative(path))].add(dump_lines(decoded.text))

    def run(self) -> Ingest:
        """Both passes; fills ``articles`` and ``report``."""
        self.articles.extend(self.stream())
        return self

    def jobs(self) -> Iterator[FileJob]:
        """Every file's bytes in order, with exact byte duplicates and unreadable files marked skipped."""
        seen_bytes: dict[str, str] = {}
        for path in tqdm(self.files, desc="ingest", unit="file", disable=not self.progress):
            relative = self.relative(path)
            group, row = self.group(relative), _manifest_row(self.manifest, relative)
            try:
                raw = read_bytes(path, self.root)
            except Unreadable as reason:
                yield FileJob(relative, path.suffix, None, group, row, skipped=str(reason))
                continue
            except OSError as error:  # one broken file must not stop the run
                yield FileJob(relative, path.suffix, None, group, row, skipped=f"internal error while reading: {error}")
                continue
            digest = hashlib.sha256(raw).hexdigest()
            if digest in seen_bytes:
                yield FileJob(relative, path.suffix, None, group, row, skipped=f"exact duplicate of {seen_bytes[digest]}")
                continue
            seen_bytes[digest] = relative
            yield FileJob(relative, path.suffix, raw, group, row)

    def stream(self, mapper: Mapper = local_map) -> Iterator[Article]:
        """Both passes, yielding each cleaned article instead of keeping it (``report`` still fills).

        ``mapper`` runs :func:`clean_file` over the files, in order: in this process by default,
        or on a Dask cluster (:meth:`toolkit.dask_engine.DaskEngine.map`)."""
        self.count_lines()
        seen_text: dict[str, str] = {}
        near = NearDuplicateIndex()
        for cleaned in mapper(clean_file, self.jobs(), dict(self.frequencies)):
            relative, article = cleaned.relative, cleaned.article
            if article is not None and article.article_id in seen_text:
                cleaned.skipped = f"same article text as {seen_text[article.article_id]}"
            if cleaned.skipped is not None:
                self.report.append(ReportRow(relative, "skipped", cleaned.skipped))
                continue
            seen_text[article.article_id] = relative
            warnings = cleaned.warnings
            similar = near.add(relative, article.text)
            if similar:
                warnings.append(f"near duplicate of {similar[0]} ({similar[1]:.0%} of shingles alike)")
            if article.n_words < SHORT_WORDS:
                warnings.append(f"short body ({article.n_words} words)")
            summary = f"{article.n_paragraphs} paragraphs, {article.n_words} words ({article.source_format})"
            status = "warning" if warnings else "ok"
            self.report.append(ReportRow(relative, status, "; ".join([summary, *warnings]), article.article_id))
            yield article

    def articles_frame(self) -> pd.DataFrame:
        return articles_frame(self.articles)

    def report_frame(self) -> pd.DataFrame:
        return pd.DataFrame([asdict(r) for r in self.report], columns=list(REPORT_COLUMNS))


def articles_frame(articles: list[Article]) -> pd.DataFrame:
    """Articles as rows of the articles table."""
    return pd.DataFrame([asdict(a) for a in articles], columns=list(ARTICLE_COLUMNS))


def explain(root: Path, file: str) -> pd.DataFrame:
    """Every line of one raw file with the cleaner's decision and reason (the before/after view)."""
    ingest = Ingest(Path(root), progress=False)
    ingest.count_lines()
    decoded = _load(Path(root) / file, Path(root))
    text = visible_lines(decoded.text) if decoded.is_html else decoded.text
    decisions = classify_lines(dump_lines(text), ingest.frequencies.get(ingest.group(file)))
    return pd.DataFrame([asdict(d) for d in decisions])


__all__ = ["Article", "Ingest", "ReportRow", "explain"]
