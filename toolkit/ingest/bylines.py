"""Author names from a byline line: "By Jane Doe - Nov 19, 2019", "Monday ... by Joe Rossignol",
"Natasha Turak@NatashaTurak", "VICTOR TANGERMANN, FUTURISM", "Tom Krisher, AP Auto Writer".

Which line is the byline is the line-role model's decision (:mod:`toolkit.ingest.line_roles`);
this module only reads the names out of it: dates, times, handles, e-mail addresses and links
are set aside, the text after a "by" is taken, and the longest run of name-shaped words
(capitalised words, initials, name particles) from the start is the name; "A, B and C" and
"A and B" keep every author. An all-capitals name is written in title case.
"""

from __future__ import annotations

import re

from toolkit.entities.gender import FEMALE_NAMES, MALE_NAMES
from toolkit.ingest.dates import DATE_PIECE, ISO_STAMP, TIME_PIECE, ZONE_PIECE
from toolkit.ingest.language import word_zipf

BY = re.compile(r"^(?:.*?\s)?(?:(?:written|words|reporting|posted|published|story|text|photos?)\s*)?by\s*:?\s+(?=\S)|^by\s*:?\s*", re.IGNORECASE)
AUTHOR_LABEL = re.compile(r"^(?:author|autor|auteur|autore|penulis|reporter|writer|source|автор)\s*:\s*", re.IGNORECASE)
NOISE = re.compile(r"@\w+(?!\.\w)|(?<![^\s@])[^\s@]+@[^\s@]+\.\w+|https?://\S+|www\.\S+|\(\d{3}\)\s*\d{3}-\d{4}|\b\d[\d\s-]{6,30}\d\b")
PARTICLES = {"de", "da", "di", "do", "dos", "das", "del", "della", "du", "van", "von", "der", "den", "ter", "bin", "binti", "al", "el", "la", "le", "st."}
NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-Žא-תА-Я][\w'’.-]*|[A-Z]\.)$")
GLUED = re.compile(r"(?<=[a-zà-ÿ]{4})(?=[A-Z][a-z]{3})")  # "HiltzikBusiness Columnist": two fields run together
GLUED_MIN_LENGTH = 12  # only an over-long word is split there (not "McCoy", "LinkedIn" or "AccuWeather")
SEPARATORS = re.compile(r"(?<!\s)\s*(?:\||·|•|—|–|\s-\s|/)\s*")  # (?<!\s): one try per run of spaces
JOINERS = {"and", "&", "und", "e", "y", "et", "dan", "и"}
MAX_NAME_WORDS = 5
COMMON_WORD_ZIPF = 4.2  # capitalised words all this common ("Updated", "Key Points", "WORLD") are not a name
MIN_NAME_SHARE = 0.5  # without a "by", the name must be at least half of the line's first field


def _strip_noise(line: str) -> str:
    for pattern in (ISO_STAMP, DATE_PIECE, ZONE_PIECE, TIME_PIECE, NOISE):
        line = pattern.sub(" ", line)
    return re.sub(r"\s+", " ", line).strip(" ,;:-")


def _name_run(words: list[str]) -> list[str]:
    """The name-shaped words at the start of a list of words (a name, or names joined by "and" or
    listed "A, B and C"); commas stay on the words they follow."""
    taken: list[str] = []
    for position, word in enumerate(words):
        bare = word.rstrip(",")
        if re.search(r"['’]s$", bare):
            break  # "Ukraine’s Push": a possessive is not part of a name
        mixed_so_far = any(not w.isupper() for w in taken if w.lower() not in JOINERS)
        if len(taken) >= 2 and mixed_so_far and bare.isupper() and len(bare) > 1:
            break  # "Kevin McCoy USA TODAY": an outlet in capitals follows the names
        if NAME_WORD.match(bare) or (taken and bare.lower() in PARTICLES):
            taken.append(word)
        elif taken and bare.lower() in JOINERS:
            taken.append(bare.lower())
        else:
            break
        if word.endswith(",") and not any(w.lower() in JOINERS for w in words[position + 1 :]):
            break  # "Tom Krisher, AP Auto Writer": the comma ends the name unless a list "A, B and C" follows
    while taken and (taken[-1] in JOINERS or taken[-1].rstrip(",").lower() in PARTICLES):
        taken.pop()
    if taken:
        taken[-1] = taken[-1].rstrip(",")
    return taken


def _title_case(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in name.split()) if name.isupper() else name


def byline_names(line: str) -> str | None:
    """The author name(s) a byline line gives, or None when it names nobody."""
    labelled = AUTHOR_LABEL.match(line.strip())
    text = line.strip()[labelled.end() :] if labelled else line.strip()
    by = BY.match(text)
    if by:
        text = text[by.end() :]
    by = by or labelled
    text = _strip_noise(text)
    long_word = next((w for w in text.split() if len(w) >= GLUED_MIN_LENGTH and GLUED.search(w)), None)
    if long_word is not None:
        text = text[: text.index(long_word)] + GLUED.split(long_word, maxsplit=1)[0]
    text = SEPARATORS.split(text, maxsplit=1)[0]
    words = _name_run(text.split())
    head = text.split(",")[0].split()
    if not by and len([w for w in words if w not in JOINERS]) < MIN_NAME_SHARE * len(head):
        return None  # "Kremlin rules out Putin appearance ...": a sentence that starts with a name is no byline
    if not words and by and 1 <= len(text.split()) <= 3 and text.split()[0].isalpha():
        words = text.split()[:1]  # "By admin": a lower-case handle after an explicit "by"
    names = [w for w in words if w not in JOINERS]
    if not names or len(names) > MAX_NAME_WORDS * (sum(w in JOINERS or w.endswith(",") for w in words) + 1):
        return None
    acronym = names[0].isupper() and len(names[0]) <= 4  # "AP", "AFP"
    if len(names) == 1 and len(names[0]) < 2:
        return None
    if not by and not (acronym and len(names) == 1) and _common_words_only(names):
        return None  # "Key Points", "Thank You", "Image Copyright", "WORLD": furniture in capitals, not a person
    return _title_case(" ".join(words))


def _common_words_only(names: list[str]) -> bool:
    """Whether every word is an everyday word and none a known given name ("Rose Green" stays a name)."""
    words = [w.strip(",.").lower() for w in names]
    return not any(w in FEMALE_NAMES or w in MALE_NAMES for w in words) and all(word_zipf(w) >= COMMON_WORD_ZIPF for w in words)
    return _title_case(" ".join(words))
