"""Where things live: the Python API and notebooks resolve relative paths from the project root;
the command line resolves them from the current folder before it calls the API.

Notebooks run with their own folder as working directory (nbval, JupyterLab) or the
caller's (papermill); resolving their relative paths against the project root makes them
behave the same everywhere. A user typing ``python -m toolkit run data/raw`` in their own
project means their own ``data/raw``: :func:`command_line_path` makes it absolute first.
Every path is made canonical (symbolic links and ``..`` resolved), so one folder has one name.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class BadPath(ValueError):
    """A path that cannot be used as given (an unknown ~user, input and output overlapping)."""


def _expanded(path: str | Path) -> Path:
    try:
        return Path(path).expanduser()
    except RuntimeError as error:  # "~nouser"
        raise BadPath(f"cannot expand {path}: {error}") from None


def project_path(path: str | Path) -> Path:
    """A canonical absolute path: relative paths are taken from the project root."""
    path = _expanded(path)
    return (path if path.is_absolute() else PROJECT_ROOT / path).resolve()


def command_line_path(path: str | Path) -> Path:
    """A canonical absolute path: relative paths are taken from the current folder."""
    return _expanded(path).resolve()


def refuse_overlap(source: Path, target: Path, what: str) -> None:
    """Raise :class:`BadPath` when an output folder is the input folder or inside it: the input
    is only ever read, and an output written into it would be read back as input next time."""
    source, target = source.resolve(), target.resolve()
    if target.is_relative_to(source):
        raise BadPath(f"{what} {target} overlaps the input folder {source}; choose a folder outside it")
