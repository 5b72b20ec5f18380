"""Author names from a byline line: "By Jane Doe - Nov 19, 2019", "Monday ... by Sam Okafor",
"Ana Lind@AnaLind", "ANA LIND, TRAMLINE", "Ana Lind, Tramline Science Writer".

Which line is the byline is the line-role model's decision (:mod:`toolkit.ingest.line_roles`);
this module only reads the names out of it: dates, times, handles, e-mail addresses and links
are set aside, the text after a "by" is taken, and the longest run of name-shaped words
(capitalised words, initials, name particles) from the start is the name, without a writer's
job written after it ("Ana Lind Staff Writer"); "A, B and C" and "A and B" keep every author. An
all-capitals name is written in title case. An ad's label ("Sponsored Advert") or a row of share
buttons ("Whatsapp Facebook Pinterest") is never an author, even after a "by".

The name finally given as the author, when its line has no "by" or "Author:" label, must also
look like an author (:func:`credible_author`), since an empty author is better than a wrong one:
a lone word ("Logistics", "Harbourton") only if it is an agency's acronym ("AP") or the agency
the article credits ("(Newswire) -"), and no name that opens or closes with an everyday word
("Business Partners", "Valley News") unless it opens with a known given name ("Kevin Brown").
Stop words are those of English and of the page's language ("Leggi tutto").
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from toolkit.entities.gender import GIVEN_NAMES
from toolkit.ingest.dates import DATE_PIECE, ISO_STAMP, TIME_PIECE, ZONE_PIECE, looks_like_date
from toolkit.ingest.language import stop_words, word_zipf
from toolkit.ingest.line_features import share_targets

BY = re.compile(r"^(?:.*?\s)?(?:(?:written|words|reporting|posted|published|story|text|photos?)\s*)?by\s*:?\s+(?=\S)|^by\s*:?\s*", re.IGNORECASE)
OPENING_BY = re.compile(r"^(?:(?:written|words|reporting|posted|published|story|text)\s+)?by\b", re.IGNORECASE)
DATED_BY = re.compile(r"^(?P<date>.{6,80}?)\s+by\s+(?=\S)", re.IGNORECASE)  # "DATE by NAME": the date is checked apart
DATE_LABELS = frozenset({
    "posted", "published", "updated", "last", "on", "at", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
})  # fmt: skip
WORD = re.compile(r"[^\W\d_]+")
AUTHOR_LABEL = re.compile(r"^(?:author|autor|auteur|autore|penulis|reporter|writer|source|text|texto|testo|teks|автор|текст)\s*:\s*", re.IGNORECASE)
NOISE = re.compile(r"@\w+(?!\.\w)|(?<![^\s@])[^\s@]+@[^\s@]+\.\w+|https?://\S+|www\.\S+|\(\d{3}\)\s*\d{3}-\d{4}|\b\d[\d\s-]{6,30}\d\b")
QUANTIFIERS = frozenset({"any", "all", "no", "none", "every", "each", "some", "many", "most", "few", "both", "either", "neither"})
PARTICLES = {"de", "da", "di", "do", "dos", "das", "del", "della", "du", "van", "von", "der", "den", "ter", "bin", "binti", "al", "el", "la", "le", "st."}
NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-Žא-תА-Я][\w'’.-]*|[A-Z]\.)$")
GLUED = re.compile(r"(?<=[a-zà-ÿ]{4})(?=[A-Z][a-z]{3}|[A-Z]{2,})")  # "HiltzikBusiness Columnist", "SmithersNEWSDESK": two fields run together
GLUED_MIN_LENGTH = 12  # only an over-long word is split there (not "McCoy", "LinkedIn" or "AccuWeather")
SEPARATORS = re.compile(r"(?<!\s)\s*(?:\||·|•|—|–|\s-\s|/)\s*")  # (?<!\s): one try per run of spaces
FIELD_LABELS = {"updated", "published", "posted", "modified", "last"}  # the next field's label run into the name
JOINERS = {"and", "&", "und", "e", "y", "et", "dan", "и"}
PICTURE_CREDIT = re.compile(r"\b(?:photos?|photograph(?:y|s)?|images?|pictures?|illustrations?|videos?|getty|courtesy)\b", re.IGNORECASE)
ACRONYM = re.compile(r"[A-Z]{2,3}")  # an agency's initials ("AP", "AFP", "DPA"), not a place in capitals ("OSLO")
WEB_ACRONYMS = frozenset({"rss", "faq", "pdf", "app", "url", "gif", "sms", "vpn", "ios", "seo"})  # a page's links and buttons, no agency
MAX_NAME_WORDS = 5
COMMON_WORD_ZIPF = 4.2  # capitalised words all this common ("Updated", "Key Points", "WORLD") are not a name
NAME_LIKE_ZIPF = 4.0  # a first word this rare is likely a given name, whatever the last ("Dolores Black")
CREDIT = re.compile(r"\(([A-Z][\w.&' -]{1,30})\)")  # "HARBOURTON (Newswire) -": the agency an article's text credits
SOURCE_AND_PLACE = re.compile(r"^[A-Z][\w.-]+,(?:\s+[A-Z][\w.-]+)+,$")  # "Newswire, New Delhi,": a source credit run into its date
AUTHOR_LIST = re.compile(r",\s*|(?<!\s)\s+(?:and|&|und|et|e|y|dan|и)\s+")  # "A, B and C": three authors; (?<!\s): one try per run of spaces
NAME_PARTICLE = "|".join(map(re.escape, sorted(PARTICLES)))
WRITER_JOBS = ("writer", "reporter", "editor", "correspondent", "columnist", "contributor", "journalist")  # in a writer's note and after a byline's name
AUTHOR_BIO = re.compile(  # "Ana Lind is a staff writer at ...", "Sam Okafor was Tramline's science editor ...": the writer's note closing an article
    rf"^(?P<name>[A-Z][\w'’-]+(?:(?:\s+(?:{NAME_PARTICLE})){{0,3}}\s+[A-Z][\w.'’-]+){{1,2}})"
    rf"\s+(?:is|was)\s+(?:a|an|the|[A-Z][\w.]+['’]s)\s+[^.]{{0,60}}?\b(?i:{'|'.join(WRITER_JOBS)})s?\b"
)
CAMEL_CASE = re.compile(r"(?<=[a-z])[A-Z]")  # "StarLine", "ShareMore": a brand, not a given name
# A writer's job written after the name on a byline ("By Ana Lind Staff Writer", "Sam Okafor Senior
# Contributor"): a role noun, and the words that qualify it before it. A desk's byline ending in
# "Staff" ("Harbour Herald Staff") names no role noun and stays as it is.
ROLE_NOUNS = frozenset({
    *(job + plural for job in (*WRITER_JOBS, "producer", "photographer") for plural in ("", "s")), "analyst", "intern",
})  # fmt: skip
ROLE_QUALIFIERS = frozenset({
    "staff", "senior", "chief", "contributing", "deputy", "managing", "executive", "associate", "assistant", "special", "freelance", "guest",
    "lead", "national", "political", "politics", "business", "science", "sports", "sport", "health", "tech", "technology", "foreign",
    "digital", "investigative", "entertainment", "news", "editorial", "features", "opinion", "data", "video", "breaking",
})  # fmt: skip
NOT_A_PERSON = re.compile(r"\b(?:sponsored|advert\w*|promoted)\b", re.IGNORECASE)  # "Sponsored Advert": an ad's label
EVERYDAY_WORD_ZIPF = 5.0  # a word this common opening or closing a name without a "by" ("Group", "News", "Sport") is no surname
MIN_NAME_SHARE = 0.5  # without a "by", the name must be at least half of the line's first field


def _strip_noise(line: str) -> str:
    for pattern in (ISO_STAMP, DATE_PIECE, ZONE_PIECE, TIME_PIECE, NOISE):
        line = pattern.sub(" ", line)
    return re.sub(r"\s+", " ", line).strip(" ,;:-")


def _before_date(text: str) -> str:
    """The text up to its first date or time, when a name comes before it: what follows is the
    byline's next field ("Ana Lind 2025-03-12T10:32Z Science & Tech": a section, not more names)."""
    starts = [match.start() for pattern in (ISO_STAMP, DATE_PIECE, TIME_PIECE) for match in [pattern.search(text)] if match]
    first = min(starts, default=0)
    return text[:first] if WORD.search(text[:first]) else text


