"""Dates written on a page: find the date-shaped pieces of a line, parse them, reject the implausible.

A line of a page dump may say "Updated 10:32 AM EST, Tue November 19, 2019", "21:17 18.11.2019",
"quinta-feira, 14 de março de 2024 às 09:30" or "© 2019 Example". Regular expressions find
the date-shaped pieces (numeric, ISO, or a day, a month word in any language and a year) and the
time and zone next to them; dateparser parses only those pieces, which keeps it fast and keeps it
from reading dates into words. The commonest English shapes are read directly, exactly as
dateparser reads them (a test checks this): its first use in a process alone costs a tenth of a
second. As htmldate does for HTML, copyright years, years before 1990 and dates in the future are
rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from dateparser.data.languages_info import language_order
from dateparser.date import DateDataParser

MONTH_WORD = r"[^\W\d_]{3,12}\.?"  # "November", "Nov.", "outubro", "Maret", "NOV"
YEAR = r"(?:19|20)\d{2}(?=\d{1,2}:\d{2}|\D|$)"  # "20194:29 AM": a year glued to the time that follows
DATE_PIECE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}/\d{{1,2}}/\d{{1,2}}|\d{{1,2}}[./]\d{{1,2}}[./]{YEAR}"
    rf"|\d{{1,2}}\.?\s+(?:de\s+)?{MONTH_WORD},?\s+(?:de\s+)?{YEAR}"
    rf"|{MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR})",
    re.IGNORECASE,
)
TIME_PIECE = re.compile(r"(?<![\d:])(\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)(?![\d:])", re.IGNORECASE)
ZONE_PIECE = re.compile(r"\b(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?\b|(?<=\d)Z\b|[+-]\d{2}:\d{2}\b|\b(?:UTC|GMT|[ECMP][SD]?T)\b")
FOUR_DIGITS = re.compile(r"\d{4}")  # in every DATE_PIECE and ISO_STAMP
ISO_STAMP = re.compile(r"\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
COPYRIGHT = re.compile(r"©|ⓒ|\(c\)|\bcopyright\b", re.IGNORECASE)
EARLIEST_YEAR = 1990
DATEPARSER_LANGUAGES = frozenset(language_order)
SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY", "PREFER_LOCALE_DATE_ORDER": False}


@dataclass(frozen=True)
class FoundDate:
    """A plausible date in a line: its ISO 8601 form (with time and offset when written) and where it was."""

    iso: str
    start: int
    end: int


@lru_cache(maxsize=32)
def _parser(languages: tuple[str, ...] | None) -> DateDataParser:
    """One dateparser parser per language list, reused: building one for every piece costs more than parsing it.
    A language dateparser has no data for (the identifier also names "wuu", Wu Chinese, or "zxx", no
    language) is left out, and with none left every language is tried, as for a page of unknown language."""
    known = [language for language in languages or () if language in DATEPARSER_LANGUAGES]
    return DateDataParser(languages=known or None, settings=SETTINGS)


# The shapes most English pages write ("20 November 2019 10:32", "Nov. 20, 2019 4:29 PM", "2019-11-20
# 10:32 Z"), read directly, as htmldate reads common shapes before its extensive search; anything
# else (other languages, numeric day-month orders, zones such as "EST") goes to dateparser.
MONTHS = {
    name: number for number, names in enumerate((
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
        ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
    ), start=1) for name in names
}  # fmt: skip
COMMON_SHAPE = re.compile(
    r"(?:(?P<day>\d{1,2})\s+(?P<month>[a-z]{3,9})\.?,?|(?P<month_first>[a-z]{3,9})\.?\s+(?P<day_after>\d{1,2})(?:st|nd|rd|th)?,?)\s+(?P<year>\d{4})"
    r"(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\s*(?P<half>[ap])\.?m\.?)?)?(?:\s+(?P<utc>Z|UTC|GMT))?",
    re.IGNORECASE,
)


def _common_shape(text: str) -> datetime | None:
    """The date of a piece in one of the common English shapes, else None (dateparser decides)."""
    match = COMMON_SHAPE.fullmatch(text)
    if match is None:
        return None
    month = MONTHS.get((match["month"] or match["month_first"]).lower())
    hour, minute = int(match["hour"] or 0), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
    try:
        day, second = int(match["day"] or match["day_after"]), int(match["second"] or 0)
        return datetime(int(match["year"]), month, day, hour, minute, second, tzinfo=UTC if match["utc"] else None)
    except (TypeError, ValueError):  # not a month name, or no such day or time
        return None


def _parse(text: str, languages: list[str] | None) -> datetime | None:
    return _parse_cached(text, tuple(languages) if languages else None)


@lru_cache(maxsize=1 << 12)
def _parse_cached(text: str, languages: tuple[str, ...] | None) -> datetime | None:
    """Pages of one site write the same dates ("Nov 20, 2019" in every teaser): each is parsed once."""
    if languages is None or "en" in languages:
        common = _common_shape(text)
        if common is not None:
            return common
    return _parser(languages).get_date_data(text).date_obj


def _plausible(parsed: datetime | None, now: datetime) -> bool:
    if parsed is None or parsed.year < EARLIEST_YEAR:
        return False
    comparable = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return comparable <= now + timedelta(days=1)


def find_dates(line: str, now: datetime | None = None, languages: list[str] | None = None) -> list[FoundDate]:
    """Every plausible date written in a line, in order (none in a copyright notice)."""
    if COPYRIGHT.search(line):
        return []
    now = now or datetime.now(UTC)
    found = []
    for iso in ISO_STAMP.finditer(line):
        parsed = _parse(" ".join(x for x in iso.groups() if x), None)
        if _plausible(parsed, now):
            found.append(FoundDate(parsed.isoformat(timespec="minutes"), iso.start(), iso.end()))
    if found:
        return found
    for piece in DATE_PIECE.finditer(line):
        rest = line[piece.end() : piece.end() + 40]
        before = line[max(0, piece.start() - 30) : piece.start()]
        clock = TIME_PIECE.search(rest) or TIME_PIECE.search(before)
        zone = ZONE_PIECE.search(line[piece.start() - len(before) : piece.end() + len(rest)]) if clock else None
        text = " ".join(x for x in (piece.group(0), clock and clock.group(1), zone and zone.group(0)) if x)
        parsed = _parse(text, languages)
        if parsed is None and clock is not None:  # a time dateparser could not place: keep the date alone
            parsed, clock = _parse(piece.group(0), languages), None
        if _plausible(parsed, now):
            iso = parsed.isoformat(timespec="minutes") if clock else parsed.date().isoformat()
            found.append(FoundDate(iso, piece.start(), piece.end()))
    return found


def parse_date(text: str, now: datetime | None = None, languages: list[str] | None = None) -> str | None:
    """ISO 8601 for the first plausible date in a line: date, plus time and UTC offset when given.

    Copyright lines, years before 1990 and dates in the future are rejected.
    """
    found = find_dates(text, now, languages)
    return found[0].iso if found else None


def looks_like_date(line: str) -> bool:
    """Whether a line holds something date-shaped (a cheap test, before any parsing). Every shape
    holds four digits in a row (a year), which most lines lack and which is quick to look for."""
    return bool(FOUR_DIGITS.search(line)) and bool(DATE_PIECE.search(line) or ISO_STAMP.search(line))
