"""Execute the numbered notebooks with papermill into a reports folder.

Each notebook gets the data folders as parameters, so the same notebooks run on the
embedded data or on any folder; the executed copies (with outputs and static chart images)
go to ``reports/`` while ``notebooks/`` stays free of outputs. Notebooks that declare
``STATIC_IMAGES`` get it set, so their charts carry PNG copies (kaleido, with the system's
chromium) that read well where JavaScript does not run, such as on GitHub.
"""

from __future__ import annotations

from pathlib import Path

import papermill

from toolkit.paths import PROJECT_ROOT, project_path, refuse_overlap

NOTEBOOKS = PROJECT_ROOT / "notebooks"


def numbered_notebooks() -> list[Path]:
    """The tour's notebooks in order: notebooks/NN-*.ipynb."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def execute_notebooks(raw_dir: str | Path, out_dir: str | Path, reports_dir: str | Path, progress: bool = True) -> list[Path]:
    """Run every numbered notebook on the given folders; returns the executed copies' paths."""
    reports = project_path(reports_dir)
    refuse_overlap(project_path(raw_dir), reports, "the notebooks' folder")
    reports.mkdir(parents=True, exist_ok=True)
    common = {"RAW_DIR": str(project_path(raw_dir)), "OUT_DIR": str(project_path(out_dir)), "STATIC_IMAGES": True}
    written = []
    for notebook in numbered_notebooks():
        target = reports / notebook.name
        declared = papermill.inspect_notebook(str(notebook))
        parameters = {name: value for name, value in common.items() if name in declared}
        papermill.execute_notebook(str(notebook), str(target), parameters=parameters, cwd=str(NOTEBOOKS),
                                   kernel_name="python3", progress_bar=progress)  # fmt: skip
        written.append(target)
    return written