def _name_run(words: list[str]) -> list[str]:
    """The name-shaped words at the start of a list of words (a name, or names joined by "and" or
    listed "A, B and C"); commas stay on the words they follow."""
    taken: list[str] = []
    for position, word in enumerate(words):
        bare = word.rstrip(",")
        if re.search(r"['’]s$", bare) or bare.lower() in FIELD_LABELS:
            break  # "Ukraine’s Push": a possessive is not part of a name, nor "Updated" after it
        mixed_so_far = any(not w.isupper() for w in taken if w.lower() not in JOINERS)
        if len(taken) >= 2 and mixed_so_far and bare.isupper() and len(bare.rstrip(".")) > 1:
            break  # "Ana Lind HARBOUR TODAY": an outlet in capitals follows the names (an initial, "Sam T. Okafor", is no outlet)
        if NAME_WORD.match(bare) or (taken and bare.lower() in PARTICLES):
            taken.append(word)
        elif taken and bare.lower() in JOINERS:
            taken.append(bare.lower())
        else:
            break
        if word.endswith(",") and not any(w.lower() in JOINERS for w in words[position + 1 :]):
            break  # "Ana Lind, Tramline Science Writer": the comma ends the name unless a list "A, B and C" follows
    if len(taken) > 2 and taken[-1].rstrip(",").lower() in ROLE_NOUNS:
        taken.pop()  # "Ana Lind Staff Writer": the writer's job, not a name
        while len(taken) > 2 and taken[-1].lower() in ROLE_QUALIFIERS:
            taken.pop()
    while taken and (taken[-1] in JOINERS or taken[-1].rstrip(",").lower() in PARTICLES | QUANTIFIERS):
        taken.pop()  # "Ana Lind All, Books, Reviews": a quantifier opens the next field (a list of sections), it closes no name
    if taken:
        taken[-1] = taken[-1].rstrip(",")
    return taken


