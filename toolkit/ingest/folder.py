"""Raw folder → articles and ingest report: every file ends as one report row.

Two passes over the folder's files: the first decodes every file, counts its lines for the
cross-document evidence (per outlet when a manifest names outlets) and lets it vote on its
site's outlet (:class:`toolkit.ingest.outlets.OutletVote`); the second cleans each file and
recovers its metadata (:func:`toolkit.ingest.articles.clean_file`). Files are only read, never
written. A file that cannot be read, decoded or cleaned is skipped with a reason; the run goes on.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from tqdm.auto import tqdm

from toolkit.ingest.articles import Article, FileJob, Mapper, articles_frame, clean_file, local_map
from toolkit.ingest.cleaner import ProseAcrossSites, classify_lines, dump_lines, prose_hashes
from toolkit.ingest.html import visible_lines
from toolkit.ingest.language import identify, load_language_models
from toolkit.ingest.line_features import LineFrequency, line_hashes
from toolkit.ingest.line_roles import line_roles
from toolkit.ingest.manifest import manifest_row, read_manifest
from toolkit.ingest.metadata import line_role_probabilities
from toolkit.ingest.near_duplicates import NearDuplicateIndex
from toolkit.ingest.outlets import OutletVote, PageEvidence, page_evidence
from toolkit.ingest.reading import Decoded, Unreadable, decode, discover, not_an_article, read_bytes
from toolkit.ingest.report import ReportRow, report_frame

SHORT_WORDS = 120


def _load(path: Path, root: Path) -> Decoded:
    return decode(read_bytes(path, root), path.suffix)


class SurveyJob(NamedTuple):
    """One file for the first pass: its name in the report, its line-count group, its bytes."""

    relative: str
    group: str
    raw: bytes
    suffix: str


@dataclass(frozen=True)
class Surveyed:
    """What the first pass keeps of one text dump: its distinct lines' hashes, those of its prose lines, and its outlet evidence."""

    relative: str
    group: str
    hashes: frozenset[int]
    prose: frozenset[int]
    evidence: PageEvidence


def survey_file(job: SurveyJob, shared: object = None) -> Surveyed | None:
    """First pass over one file (runs wherever the mapper sends it); None for HTML or an undecodable file."""
    try:
        decoded = decode(job.raw, job.suffix)
    except Unreadable:
        return None
    if decoded.is_html:
        return None
    lines = dump_lines(decoded.text)
    return Surveyed(job.relative, job.group, line_hashes(lines), prose_hashes(lines), page_evidence(lines))


