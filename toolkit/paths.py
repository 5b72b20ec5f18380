"""Where things live: paths are resolved from the project root, never the working directory.

Notebooks run with their own folder as working directory (nbval, JupyterLab) or the
caller's (papermill); resolving every relative path against the project root makes them
behave the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def project_path(path: str | Path) -> Path:
    """An absolute path: relative paths are taken from the project root."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path