def _title_case(name: str) -> str:
    """An all-capitals name in title case ("JANE DOE and SAM OKAFOR" → "Jane Doe and Sam Okafor"); a
    lone acronym stays ("AFP")."""
    if not all(w.isupper() for w in name.split() if w not in JOINERS) or ACRONYM.fullmatch(name):
        return name
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in name.split())


def byline_names(line: str) -> str | None:
    """The author name(s) a byline line gives, or None when it names nobody."""
    if PICTURE_CREDIT.search(line):
        return None  # "Photo by Jane Doe/Getty Images": the photographer is not the author
    labelled = AUTHOR_LABEL.match(line.strip())
    text = line.strip()[labelled.end() :] if labelled else line.strip()
    by = BY.match(text)
    if by:
        text = text[by.end() :]
    by = by or labelled
    text = _before_date(text)
    text = _strip_noise(text)
    long_word = next((w for w in text.split() if len(w) >= GLUED_MIN_LENGTH and GLUED.search(w)), None)
    if long_word is not None:
        text = text[: text.index(long_word)] + GLUED.split(long_word, maxsplit=1)[0]
    text = SEPARATORS.split(text, maxsplit=1)[0]
    words = _name_run(text.split())
    head = text.split(",")[0].split()
    if not by and len([w for w in words if w not in JOINERS]) < MIN_NAME_SHARE * len(head):
        return None  # "Kremlin rules out Putin appearance ...": a sentence that starts with a name is no byline
    if not words and by and 1 <= len(text.split()) <= 3 and _handle(text.split()[0]):
        words = text.split()[:1]  # "By admin": a lower-case handle after an explicit "by" (not "by the", "by subject")
    one_person = len(words) >= 4 and words[0].lower() in GIVEN_NAMES and not any(w in JOINERS or w.endswith(",") for w in words)
    if one_person and word_zipf(words[-1].lower()) >= EVERYDAY_WORD_ZIPF:
        words = words[:2]  # "Sam Okafor Harbour Press": an agency run into a one-person byline
    names = [w for w in words if w not in JOINERS]
    if names and names[0].lower() in QUANTIFIERS:
        return None  # "By Any Means Necessary", "By All Accounts": a phrase, not a name or a desk ("By The Editorial Board")
    if not names or len(names) > MAX_NAME_WORDS * (sum(w in JOINERS or w.endswith(",") for w in words) + 1):
        return None
    acronym = bool(ACRONYM.fullmatch(names[0]))
    if len(names) == 1 and len(names[0]) < 2:
        return None
    if not by and not (acronym and len(names) == 1) and _common_words_only(names):
        return None  # "Key Points", "Thank You", "Image Copyright", "WORLD": furniture in capitals, not a person
    return _title_case(" ".join(words))


def _everyday(word: str, language: str | None) -> float:
    """How common a word is in English or in the page's language, whichever is more (Zipf)."""
    return max(word_zipf(word), word_zipf(word, language) if language and language != "en" else 0.0)


def _handle(word: str) -> bool:
    """Whether a lower-case word after "by" can be a user's handle ("admin", "jsmith"): a word, not a
    stop word or an everyday English word ("by subject", "by date": a menu's sort or filter)."""
    return word.isalpha() and word.lower() not in STOP_WORDS and word_zipf(word.lower()) < COMMON_WORD_ZIPF


def _common_words_only(names: list[str]) -> bool:
    """Whether every word is an everyday word and none a known given name ("Rose Green" stays a name)."""
    words = [w.strip(",.").lower() for w in names]
    return not any(w in GIVEN_NAMES for w in words) and all(word_zipf(w) >= COMMON_WORD_ZIPF for w in words)


