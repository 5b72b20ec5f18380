"""The user-editable alias table ``data/aliases.csv`` (canonical, alias, label).

It maps spellings to one entity (Kiev → Kyiv, Turkey → Türkiye) by their folded keys
(:func:`toolkit.entities.names.fold`), and feeds spaCy's EntityRuler, so known names get the
right label and an id before ``ner`` runs.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from toolkit.entities.names import fold, slug
from toolkit.paths import PROJECT_ROOT

DEFAULT_ALIASES = PROJECT_ROOT / "data" / "aliases.csv"


@dataclass(frozen=True)
class Alias:
    """One row of the alias table."""

    canonical: str
    alias: str
    label: str


def read_aliases(path: Path | None = None) -> list[Alias]:
    """The alias table's rows (blank and malformed rows skipped)."""
    path = Path(path or DEFAULT_ALIASES)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [Alias(r["canonical"].strip(), r["alias"].strip(), (r.get("label") or "").strip()) for r in csv.DictReader(handle)
                if (r.get("canonical") or "").strip() and (r.get("alias") or "").strip()]  # fmt: skip
    return rows


def add_aliases(rows: list[Alias], path: Path | None = None) -> int:
    """Append rows to the alias table (skipping ones already there); returns how many were added."""
    path = Path(path or DEFAULT_ALIASES)
    existing = {(fold(a.alias), a.canonical) for a in read_aliases(path)}
    new = [r for r in rows if (fold(r.alias), r.canonical) not in existing]
    if new:
        header = not path.exists()
        with path.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            if header:
                writer.writerow(["canonical", "alias", "label"])
            writer.writerows([[r.canonical, r.alias, r.label] for r in new])
    return len(new)


def alias_index(rows: list[Alias]) -> dict[str, Alias]:
    """Folded alias → row; the canonical names map to themselves."""
    index: dict[str, Alias] = {}
    for row in rows:
        index.setdefault(fold(row.canonical), Alias(row.canonical, row.canonical, row.label))
        index[fold(row.alias)] = row
    return index


def ruler_patterns(rows: list[Alias]) -> list[dict]:
    """EntityRuler patterns: every alias, case-sensitive, labelled and with the canonical id."""
    patterns = []
    for row in rows:
        for variant in {row.alias, row.canonical}:
            if variant.lower().startswith("the "):
                continue
            patterns.append({"label": row.label or "ORG", "pattern": variant, "id": slug(row.canonical)})
    return patterns


def table_fingerprint(rows: list[Alias]) -> str:
    """A short hash of the alias table, part of the NLP cache key (the ruler changes NER)."""
    return hashlib.sha1(repr(sorted((r.canonical, r.alias, r.label) for r in rows)).encode()).hexdigest()[:12]
