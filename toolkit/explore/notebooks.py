"""Execute the numbered notebooks with papermill into a reports folder per data set.

Each notebook gets the data folders as parameters, so the same notebooks run on the embedded
data or on any folder. The executed copies (with outputs and static chart images) go to
``REPORTS/<name of OUT_DIR>/``, so runs on different data sets do not overwrite each other,
while ``notebooks/`` stays free of outputs. Beside each executed notebook, its charts are
written as figure files: one PNG per chart and one self-contained HTML page with all of them
(plotly.js inlined once), for slides and for readers without Jupyter.

A notebook is executed again only when something it depends on changed: the notebook, its
parameters, the output tables (their sizes and modification times, which an unchanged rerun
of the pipeline leaves alone) or the toolkit's own code. ``force=True`` runs them all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path

import papermill
import plotly.io as pio
from papermill.exceptions import PapermillExecutionError

from toolkit.paths import PROJECT_ROOT, project_path, refuse_overlap
from toolkit.storage import atomic_write
from toolkit.tables import table_stamps

NOTEBOOKS = PROJECT_ROOT / "notebooks"
PACKAGE = Path(__file__).resolve().parents[1]
STAMPS = ".executed.json"
QUIET_KERNEL = ["--IPKernelApp.log_level=CRITICAL"]  # no "running over TCP without encryption" or shutdown noise in the log
PLOTLY = "application/vnd.plotly.v1+json"


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the executed copy shows the cell where it happened."""


def numbered_notebooks() -> list[Path]:
    """The tour's notebooks in order: notebooks/NN-*.ipynb."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def reports_folder(reports_dir: str | Path, out_dir: str | Path) -> Path:
    """Where one data set's executed notebooks go: ``reports_dir/<name of out_dir>``."""
    return project_path(reports_dir) / project_path(out_dir).name


def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _key(notebook: Path, parameters: dict, out_dir: Path, code: str) -> str:
    inputs = {"notebook": hashlib.sha256(notebook.read_bytes()).hexdigest(), "parameters": parameters,
              "tables": table_stamps(out_dir), "code": code}  # fmt: skip
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def execute_notebooks(raw_dir: str | Path, out_dir: str | Path, reports_dir: str | Path, progress: bool = True,
                      force: bool = False) -> list[tuple[Path, bool]]:  # fmt: skip
    """Run every numbered notebook on the given folders; returns each executed copy's path and
    whether it was executed now (False: its inputs had not changed since the copy was made)."""
    raw, out = project_path(raw_dir), project_path(out_dir)
    reports = reports_folder(reports_dir, out_dir)
    refuse_overlap(raw, reports, "the notebooks' folder")
    reports.mkdir(parents=True, exist_ok=True)
    stamps_file = reports / STAMPS
    stamps = json.loads(stamps_file.read_text()) if stamps_file.exists() else {}
    common = {"RAW_DIR": str(raw), "OUT_DIR": str(out), "STATIC_IMAGES": True}
    code, results = _code_digest(), []
    for notebook in numbered_notebooks():
        target = reports / notebook.name
        declared = papermill.inspect_notebook(str(notebook))
        parameters = {name: value for name, value in common.items() if name in declared}
        key = _key(notebook, parameters, out, code)
        if not force and target.exists() and stamps.get(notebook.name) == key:
            results.append((target, False))
            continue
        partial = target.with_name(f".{notebook.stem}.partial.ipynb")
        try:
            papermill.execute_notebook(str(notebook), str(partial), parameters=parameters, cwd=str(NOTEBOOKS), kernel_name="python3",
                                       progress_bar=progress, extra_arguments=QUIET_KERNEL)  # fmt: skip
        except PapermillExecutionError as error:
            raise NotebookFailed(f"{notebook.name} stopped at cell [{error.exec_count}] with {error.ename}: {error.evalue} "
                                 f"(the executed copy {target} shows where)") from None  # fmt: skip
        finally:
            if partial.exists():
                os.replace(partial, target)  # a failed run's copy too: it shows the error where it happened
        write_figure_files(target, reports / "figures")
        stamps[notebook.name] = key
        atomic_write(stamps_file, lambda name: Path(name).write_text(json.dumps(stamps, indent=1)))
        results.append((target, True))
    return results


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "chart"


def write_figure_files(executed: Path, folder: Path) -> list[Path]:
    """The charts of an executed notebook as files: ``<notebook>-NN-<section heading>.png`` for each
    chart that has a static image (names that stay the same when the data changes), and
    ``<notebook>-charts.html``, every chart in one self-contained page."""
    charts, heading = [], "chart"
    for cell in json.loads(executed.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.lstrip().startswith("#"):
            heading = source.lstrip("# ").splitlines()[0]
        charts.extend((heading, output["data"]) for output in cell.get("outputs", []) if PLOTLY in output.get("data", {}))
    for old in folder.glob(f"{executed.stem}-*"):
        old.unlink()
    if not charts:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    written, pages = [], []
    for number, (heading, data) in enumerate(charts, start=1):
        figure = pio.from_json(json.dumps(data[PLOTLY]), skip_invalid=True)
        if "image/png" in data:
            path = folder / f"{executed.stem}-{number:02d}-{_slug(heading)}.png"
            png = base64.b64decode("".join(data["image/png"]) if isinstance(data["image/png"], list) else data["image/png"])
            atomic_write(path, lambda name, png=png: Path(name).write_bytes(png))
            written.append(path)
        pages.append(pio.to_html(figure, full_html=False, include_plotlyjs=number == 1, default_width="100%"))
    page = folder / f"{executed.stem}-charts.html"
    document = f"<!doctype html><html><head><meta charset='utf-8'><title>{executed.stem}</title></head><body>{''.join(pages)}</body></html>"
    atomic_write(page, lambda name: Path(name).write_text(document, encoding="utf-8"))
    return [*written, page]
