"""Names: surface normalisation, matching keys, entity ids and the user-editable alias table.

The same person or place is written many ways across outlets (Zelensky / Zelenskyy /
"Vladimir Zelensky", Kiev / Kyiv, Turkey / Türkiye). A mention keeps its surface form as
written; for matching it is normalised (possessive, leading "the" and titles set aside) and
folded to a key (diacritics and punctuation removed, lower case). The alias table
(``data/aliases.csv``: canonical, alias, label) maps keys to canonical names and also feeds
spaCy's EntityRuler, so known names get the right label and an id before ``ner`` runs.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from toolkit.paths import PROJECT_ROOT

DEFAULT_ALIASES = PROJECT_ROOT / "data" / "aliases.csv"
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
ROLE_WORDS = {
    "president", "vice", "prime", "minister", "foreign", "defence", "defense", "deputy", "first", "secretary",
    "general", "state", "chancellor", "senator", "sen.", "rep.", "representative", "gov.", "governor", "mayor",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "chief", "head", "leader", "king", "queen", "prince",
    "pope", "mr.", "mrs.", "ms.", "dr.", "sir", "dame", "gen.", "lt.", "col.", "colonel", "admiral",
    "commander", "director", "chairman", "chairwoman", "chair", "ceo", "presidential", "aide", "adviser", "advisor",
    "special", "envoy", "speaker", "judge", "justice", "officer", "senior", "national", "security",
    "interior", "finance", "economy", "trade", "health", "former", "ex", "acting", "top", "lawmaker",
    "mp", "minister's", "sheikh", "emir", "crown", "archbishop", "bishop", "patriarch", "comrade",
}  # fmt: skip


@dataclass(frozen=True)
class Alias:
    """One row of the alias table."""

    canonical: str
    alias: str
    label: str


def fold(text: str) -> str:
    """A matching key: diacritics folded, punctuation dropped, lower case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w\.\w)\.", "", plain)
    return re.sub(r"[^\w]+", " ", plain.lower()).strip()


def slug(name: str) -> str:
    """An entity id readable by people: the folded canonical name with hyphens."""
    return fold(name).replace(" ", "-") or "x" + hashlib.sha1(name.encode()).hexdigest()[:8]


def split_role(surface: str) -> tuple[str, str]:
    """(role, name) of a surface form: leading titles such as "President" or "Foreign Minister" set aside."""
    words = surface.split()
    cut = 0
    while cut < len(words) - 1 and words[cut].lower().strip(",") in ROLE_WORDS:
        cut += 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def normalise_surface(surface: str) -> str:
    """The name inside a surface form: no possessive, no leading "the", no leading titles."""
    text = re.sub(r"\s+", " ", surface).strip(" \"'“”‘’.,;:()[]")
    text = POSSESSIVE.sub("", text)
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return split_role(text)[1]


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