class Ingest:
    """One ingestion of a folder: call :meth:`run` (or iterate :meth:`stream`), then read ``articles`` and ``report``.

    ``files`` is the folder's discovery (:func:`toolkit.ingest.reading.discover`) when the caller
    already has it, so the folder is walked once per run.
    """

    def __init__(self, root: Path, progress: bool = True, files: list[Path] | None = None) -> None:
        self.root = Path(root)
        self.progress = progress
        self.articles: list[Article] = []
        self.report: list[ReportRow] = []
        self.manifest, manifest_problems = read_manifest(self.root)
        self.report.extend(manifest_problems)
        self.files = list(discover(self.root)) if files is None else files
        self.frequencies: dict[str, LineFrequency] = defaultdict(LineFrequency)
        self.outlets: dict[str, str | None] = {}
        self.first_pass_seconds = 0.0  # how long :meth:`count_lines` took, by the clock

    def relative(self, path: Path) -> str:
        """The file's name in the report: its path inside the folder; bytes of a name that are not
        UTF-8 are written as escapes ("caf\\xe9.txt"), so every file can have a row."""
        name = path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else path.name
        return os.fsencode(name).decode("utf-8", errors="backslashreplace")

    def group(self, relative: str) -> str:
        """Which cross-document group a file's lines are counted in: its manifest outlet, if any."""
        return manifest_row(self.manifest, relative).get("outlet", "").lower()

    def survey_jobs(self) -> Iterator[SurveyJob]:
        """Every readable file's bytes, for the first pass (the second pass reports the others)."""
        for path in self.files:
            if not_an_article(path):
                continue
            try:
                raw = read_bytes(path, self.root)
            except (Unreadable, OSError):
                continue
            relative = self.relative(path)
            yield SurveyJob(relative, self.group(relative), raw, path.suffix)

    def count_lines(self, mapper: Mapper = local_map) -> None:
        """First pass: count every readable text dump's lines in its group, and decide the outlets.

        ``mapper`` runs :func:`survey_file` over the files, in order: in this process by default,
        or on worker processes (:meth:`toolkit.engines.local.ProcessEngine.survey`)."""
        started = time.perf_counter()
        load_language_models()  # loaded once here: workers forked after this share them
        vote = OutletVote()
        across: dict[str, ProseAcrossSites] = {}
        for surveyed in mapper(survey_file, self.survey_jobs(), None):
            if surveyed is not None:
                self.frequencies[surveyed.group].add_hashes(surveyed.hashes)
                vote.add_evidence(surveyed.relative, surveyed.evidence)
                if surveyed.group not in across:
                    across[surveyed.group] = ProseAcrossSites(self.frequencies[surveyed.group], vote.same_site)
                across[surveyed.group].add(surveyed.relative, surveyed.prose)
        for lines_across in across.values():
            lines_across.finish()
        self.outlets = vote.decide()
        self.first_pass_seconds = time.perf_counter() - started

    def run(self) -> Ingest:
        """Both passes; fills ``articles`` and ``report``."""
        self.articles.extend(self.stream())
        return self

    def jobs(self) -> Iterator[FileJob]:
        """Every file's bytes in order, with exact byte duplicates and unreadable files marked skipped."""
        seen_bytes: dict[str, str] = {}
        for path in tqdm(self.files, desc="ingest", unit="file", disable=not self.progress):
            relative = self.relative(path)
            group, row = self.group(relative), manifest_row(self.manifest, relative)
            refused = not_an_article(path)
            if refused and not path.is_dir():  # a folder that cannot be listed says so when read
                yield FileJob(relative, path.suffix, None, group, row, skipped=refused)
                continue
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
            yield FileJob(relative, path.suffix, raw, group, row, self.outlets.get(relative))

    def stream(self, mapper: Mapper = local_map, survey: Mapper = local_map) -> Iterator[Article]:
        """Both passes, yielding each cleaned article instead of keeping it (``report`` still fills).

        ``mapper`` runs :func:`clean_file` over the files, in order, and ``survey`` the first pass's
        :func:`survey_file`: in this process by default, or on worker processes or a Dask cluster
        (:meth:`toolkit.engines.local.ProcessEngine.map`, :meth:`toolkit.engines.cluster.DaskEngine.map`)."""
        self.count_lines(survey)
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
            similar = near.add(relative, cleaned.signature)
            if similar:
                warnings.append(f"near duplicate of {similar[0]} ({similar[1]:.0%} of shingles alike)")
            if article.n_words < SHORT_WORDS:
                warnings.append(f"short body ({article.n_words} words)")
            summary = f"{counted(article.n_paragraphs, 'paragraph')}, {counted(article.n_words, 'word')} ({article.source_format})"
            status = "warning" if warnings else "ok"
            self.report.append(ReportRow(relative, status, "; ".join([summary, *warnings]), article.article_id))
            yield article

    def articles_frame(self) -> pd.DataFrame:
        return articles_frame(self.articles)

    def report_frame(self) -> pd.DataFrame:
        return report_frame(self.report)


def counted(n: int, noun: str) -> str:
    """ "1 paragraph", "3 paragraphs": a count as the report says it."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def explain(root: Path, file: str) -> pd.DataFrame:
    """Every line of one raw file with the cleaner's decision, its reason and the line's role
    (body, headline, byline, date, caption or furniture): the before/after view."""
    ingest = Ingest(Path(root), progress=False)
    ingest.count_lines()
    decoded = _load(Path(root) / file, Path(root))
    text = visible_lines(decoded.text) if decoded.is_html else decoded.text
    language = identify(text)[0]
    frequency = ingest.frequencies.get(ingest.group(file))
    decisions = classify_lines(dump_lines(text), frequency, language=language)
    table = pd.DataFrame([asdict(d) for d in decisions])
    if len(table):
        table.insert(3, "role", line_roles(line_role_probabilities(decisions, frequency, language)))
        table.loc[table["kept"], "role"] = "body"
    return table
