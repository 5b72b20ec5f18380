"""Recover title, publication date, byline, outlet, section and dateline from a cleaned dump.

In a page dump the metadata sits next to where the body starts: the headline just above
the first paragraph, a date line near it, a "By ..." byline before or after the body, a
"Source:" line, the outlet in a copyright notice or an "X reports" phrase, a breadcrumb or
an all-caps section name above the headline, and a dateline ("16 May 2025 – Istanbul –")
opening the first paragraph. Each finder is a small function over the dump's lines.
Dates are found by pattern and parsed by dateparser; copyright years and future dates are
rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import dateparser

from toolkit.ingest.cleaner import LineDecision, is_prose
from toolkit.ingest.line_features import FURNITURE, LineFrequency

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_PART = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    r"\d{1,2}[./]\d{1,2}[./]\d{4})\b",
    re.IGNORECASE,
)
TIME_PART = re.compile(r"(?<![\d:])(\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)(?![\d:])", re.IGNORECASE)
ZONE_PART = re.compile(r"\b(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?\b|(?<=\d)Z\b|[+-]\d{2}:\d{2}\b|\b(?:UTC|GMT|[ECMP][SD]?T)\b")
ISO_STAMP = re.compile(r"\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)

NAME_WORD = r"(?:[A-ZÀ-Ý][\w'’.-]+|[A-Z]\.|de|van|von|der|bin|al|da|di|la|le)"
NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,4}}"
BYLINE = re.compile(rf"^(?:by|written by|words by|author:|reporting by)\s*:?\s+({NAME}(?:\s*(?:,|and|&)\s*{NAME})*)\s*$", re.IGNORECASE)
BARE_BY = re.compile(r"^by:?$", re.IGNORECASE)
SOURCE_LINE = re.compile(r"^source:\s*(.+?)(?:\s+(?:editor|editors|reporter|translator|photo)s?:.*)?$", re.IGNORECASE)
OUTLET_REPORTS = re.compile(r"\b([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}) (?:reports|reported|has learned)\b")
OUTLET_SHAPE = re.compile(r"\.\w{2,}$|\b(?:News|Times|Post|Daily|Herald|Journal|Agency|TV|Press|Tribune|Gazette|Telegraph|Guardian)\b")
COPYRIGHT_HOLDER = (
    re.compile(r"^(.{2,60}?)\s*©\s*(?:\d{4})?"),
    re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*([^.|,]{2,60}?)(?:\.|,|\||all rights|$)", re.IGNORECASE),
)
BREADCRUMB = re.compile(r"^[A-Z][\w&' ]{1,25}(?:\s*[/>»|]\s*[A-Z][\w&' ]{1,25}){1,3}$")
SECTION_WORD = re.compile(r"^[A-Z][A-Z&' -]{2,30}$")
LEADING_DATELINE = re.compile(
    rf"^(?P<date>(?:\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}},?\s+\d{{4}}))\s*[–—-]\s*(?P<place>[A-Z][\w .'’-]{{1,40}}?)\s*[–—-]\s*",
)
AGENCY_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .]{2,30})?)\s*(?:\((?:[A-Za-z. ]{2,20})\))?\s*[–—-]{1,2}\s+\S")
HEADER_WINDOW = 12


@dataclass
class Metadata:
    """What the page says about the article, each field None when it does not say."""

    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    section: str | None = None
    dateline: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


def parse_date(text: str, now: datetime | None = None) -> str | None:
    """ISO 8601 for the first plausible date in a line: date, plus time and UTC offset when given.

    Copyright lines, years before 1990 and dates in the future are rejected.
    """
    if COPYRIGHT.search(text):
        return None
    iso = ISO_STAMP.search(text)
    if iso:
        candidate = " ".join(x for x in iso.groups() if x)
        has_time = True
    else:
        date = DATE_PART.search(text)
        if not date:
            return None
        clock = TIME_PART.search(text)
        zone = ZONE_PART.search(text) if clock else None
        candidate = " ".join(x for x in (date.group(0), clock and clock.group(1), zone and zone.group(0)) if x)
        has_time = clock is not None
    parsed = dateparser.parse(candidate, settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"})
    if parsed is None or parsed.year < 1990:
        return None
    now = now or datetime.now(UTC)
    comparable = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if comparable > now + timedelta(days=1):
        return None
    return parsed.isoformat(timespec="minutes") if has_time else parsed.date().isoformat()


def _nearby(indices: range, around: int) -> list[int]:
    """Indices ordered by distance from `around`, nearer first, earlier first on ties."""
    return sorted(indices, key=lambda i: (abs(i - around), i))


def find_published(lines: list[str], body_start: int) -> tuple[str | None, int | None]:
    """The date line nearest the start of the body (header first, then the rest of the page)."""
    window = range(max(0, body_start - HEADER_WINDOW), min(len(lines), body_start + 2))
    for i in [*_nearby(window, body_start), *range(len(lines))]:
        if len(lines[i].split()) > 12 and i != body_start:
            continue
        found = parse_date(lines[i][:200])
        if found:
            return found, i
    return None, None


def is_headline(line: str, frequency: LineFrequency | None) -> bool:
    """A line shaped like a headline: 3 to 30 words, not a sentence, date, byline or page furniture."""
    words = line.split()
    return (
        3 <= len(words) <= 30
        and not line.endswith((".", ":", ";", ","))
        and not DATE_PART.search(line)
        and not BYLINE.match(line)
        and not FURNITURE.search(line)
        and not (frequency and frequency.in_other_documents(line))
    )


def find_title(lines: list[str], body_start: int, frequency: LineFrequency | None) -> tuple[str | None, int | None]:
    """The headline-like line nearest above the body."""
    for i in range(body_start - 1, max(-1, body_start - HEADER_WINDOW - 1), -1):
        if is_headline(lines[i], frequency):
            return lines[i], i
    return None, None


def find_author(lines: list[str], body_start: int) -> str | None:
    """A "By ..." byline nearest the body, else the agency of a "Source:" line."""
    for i in _nearby(range(len(lines)), body_start):
        match = BYLINE.match(lines[i])
        if match:
            return match.group(1).strip()
        if BARE_BY.match(lines[i]) and i + 1 < len(lines) and re.fullmatch(NAME, lines[i + 1]):
            return lines[i + 1]
    for line in lines:
        match = SOURCE_LINE.match(line)
        if match and len(match.group(1).split()) <= 5:
            return match.group(1).strip()
    return None


def find_outlet(lines: list[str], body: list[str]) -> tuple[str | None, str | None]:
    """The outlet and the evidence naming it: a copyright notice, an "X reports" phrase or a Source line."""
    for line in lines:
        if not COPYRIGHT.search(line) or len(line) > 160:
            continue
        for pattern in COPYRIGHT_HOLDER:
            match = pattern.search(line)
            if match and re.search(r"[A-Za-z]{2}", match.group(1)) and not re.search(r"\d{4}", match.group(1)):
                return match.group(1).strip(" .,-"), line
    for paragraph in body:
        for match in OUTLET_REPORTS.finditer(paragraph):
            if OUTLET_SHAPE.search(match.group(1)):
                return match.group(1), paragraph
    for line in lines:
        match = SOURCE_LINE.match(line)
        if match and len(match.group(1).split()) <= 5:
            return match.group(1).strip(), line
    return None, None


def find_section(lines: list[str], title_index: int | None) -> str | None:
    """A breadcrumb or an all-caps section name in the few lines above the headline."""
    if title_index is None:
        return None
    for i in range(title_index - 1, max(-1, title_index - 8), -1):
        line = lines[i]
        if BREADCRUMB.match(line) or SECTION_WORD.match(line):
            return re.sub(r"\s*([/>»|])\s*", r" \1 ", line)
    return None


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """(place, date, rest) of a first paragraph opening with a dateline.

    A "date – place –" opener is metadata and is cut from the text; an agency dateline
    ("KYIV (Reuters) -") stays in the text and only its place is recorded.
    """
    match = LEADING_DATELINE.match(paragraph)
    if match:
        return match.group("place").strip(), parse_date(match.group("date")), paragraph[match.end() :]
    match = AGENCY_DATELINE.match(paragraph)
    if match:
        return match.group("place").strip().title(), None, paragraph
    return None, None, paragraph


def extract_metadata(decisions: list[LineDecision], frequency: LineFrequency | None = None) -> tuple[Metadata, list[str]]:
    """Metadata of a cleaned dump, and the body paragraphs with a leading dateline cut."""
    lines = [d.text for d in decisions]
    kept = [d for d in decisions if d.kept]
    body = [d.text for d in kept]
    body_start = kept[0].index if kept else len(lines)
    meta = Metadata()
    title, title_index = find_title(lines, body_start, frequency)
    meta.title = title
    meta.published, date_index = find_published(lines, body_start)
    if date_index is not None:
        meta.evidence["published"] = lines[date_index]
    meta.author = find_author(lines, body_start)
    meta.outlet, outlet_evidence = find_outlet(lines, body)
    if outlet_evidence:
        meta.evidence["outlet"] = outlet_evidence
    meta.section = find_section(lines, title_index)
    if body:
        place, date, rest = split_dateline(body[0])
        meta.dateline = place
        if date and (meta.published is None or date_index == body_start):
            meta.published = date
        body[0] = rest
        if not rest.strip():
            body = body[1:]
    body = [p for p in body if p != title or is_prose(p)]
    return meta, body
