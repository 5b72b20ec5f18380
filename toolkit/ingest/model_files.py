"""The JSON files of the ingestion models (line classifier, line roles, outlet ranker): read
with a check that they were trained on the features the code computes, written by
``benchmarks/train_models.py``."""

from __future__ import annotations

import json
from pathlib import Path


def read_model(path: Path, **expected: tuple[str, ...]) -> dict:
    """The model file's contents; raises ValueError when a named list (``features=...``,
    ``roles=...``) differs from what the code expects, i.e. the file is from another version."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    if any(tuple(spec[key]) != tuple(value) for key, value in expected.items()):
        raise ValueError(f"{path} was trained on other {', '.join(expected)}; rerun benchmarks/train_models.py")
    return spec


def write_model(path: Path, spec: dict) -> None:
    """Write a model file (JSON, one trailing newline)."""
    path.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")


def rounded(weights) -> list:
    """Weights as plain lists of floats at six decimals, for a readable, stable file."""
    return [rounded(w) for w in weights] if getattr(weights, "ndim", 0) > 1 else [round(float(w), 6) for w in weights]
