"""The user-editable alias table ``data/aliases.csv`` (canonical, alias, label).

It maps spellings to one entity (Kiev → Kyiv, Turkey → Türkiye) by their folded keys
(:func:`toolkit.entities.names.fold`), and feeds spaCy's EntityRuler, so known names get the
right label and an id before ``ner`` runs.
"""

from __future__ import annotations

import csv
import hashlib
import io
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


MAX_ROWS = 20_000  # each row is an EntityRuler pattern in every spaCy process: ~0.3 ms and ~15 KB a row to build
COLUMNS = ("canonical", "alias", "label")


class AliasTableError(ValueError):
    """The alias table cannot be used as it is (not UTF-8, not comma-separated, wrong header, too long)."""


def read_aliases(path: Path | None = None) -> list[Alias]:
    """The alias table's rows (blank rows and rows without a canonical name or an alias skipped).

    Raises :class:`AliasTableError` for a table that is not UTF-8 CSV with the header
    ``canonical,alias,label`` (label may be left out) or has more than :data:`MAX_ROWS` rows:
    silently ignoring a table the user edited would be worse than stopping."""
    path = Path(path or DEFAULT_ALIASES)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise AliasTableError(f"the alias table {path} is not UTF-8 (byte {error.start}); save it as UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if not {"canonical", "alias"} <= set(header):
        found = ",".join(reader.fieldnames or []) or "none"
        raise AliasTableError(f"the alias table {path} needs the comma-separated header {','.join(COLUMNS)}; it has {found}")
    reader.fieldnames = header
    rows = []
    for record in reader:
        canonical, alias = (record.get("canonical") or "").strip(), (record.get("alias") or "").strip()
        if canonical and alias:
            rows.append(Alias(canonical, alias, (record.get("label") or "").strip()))
        if len(rows) > MAX_ROWS:
            raise AliasTableError(f"the alias table {path} has more than {MAX_ROWS:,} rows, the most the toolkit takes "
                                  "(every row is a spaCy pattern built in every process); keep the names your articles use")  # fmt: skip
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