def credited_sources(lines: list[str], opening: str) -> frozenset[str]:
    """The sources a page credits by name, which a lone word in a byline may be: an agency in the
    opening's dateline ("HARBOURTON (Newswire) -") and a "Source:" or "Author:" line anywhere."""
    labelled = (byline_names(line) for line in lines if AUTHOR_LABEL.match(line))
    return frozenset([*CREDIT.findall(opening), *filter(None, labelled)])


def says_by(line: str) -> bool:
    """Whether a line opens by naming its author: "By ...", "Story by ...", "Author: ...", "Source: ...",
    or after its date alone ("Monday November 18, 2019 7:45 am PST by Sam Okafor", "Posted on March
    30, 2015 by Ana Lind"); a "by" further on may be a menu's or a slogan's ("United By Sport")."""
    line = line.strip()
    if OPENING_BY.match(line) or AUTHOR_LABEL.match(line):
        return True
    dated = DATED_BY.match(line)
    return dated is not None and looks_like_date(dated.group("date")) and _only_a_date(dated.group("date"))


def _only_a_date(text: str) -> bool:
    """Whether the text is a date and time, with at most a weekday or a label ("Posted on", "Updated:")."""
    return all(word.lower() in DATE_LABELS for word in WORD.findall(_strip_noise(text)))


def bio_author(line: str, language: str | None = None) -> str | None:
    """The author a closing note about the writer names ("Ana Lind is a staff writer at Tramline"),
    when the name is a credible author (:func:`credible_author`)."""
    match = AUTHOR_BIO.match(line.strip())
    name = match.group("name") if match else None
    return name if name is not None and credible_author(name, name, language) else None


def _initials(word: str) -> bool:
    """Whether a lone word can be an agency's initials ("AP", "AFP"): not a link or button of the
    page ("RSS", "FAQ") nor an everyday word in capitals ("TV", "TOP", "NEW")."""
    lowered = word.lower()
    return bool(ACRONYM.fullmatch(word)) and lowered not in WEB_ACRONYMS and word_zipf(lowered) < EVERYDAY_WORD_ZIPF


def credible_author(line: str, name: str, language: str | None = None, credited: frozenset[str] = frozenset()) -> bool:
    """Whether ``name``, read from ``line`` by :func:`byline_names`, may be given as the author.

    Always after an opening "by" or an "Author:" label (:func:`says_by`). Otherwise every author of
    the name ("A, B and C" are three) must be credible (:func:`_credible_one`).
    """
    if NOT_A_PERSON.search(name) or share_targets(name) >= 2:
        return False  # an ad's label ("Sponsored Advert") or share buttons ("Whatsapp Facebook Pinterest")
    if says_by(line):
        return True
    authors = [part.split() for part in AUTHOR_LIST.split(name) if part.strip()]
    return bool(authors) and all(_credible_one(words, line, language, credited) for words in authors)


def _credible_one(names: list[str], line: str, language: str | None, credited: frozenset[str]) -> bool:
    """Whether one author's words, from a line without a "by", can be an author: a lone word only
    when it is an agency's initials ("AP", :func:`_initials`), in ``credited`` (the agencies the article's text credits,
    "(Newswire)") or a source credit run into the date line that follows ("Newswire, Port Elm,");
    a longer name only when none of its words is an English stop word, neither its first nor its
    last word is a stop word of the page's language ("Join Us Today", "Cut To Size", "Leggi
    tutto"), and, unless it opens with a known given name ("Kevin Brown"), it neither opens with a
    very common word of English or of the page's language ("Business Partners", "Neues Angebot")
    nor closes with one after a common, camel-case or capitalised first word ("Valley News",
    "StarLine News", "HN World"; "Dolores Black" stays a name), nor has an everyday English word
    between its first and last words, where a person's name has given names, particles and
    surnames ("Breaking World Alerts"; "Ana de la Cruz" stays one)."""
    if len(names) == 1:
        return _initials(names[0]) or names[0] in credited or bool(SOURCE_AND_PLACE.match(line.strip()))
    words = [w.lower() for w in names]
    if any(w in STOP_WORDS for w in words) or {words[0], words[-1]} & stop_words(language):
        return False
    if words[0] in GIVEN_NAMES:
        return True
    first, last = _everyday(words[0], language), _everyday(words[-1], language)
    if any(word_zipf(w) >= EVERYDAY_WORD_ZIPF and w not in GIVEN_NAMES and w not in PARTICLES for w in words[1:-1]):
        return False
    name_like = first < NAME_LIKE_ZIPF and not CAMEL_CASE.search(names[0]) and not names[0].isupper()
    return first < EVERYDAY_WORD_ZIPF and (last < EVERYDAY_WORD_ZIPF or name_like)
