"""The development set of page dumps with gold bodies (../shared/dev/cleaning), as line-labelled documents.

A dump line is labelled body when it equals a gold paragraph, or when it is a long line
found verbatim inside the gold body. Scores are bag-of-tokens precision/recall/F1 per page,
averaged over pages, as the set's README prescribes.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from toolkit.ingest.cleaner import dump_lines
from toolkit.ingest.line_features import LineFrequency, line_feature_matrix, normalise_line

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "cleaning"


@dataclass
class DevDocument:
    id: str
    lines: list[str]
    labels: np.ndarray
    body: str
    title: str | None
    date: str | None
    author: str | None


def devset_dir() -> Path:
    """Where the development dumps are: $CLEANING_DEVSET or ../shared/dev/cleaning."""
    return Path(os.environ.get("CLEANING_DEVSET", DEFAULT_DIR))


def load_devset(directory: Path | None = None) -> tuple[list[DevDocument], LineFrequency]:
    """Every dev document with line labels, and the cross-document line frequency of the set."""
    directory = directory or devset_dir()
    docs, frequency = [], LineFrequency()
    for row in map(json.loads, (directory / "gold.jsonl").read_text(encoding="utf-8").splitlines()):
        lines = dump_lines((directory / "dumps" / f"{row['id']}.txt").read_text(encoding="utf-8"))
        frequency.add(lines)
        paragraphs = {normalise_line(p) for p in row["body"].split("\n") if p.strip()}
        body = normalise_line(row["body"])
        labels = np.array([x in paragraphs or (len(x) > 40 and x in body) for x in lines], dtype=int)
        docs.append(DevDocument(row["id"], lines, labels, row["body"], row.get("title"), row.get("date"), row.get("author")))
    return docs, frequency


def features(docs: list[DevDocument], frequency: LineFrequency) -> list[np.ndarray]:
    """The feature matrix of every document."""
    return [line_feature_matrix(d.lines, frequency) for d in docs]


def token_f1(predicted: str, gold: str) -> float:
    """Bag-of-tokens F1 between a predicted and a gold body."""
    a = Counter(re.findall(r"\w+", predicted.lower()))
    b = Counter(re.findall(r"\w+", gold.lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)
