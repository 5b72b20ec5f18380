"""Which publication a page dump comes from, decided from the page and from the folder.

A dump names its site in its own furniture: "© 2019 Harbour Media, Inc.", "Follow Harbour on Twitter",
"Harbour homepage", "Search Tramline", "tramline.ca", "Ana Lind, Harbourherald.com", "Source: X",
"X reports", "Special to the X" in a byline, a menu item only a site's own menu carries ("More from X",
"Subscribe to X", "About X"), the site speaking of itself, at any sentence of a line ("X may earn a commission",
"X is not responsible for ...", "X reserves the right to ...", "X is part of Y", "X® is a registered trademark"),
and in the prose a reporter's own outlet ("he told X", "confirmed to X", "did not respond to X's request for
comment"); a brand the site writes in
lower case counts where the line's shape makes it a name ("© 2019 acme news", "About acme"). Every such
name on a page is a :class:`Candidate`, described by where and how often it is written
(:data:`CANDIDATE_FEATURES`: among them whether one of the page's first lines opens with it, a
masthead, and whether a copyright line gives it a parent company's word, "Group", "Network",
"Company", as an owner's name has more often than a site's); a logistic regression learned from the development dumps
(:class:`OutletRanker`) scores how likely each candidate is the outlet. Pages of one site share
their menus and footers, so the folder's pages are grouped by their shared short lines
(:class:`~toolkit.ingest.near_duplicates.SimilarSets`) and each group's outlet is decided by the
vote of its pages (:class:`OutletVote`). A company that holds the copyright of other sites in the
folder, or that a page calls its owner ("a division of X"), is an owner, not those sites' outlet:
a site that names it only in its copyright line takes its next candidate or none. An acronym
counts for the name it abbreviates ("HH", "The Harbour Herald"). Legal suffixes are dropped ("The Harbour Herald Company"
→ "The Harbour Herald"); photo credits and legal boilerplate never name an outlet; when the
evidence is weak the outlet stays empty. A manifest's ``outlet`` still overrides.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from toolkit.ingest.language import word_zipf
from toolkit.ingest.line_features import line_key
from toolkit.ingest.model_files import read_model, rounded, write_model
from toolkit.ingest.near_duplicates import SimilarSets, minhash

MODEL_PATH = Path(__file__).parent / "models" / "outlet_ranker.json"
SHORT_LINE_WORDS = 12
NAME_TOKEN = r"(?:[A-Z0-9][\w&'’.+-]{0,40}|[a-z0-9]{1,20}[A-Z][\w'’.-]{0,40}|of|the|and|de|di|da|du|&)"
NAME = rf"(?:The\s+)?[A-Z0-9][\w&'’.+-]{{0,40}}(?:\s+{NAME_TOKEN}){{0,4}}"  # bounded words: no backtracking over a long one
WHOLE_NAME = re.compile(NAME)
# The words around a name are matched in any case ((?i:...)); the name itself must be capitalised.
COPYRIGHT = re.compile(rf"(?:(?i:©|ⓒ|\(c\)|copyright)\s*){{1,3}}(?:(?:19|20)\d{{2}}\s*(?:[-–]\s*(?:(?:19|20)\d{{2}})?)?\s*)?[,.]?\s*(?P<name>{NAME})")
COPYRIGHT_AFTER_NAME = re.compile(rf"^(?P<name>{NAME})\s*(?i:©|ⓒ|\(c\))")  # "Caliber.az © 2025"
MENU_BEFORE = re.compile(
    rf"^(?i:search|back to|join|download|get|listen to|watch|shop|visit|like|go to|browse|more|want more|send)\s+(?P<name>{NAME})",
)
MENU_OF_ITS_OWN = re.compile(  # a menu item that can only name the site it is on: "More from X", "Subscribe to X", "About X"
    r"^(?i:follow|about|contact|subscribe to|support|advertise (?:on|with)|more from|welcome to|sign up (?:for|to)(?: the)?|why you can trust|"
    rf"work at|careers at|originally published (?:on|in|at|by)|keep up to date with|who pays for)\s+(?P<name>{NAME})",
)
MENU_AFTER = re.compile(
    rf"^(?P<name>{NAME})\s+(?i:homepage|home page|home|newsletters?|shop|store|logo|app|tv|live|video|videos|podcasts?|"
    r"on (?:twitter|facebook|instagram|youtube)|main menu|staff|archives?|careers|events|pro|premium)\b",
)
# A brand some sites write in lower case ("acme GmbH", "© bt news 2019", "About zentrix"), read only where
# the line's shape makes it a name (a whole short line: a copyright, its own menu item, a company
# line), only when one of its words is no common word (:data:`RARE_WORD`) and the first no stop word:
# "About the author" and "Subscribe to our rss feed" name no brand.
LOWER_NAME = r"[a-z][a-z0-9]{1,30}(?:[-.][a-z0-9]{1,30})?(?:\s+[a-z][a-z0-9]{1,30}){0,2}"
LOWER_SHORT_LINE_PATTERNS = (
    ("copyright", re.compile(rf"^(?:.*\s)?(?i:©|ⓒ|\(c\)|copyright)\s*(?:(?:19|20)\d{{2}}\s+)?(?P<name>{LOWER_NAME})(?:\s+(?:19|20)\d{{2}})?\.?$")),
    ("own_menu", re.compile(rf"^(?i:about|follow|contact|subscribe to|more from|welcome to|support)\s+(?P<name>{LOWER_NAME})$")),
    ("menu", re.compile(rf"^(?P<name>{LOWER_NAME})\s+(?i:homepage|home page|newsletters?|logo|app|tv|live|videos?|podcasts?|archives?|careers|events)$")),
    ("whole_line", re.compile(rf"^(?P<name>{LOWER_NAME},?\s+(?:GmbH|Inc|LLC|Ltd|AG|SA|S\.A|plc|Corp|Pty Ltd|B\.V|BV|SRL|S\.r\.l)\.?)$")),
)
RARE_WORD = 3.5  # Zipf: a word written fewer than about three times in a million words (wordfreq)
TOP_LEVEL = r"(?:com|net|org|info|news|co\.uk|co\.kr|com\.br|com\.au|co|ca|in|ru|it|de|br|kr|id|fr|es|ng|ph|am|uk)"
DOMAIN = re.compile(rf"\b(?P<name>[A-Za-z0-9][\w-]{{0,62}}(?:\.[A-Za-z0-9-]{{1,63}}){{0,4}}\.{TOP_LEVEL})\b")  # DNS-sized labels
DOT_BEFORE_LETTER = re.compile(r"\.[a-z]")  # what a line needs for DOMAIN to match (its endings are lower case)
BYLINE_SUFFIX = re.compile(rf"^(?:by\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{1,3}},\s+(?P<name>{NAME})$")
BIO_AT = re.compile(rf"\b(?i:editor|writer|reporter|correspondent|columnist|contributor|staff)\s+(?i:at|for|of)\s+(?P<name>{NAME})")
SOURCE_LINE = re.compile(rf"^(?i:source|fuente|fonte|quelle|sumber)\s*:\s*(?P<name>{NAME})")
WRITTEN_FOR = re.compile(rf"^(?i:special to|exclusive to|written for|reporting for)\s+(?i:the\s+)?(?P<name>{NAME})")  # "By A. Writer | Special to the X"
SELF_NAMED = re.compile(  # a site speaking of itself, in its footer: "X may earn a commission", "X is part of Y"
    rf"(?:^|(?<=[.!?,] ))(?P<name>{NAME})[®™]?\s+(?:"
    r"(?i:may|might|will|can|could)\s+(?i:earn|receive|get|collect)\s+(?i:an?\s+)?(?i:small\s+)?(?i:commission|share|compensation|fee)"
    r"|(?i:is|are)\s+(?i:not|in no way)\s+(?i:responsible|liable)\b"
    r"|(?i:reserves?)\s+(?i:the)\s+(?i:right)\b"
    r"|(?i:is)\s+(?i:(?:a|among the)\s+(?:federally\s+)?(?:registered\s+)?trademarks?)\b"
    r"|(?i:is)\s+(?i:part of|owned by|published by|operated by|an? (?:division|subsidiary|unit|brand) of)\b)"
)
OWNED_BY = re.compile(rf"\b(?i:(?:a|an|the)\s+)?(?i:division|subsidiary|unit|brand|member)\s+(?i:of)\s+(?P<name>{NAME})")  # "a subsidiary of X"
TOLD = re.compile(  # a reporter's own outlet in the prose: "he told Harbour Insider", "did not respond to Tramline's request for comment"
    rf"\b(?:told|confirmed to|said to|explained to|in an interview with|in a statement to|in an email to|speaking to|spoke to|spoke with)\s+(?P<name>{NAME})"
    rf"|\bto\s+(?P<asker>{NAME}['’]s)\s+(?:requests?|inquiry|inquiries|questions?|emails?|calls?)\s+for\s+comment"
)
# The words a line must hold for each of these patterns to match it (searched as written for
# REPORTS and TOLD, in the lower-cased line for OWNED_BY and SELF_NAMED, as the patterns read them).
REPORTS_WORDS = ("report", "has learned")
TOLD_WORDS = ("told", "confirmed to", "said to", "explained to", "interview with", "statement to", "email to", "speaking to", "spoke ", "for comment")
OWNED_BY_WORDS = ("division", "subsidiary", "unit", "brand", "member")
SELF_NAMED_WORDS = ("commission", "share", "compensation", "fee", "responsible", "liable", "right", "trademark", "part of", "owned by",
                    "published by", "operated by", "division", "subsidiary", "unit", "brand")  # fmt: skip
REPORTS = re.compile(rf"(?<![\w&'’.+-])(?P<name>{NAME})\s+(?:reports|reported|has learned|said in a report)\b")
TITLE_SUFFIX = re.compile(rf"\s[-|–—]\s(?P<name>{NAME})$")
LEGAL_SUFFIX = re.compile(  # (?<![\s,]): tried once per run of spaces, not at each space
    r"(?<![\s,])(?:,?\s+(?:Inc|LLC|L\.L\.C|Ltd|Limited|Pty|GmbH|AG|S\.?A|plc|Corp|Corporation|Co|Company|Holdings|Group|"
    r"Private|Pvt|LLP|Media|Media Group|Media Company|Network|Communications|Enterprises|Entertainment|Newspapers|Publishing|Publications|All)\.?)+$",
    re.IGNORECASE,
)
CORPORATE_SUFFIX = re.compile(  # a parent company's words, where LEGAL_SUFFIX also takes "Inc." and "All (rights reserved)"
    r"\s(?:Company|Communications|Corporation|Group|Holdings|Network|Media|Enterprises|Entertainment|Publishing|Publications)\b",
    re.IGNORECASE,
)
NEVER_OUTLETS = re.compile(
    r"\b(?:photo|photos|image|images|credit|getty|pool|shutterstock|reserved|rights|policy|privacy|terms|cookies?|"
    r"this site|website|amazon services|affiliate)\b",
    re.IGNORECASE,
)
# A name made of these words only is page furniture ("Main Menu", "Email", "News"), never a masthead.
FURNITURE_WORDS = frozenset({
    "main", "menu", "home", "email", "e-mail", "mail", "feedback", "tips", "share", "contact", "newsletter", "newsletters", "rss",
    "classifieds", "preferences", "search", "subscribe", "login", "log", "sign", "in", "up", "out", "more", "news", "latest", "live",
    "video", "videos", "trending", "sections", "section", "account", "settings", "advertisement", "sponsored", "comments", "comment",
    "help", "faq", "sitemap", "print", "follow", "us", "top", "stories", "story", "breaking", "popular", "featured", "exclusive",
    "opinion", "podcast", "podcasts", "app", "apps",
})  # fmt: skip
SHORT_LINE_PATTERNS = (
    ("menu", MENU_BEFORE), ("menu", MENU_AFTER), ("own_menu", MENU_OF_ITS_OWN), ("bio", BIO_AT), ("byline", BYLINE_SUFFIX),
    ("byline", WRITTEN_FOR), ("title", TITLE_SUFFIX), ("source", SOURCE_LINE),
)  # fmt: skip
CREDIT_LINE = re.compile(r"\b(?:photo|photos|image|images|picture|credit|credits|getty|shutterstock|pool|courtesy|illustration|video)\b", re.IGNORECASE)
CONTEXTS = ("copyright", "menu", "own_menu", "domain", "byline", "bio", "title", "whole_line", "ngram", "source", "reports", "told", "owner", "self")
MAX_NGRAM = 4
CAPITALISED = re.compile(r"^(?:[A-Z0-9][\w&'’.+/-]*|[a-z0-9]+[A-Z][\w'’.-]*)$")
CANDIDATE_FEATURES: tuple[str, ...] = (
    "bias", *(f"in_{c}" for c in CONTEXTS), *(f"log_{c}" for c in CONTEXTS), "log_lines", "log_long_lines",
    "one_word", "two_words", "three_or_more_words", "all_caps", "has_digits", "starts_with_the", "rarity", "common_word",
    "first_position", "last_position", "is_domain", "context_kinds", "copyright_and_menu", "legal_suffix", "line_share",
    "most_written", "mostly_in_prose", "site_name", "lower_case", "masthead", "corporate",
)  # fmt: skip
MASTHEAD_LINES = 3  # the first non-empty lines of a page, where a select-all copy puts its logo's name
MIN_OUTLET = 0.25  # a group's average candidate probability needed to name its outlet
MIN_CLEAR, CLEAR_MARGIN = 0.1, 2.0  # or a lower one, when it is this many times the runner-up's
SITE_SIMILARITY = 0.4  # pages whose short lines overlap this much (Jaccard) are one site


SEPARATOR = re.compile(r"(?<!\s)\s+[|·•]\s+")  # (?<!\s): one try per run of spaces
POSSESSIVE = re.compile(r"['’]s\b")
DOMAIN_ENDING = re.compile(rf"\.{TOP_LEVEL}$")
NON_WORD = re.compile(r"[\W_]+")
LEADING_THE = re.compile(r"^(?:the|www) ")
NAME_END = re.compile(r"(?<!\s)\s*\(|(?<=[a-zA-Z]{3})\.\s|(?<=\w)['’][sS]\s")  # (?<!\s): one try per run of spaces
FINAL_POSSESSIVE = re.compile(r"['’]s$")
LEADING_COPYRIGHT = re.compile(r"^(?:(?i:copyright|©|ⓒ)\s*)+")
TRAILING_JOINER = re.compile(r"(?<!\s)\s+(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2,4})?|&|and|of|the|for|via|\d+)$", re.IGNORECASE)
CHANNEL_NUMBER = re.compile(r"(?<![\w.])[A-Z]{2,5}\s+\d{1,2}$")  # a broadcaster's channel: "NBC 5", "KTV 12"
OPEN_PARENTHESIS = re.compile(r"(?<!\s)\s*\(")
LETTERS = re.compile(r"[^\W\d_]+")
LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
ACRONYM = re.compile(r"[A-Z]{2,5}")
JOINING_WORDS = frozenset({"of", "the", "and", "&", "for", "de", "da", "di", "du"})


@lru_cache(maxsize=1 << 16)
def outlet_key(name: str) -> str:
    """The form outlet names are compared in: case, punctuation, a possessive, a leading "the" or
    "www." and a domain ending folded ("The Tramline.ca", "www.tramline.ca" and "Tramline" are
    one key, and so are "Harbour Insider's" and "Harbour Insider")."""
    name = DOMAIN_ENDING.sub("", POSSESSIVE.sub("", name.strip().lower()))
    return LEADING_THE.sub("", NON_WORD.sub(" ", name).strip())


@lru_cache(maxsize=1 << 16)
def clean_name(name: str) -> str:
    """An outlet as written, without legal and corporate suffixes ("Inc.", "Media", "Newspapers"),
    years, trailing joiners or punctuation, a "(www...)" tail, or whatever follows a full stop
    ("AUTOEXAMPLE. Todos") or a possessive ("The Harbour News’s EUROPEAN UNION EXPERIENCE")."""
    name = NAME_END.split(name)[0]  # "The Harbour News’s EUROPEAN ..." ends at the possessive
    if " " in name:
        name = FINAL_POSSESSIVE.sub("", name)  # "Harbour Insider's" (a one-word name keeps it: "Tramliner's")
    name = LEADING_COPYRIGHT.sub("", name)
    while True:
        shorter = LEGAL_SUFFIX.sub("", name)
        if not CHANNEL_NUMBER.search(shorter):  # "NBC 5" keeps its number
            shorter = TRAILING_JOINER.sub("", shorter)  # one at a time: the loop strips them all
        shorter = shorter.strip(" .,;:|-–—·")
        if shorter == name or not shorter:
            return name
        name = shorter


@dataclass
class Candidate:
    """One name on a page that might be its outlet, and where the page writes it (``name``: its
    first spelling; a plain name is preferred over a domain)."""

    name: str
    contexts: Counter = field(default_factory=Counter)
    lines: int = 0
    long_lines: int = 0
    first: float = 1.0
    last: float = 0.0
    legal: bool = False  # written with a company suffix somewhere ("Harbour Media, Inc."): an owner more than a masthead
    corporate: bool = False  # written with a parent company's word somewhere ("Harbour Media Group", "Quay Communications")
    share: float = 0.0  # its line count relative to the page's most written candidate
    masthead: bool = False  # a page's first lines begin with it ("Harbour Herald", "Harbour Herald Homepage")
    site_name: bool = False  # a name (not a domain) spelled as a site the page links or names ("Tramliner's", tramliners.com)

    @property
    def key(self) -> str:
        return outlet_key(self.name)

    def matches(self, outlet: str, also: Iterable[str] = ()) -> bool:
        """Whether this candidate names the given outlet or one of its other accepted names (compared
        by :func:`outlet_key`: "Tramline.ca" = "Tramline", "The Harbour Herald" = "Harbour Herald")."""
        return any(outlet_key(name) == self.key for name in [outlet, *also])


def _found(line: str) -> Iterable[tuple[str, str]]:
    """(context, name) for each outlet-like name the line writes (none in a photo credit or caption)."""
    if CREDIT_LINE.search(line):
        return
    lowered = line.lower()
    # each pattern is tried only on a line holding one of its words (a substring test costs a
    # fraction of a pattern's scan, which tries a name at every capital of a long paragraph)
    if any(word in line for word in REPORTS_WORDS):
        for match in REPORTS.finditer(line):  # "..., Example.com reports": in the body too
            yield "reports", match.group("name")
    if any(word in line for word in TOLD_WORDS):
        for match in TOLD.finditer(line):
            yield "told", match.group("name") or match.group("asker")
    if any(word in lowered for word in OWNED_BY_WORDS):
        for match in OWNED_BY.finditer(line):
            yield "owner", match.group("name")
    if any(word in lowered for word in SELF_NAMED_WORDS):
        for match in SELF_NAMED.finditer(line):  # at a sentence's start: "... your account. X reserves the right to ..."
            yield "self", match.group("name")
    short = len(line.split()) <= SHORT_LINE_WORDS
    if "©" in line or "ⓒ" in line or "(c)" in lowered or "copyright" in lowered:
        yield from (("copyright", m.group("name")) for m in COPYRIGHT.finditer(line))
        before = COPYRIGHT_AFTER_NAME.match(line)
        if before:
            yield "copyright", before.group("name")
    if not short:
        return
    for part in SEPARATOR.split(line):  # "Updated Nov 20 | Source: Example.com": each part read as a line
        for context, pattern in SHORT_LINE_PATTERNS:
            match = pattern.search(part.strip())
            if match:
                yield context, match.group("name")
    yield from _lower_case_names(line.strip())
    if DOT_BEFORE_LETTER.search(line):
        for match in DOMAIN.finditer(line):
            if line[max(0, match.start() - 1) : match.start()] not in ("@", "/"):
                yield "domain", match.group("name")
    if 1 <= len(line.split()) <= 4 and WHOLE_NAME.fullmatch(line.strip()):
        yield "whole_line", line.strip()
    tokens = line.split()
    for start in range(len(tokens)):
        for end in range(start + 1, min(len(tokens), start + MAX_NGRAM) + 1):
            if not CAPITALISED.match(tokens[end - 1]):
                break
            yield "ngram", " ".join(tokens[start:end])


def _lower_case_names(line: str) -> Iterable[tuple[str, str]]:
    """(context, name) for a brand written in lower case on a short line of its own (:data:`LOWER_NAME`)."""
    for context, pattern in LOWER_SHORT_LINE_PATTERNS:
        match = pattern.match(line)
        if match and match.group("name").split(" ", 1)[0] not in STOP_WORDS and _has_rare_word(match.group("name")):  # not "our rss feed"
            yield context, match.group("name")


@lru_cache(maxsize=1 << 16)
def _has_rare_word(name: str) -> bool:
    """Whether a name has a digit or a word rarer than :data:`RARE_WORD`: a coined brand ("harbr8", "zentrix"), not a phrase."""
    return any(any(ch.isdigit() for ch in w) or word_zipf(w) < RARE_WORD for w in LETTERS_AND_DIGITS.findall(clean_name(name).lower()))


@lru_cache(maxsize=1 << 16)
def _accepted(raw: str) -> tuple[str, str, bool, bool] | None:
    """(name, key, written with a legal suffix, with a parent company's word) of a name as the page writes it, or None when it is
    too short, a credit or legal phrase, or made of stop and furniture words only (remembered:
    menus and footers repeat on every page of a site)."""
    name = clean_name(raw)
    key = outlet_key(name)
    words = LETTERS.findall(key)  # as compared: "In.com" is the stop word "in" (counted on every line that says "in")
    if len(name) < 2 or NEVER_OUTLETS.search(name) or not words or all(w in STOP_WORDS or w in FURNITURE_WORDS for w in words):
        return None
    written = OPEN_PARENTHESIS.split(raw)[0].strip(" .,;:|-–—·")
    suffix = LEGAL_SUFFIX.search(written)
    return name, key, bool(suffix), bool(suffix and CORPORATE_SUFFIX.search(suffix.group()))


def page_candidates(lines: Sequence[str]) -> list[Candidate]:
    """Every outlet candidate written on a page, with the counts its features are made of."""
    found: dict[str, Candidate] = {}
    n = max(len(lines), 1)
    top = [i for i, line in enumerate(lines) if line.strip()][:MASTHEAD_LINES]
    for i, line in enumerate(lines):
        for context, raw in _found(line):
            accepted = _accepted(raw)
            if accepted is None:
                continue
            name, key, legal, corporate = accepted
            candidate = found.setdefault(key, Candidate(name))
            if DOMAIN.fullmatch(candidate.name) and not DOMAIN.fullmatch(name):
                candidate.name = name
            candidate.contexts[context] += 1
            candidate.legal |= legal
            candidate.corporate |= corporate
            candidate.first = min(candidate.first, i / n)
            candidate.last = max(candidate.last, i / n)
            if i in top and context != "ngram" and (outlet_key(line) + " ").startswith(key + " "):
                candidate.masthead = True
    if not found:
        return []
    longest = max(len(key.split()) for key in found)
    prose = []
    for line in lines:
        folded = outlet_key(line)
        if len(line.split()) > SHORT_LINE_WORDS:
            prose.append(folded)
            continue
        words = folded.split()
        grams = {" ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)}
        for key in grams & found.keys():
            found[key].lines += 1
    in_prose = occurrences(prose, found.keys())
    for key, candidate in found.items():  # a name in the page's prose: counted per occurrence, not per line
        candidate.long_lines = in_prose[key]
        candidate.lines += candidate.long_lines
    most = max(c.lines for c in found.values()) or 1
    sites = site_labels(lines)
    for candidate in found.values():
        candidate.share = candidate.lines / most
        candidate.site_name = not DOMAIN.fullmatch(candidate.name) and bool(compact_names(candidate.name) & sites)
    return list(found.values())


def occurrences(folded_lines: Iterable[str], keys: Iterable[str]) -> Counter:
    """How often each key (words joined by single spaces) is written in the folded lines, counted as
    ``str.count`` would count " key " in each: left to right, a match taking the spaces on both of its
    sides, so the next one starts a word later than where it ends. One look at each word of the
    lines, going on only while the words read are the start of some key: the cost grows with the
    lines' words, not with their words times the keys (one scan of the prose per key took 12 s for a
    page of 4,000 names and 4,000 paragraphs, and would take minutes for a page ten times that)."""
    keys = set(keys)
    starts = {" ".join(words[:n]) for words in map(str.split, keys) for n in range(1, len(words))}
    counts: Counter = Counter()
    for line in folded_lines:
        words = line.split()
        free: dict[str, int] = {}  # per key matched in the line, the first word a next match may start at
        for start in range(len(words)):
            gram = words[start]
            end = start + 1
            while True:
                if gram in keys and start >= free.get(gram, 0):
                    counts[gram] += 1
                    free[gram] = end + 1
                if gram not in starts or end == len(words):
                    break
                gram = f"{gram} {words[end]}"
                end += 1
    return counts


def site_labels(lines: Sequence[str]) -> set[str]:
    """The names of the sites a page writes or links, without subdomains and endings
    ("https://www.example.com/a" and "Example.com" → "example")."""
    addresses = (m.group("name").lower() for line in lines if DOT_BEFORE_LETTER.search(line) for m in DOMAIN.finditer(line))
    return {DOMAIN_ENDING.sub("", address).rsplit(".", 1)[-1] for address in addresses}


def compact_name(name: str) -> str:
    """A name as a site's address would spell it: lower case, without a leading "the", spaces or
    punctuation ("Tramliner's" → "tramliners", "The Quay" → "quay")."""
    return NON_WORD.sub("", LEADING_THE.sub("", name.strip().lower()))


def compact_names(name: str) -> set[str]:
    """The ways a site's address may spell a name: :func:`compact_name`, and with its leading "the"
    where it has one ("The Quay" → "quay" and "thequay", as in thequay.com)."""
    return {compact_name(name), NON_WORD.sub("", name.strip().lower())}


@lru_cache(maxsize=1 << 16)
def _rarity(name: str) -> float:
    words = LETTERS.findall(name.lower())
    return min((word_zipf(w) for w in words if w != "the"), default=0.0)


def initials(name: str) -> str:
    """The capitals a name is shortened to: each word's first letter, or all the capitals of a word
    written in camel case or a short acronym ("North Harbour Post", "NH Post" and "NHPost.com" → "NHP")."""
    letters = []
    words = DOMAIN_ENDING.sub("", name).split()
    shouted = all(word.isupper() for word in words)  # "NORTH HARBOUR POST": initials, as for "North Harbour Post"
    for word in words:
        capitals = [c for c in word if c.isupper()]
        if word.lower() not in JOINING_WORDS:
            whole = len(capitals) > 1 and (not word.isupper() or (len(word) <= 3 and not shouted))
            letters.extend(capitals if whole else [word[0].upper()])
    return "".join(letters)


def candidate_matrix(candidates: Sequence[Candidate]) -> np.ndarray:
    """One row of :data:`CANDIDATE_FEATURES` per candidate."""
    rows = []
    for c in candidates:
        words = c.name.split()
        rarity = _rarity(c.name)
        counts = [c.contexts[x] for x in CONTEXTS]
        rows.append([
            1.0,
            *(float(n > 0) for n in counts),
            *(math.log1p(n) for n in counts),
            math.log1p(c.lines),
            math.log1p(c.long_lines),
            len(words) == 1, len(words) == 2, len(words) >= 3,
            c.name.isupper(), any(ch.isdigit() for ch in c.name), c.name.lower().startswith("the "),
            rarity / 8, rarity >= 5.0,
            c.first < 0.1, c.last > 0.9, bool(DOMAIN.fullmatch(c.name)),
            math.log1p(len(c.contexts)), c.contexts["copyright"] > 0 and (c.contexts["menu"] > 0 or c.contexts["whole_line"] > 0),
            c.legal, c.share, c.share == 1.0, c.long_lines > 0.5 * c.lines, c.site_name, c.name[:1].islower(), c.masthead, c.corporate,
        ])  # fmt: skip
    return np.array(rows, dtype=float).reshape(len(rows), len(CANDIDATE_FEATURES))


@dataclass(frozen=True)
class OutletRanker:
    """Weights over :data:`CANDIDATE_FEATURES` of a conditional logit: a page's candidates compete
    with each other and with "none of them" (score 0), so the probabilities of one page sum to at
    most 1 and a page without a good candidate gives none."""

    weights: np.ndarray

    @classmethod
    def from_file(cls, path: Path = MODEL_PATH) -> OutletRanker:
        return cls(np.asarray(read_model(path, features=CANDIDATE_FEATURES)["weights"], dtype=float))

    def to_file(self, path: Path, about: str) -> None:
        write_model(path, {"about": about, "features": list(CANDIDATE_FEATURES), "weights": rounded(self.weights)})

    def scores(self, candidates: Sequence[Candidate]) -> np.ndarray:
        """Each candidate's probability of being the page's outlet."""
        if not candidates:
            return np.zeros(0)
        scores = candidate_matrix(candidates) @ self.weights
        top = max(float(scores.max()), 0.0)
        weights = np.exp(scores - top)
        return weights / (weights.sum() + np.exp(-top))


@lru_cache(maxsize=1)
def default_outlet_ranker() -> OutletRanker:
    """The shipped outlet ranker, read once per process."""
    return OutletRanker.from_file()


def site_signature(lines: Sequence[str]) -> np.ndarray:
    """What pages of one site share: the set of their short lines (menus, footers)."""
    return minhash(line_key(x) for x in lines if len(x.split()) < 8)


@dataclass(frozen=True)
class PageEvidence:
    """What one page tells the folder's outlet vote: its candidates, their probabilities, its site signature."""

    candidates: list[Candidate]
    scores: np.ndarray
    signature: np.ndarray


def page_evidence(lines: Sequence[str], ranker: OutletRanker | None = None, candidates: list[Candidate] | None = None) -> PageEvidence:
    """A page's :class:`PageEvidence` (``candidates``: already found on it)."""
    candidates = page_candidates(lines) if candidates is None else candidates
    return PageEvidence(candidates, (ranker or default_outlet_ranker()).scores(candidates), site_signature(lines))


class OutletVote:
    """The outlets of a folder's pages: :meth:`add` each page, then :meth:`decide`.

    Pages are grouped by their shared short lines; a group's outlet is the candidate with the
    highest probability averaged over the group's pages (a page without it counts 0), if that
    reaches :data:`MIN_OUTLET`. A company that holds the copyright of sites whose outlet is another
    name ("© 2019 Quayside Communications, Inc." under two newspapers' mastheads) is their owner: it
    is not the outlet of a site that names it only in its copyright line either; that site takes
    its next candidate, if clear. Memory: a signature and a few candidates per page.
    """

    def __init__(self, ranker: OutletRanker | None = None) -> None:
        self.ranker = ranker or default_outlet_ranker()
        self.sites = SimilarSets(SITE_SIMILARITY, bands=32)
        self.parent: dict[str, str] = {}
        self.votes: dict[str, dict[str, float]] = {}
        self.names: dict[str, Counter] = defaultdict(Counter)  # per key, its spellings, each weighted by its pages' probabilities:
        # a site's "The Hill" is shown, not the "Hill" that other pages of the folder write in "Capitol Hill"
        self.addresses: set[str] = set()  # candidates some page writes as its address ("HB.com")
        self.holders: dict[str, set[str]] = {}  # per page: copyright holders with a company suffix, and named owners
        self.named_in_passing: dict[str, set[str]] = {}  # per page: candidates named only in copyright or owner lines or as words

    def _root(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def add(self, page: str, lines: Sequence[str], ranker: OutletRanker | None = None, candidates: list[Candidate] | None = None) -> None:
        """Count one page's candidates (scored by ``ranker``, else the vote's) and place it with the pages of its site."""
        self.add_evidence(page, page_evidence(lines, ranker or self.ranker, candidates))

    def add_evidence(self, page: str, evidence: PageEvidence) -> None:
        """Count one page's evidence (:func:`page_evidence`, which a worker process may have gathered)."""
        self.votes[page] = {c.key: float(s) for c, s in zip(evidence.candidates, evidence.scores, strict=True)}
        self.holders[page] = {c.key for c in evidence.candidates if (c.contexts["copyright"] and c.legal) or c.contexts["owner"]}
        self.named_in_passing[page] = {c.key for c in evidence.candidates if c.contexts.keys() <= {"copyright", "owner", "ngram"}}
        for c, score in zip(evidence.candidates, evidence.scores, strict=True):
            self.names[c.key][c.name] += float(score)
            if c.contexts["domain"]:
                self.addresses.add(c.key)
        self.parent[page] = page
        for other, _ in self.sites.add(page, evidence.signature):
            self.parent[self._root(page)] = self._root(other)

    def same_site(self, page: str, other: str) -> bool:
        """Whether two pages added so far share enough of their short lines to be one site's."""
        return self._root(page) == self._root(other)

    def decide(self) -> dict[str, str | None]:
        """Each page's outlet (None where the evidence is weak)."""
        groups: dict[str, list[str]] = defaultdict(list)
        for page in self.votes:
            groups[self._root(page)].append(page)
        totals = {root: self._totals(pages) for root, pages in groups.items()}
        chosen = {root: self._choice(totals[root], len(pages)) for root, pages in groups.items()}
        owners = {
            holder for root, pages in groups.items() if chosen[root] for page in pages for holder in self.holders[page] if holder != chosen[root]
        }  # fmt: skip
        outlets: dict[str, str | None] = {}
        for root, pages in groups.items():
            key = chosen[root]
            if key in owners and all(key in self.named_in_passing[page] or key not in self.votes[page] for page in pages):
                key = self._choice(self._totals(pages, without=key), len(pages))
            outlets.update(dict.fromkeys(pages, self.names[key].most_common(1)[0][0] if key else None))
        return outlets

    def _totals(self, pages: list[str], without: str | None = None) -> Counter:
        """The summed probabilities of the pages' candidates; ``without`` an owner set aside (and its
        own longer names, "Quayside Media Services ..."), each page's other candidates renormalised
        as the ranker's choice among what is left (p / (1 - p of what was set aside))."""
        totals: Counter = Counter()
        for page in pages:
            votes = self.votes[page]
            if without is not None:
                gone = {k for k in votes if k == without or k.startswith(f"{without} ")}
                rest = max(1.0 - sum(votes[k] for k in gone), 1e-9)
                votes = {k: p / rest for k, p in votes.items() if k not in gone}
            totals.update(votes)
        return self._acronyms_pooled(totals)

    @staticmethod
    def _choice(totals: Counter, pages: int) -> str | None:
        """The key with the highest total, if clear: at least :data:`MIN_OUTLET` per page, or
        :data:`MIN_CLEAR` and :data:`CLEAR_MARGIN` times the runner-up's."""
        ranked = sorted(totals, key=lambda k: (totals[k], k), reverse=True)
        best = totals[ranked[0]] / pages if ranked else 0.0
        second = totals[ranked[1]] / pages if len(ranked) > 1 else 0.0
        clear = best >= MIN_OUTLET or (best >= MIN_CLEAR and best >= CLEAR_MARGIN * second)
        return ranked[0] if clear else None

    def _acronyms_pooled(self, totals: Counter) -> Counter:
        """The group's totals with each acronym ("NHP", from "© NHP Holdings") counted for the longest
        name of the same pages that it abbreviates ("North Harbour Post"), when they write one: both are
        evidence for one outlet, spelled out. An acronym that is also the site's address stays as it
        is ("HB.com" is not "Harbour Bay"). Names are indexed by their initials, so a group's cost
        grows with its number of names, not with its names times its acronyms."""
        pooled = Counter(totals)
        shown = {key: self.names[key].most_common(1)[0][0] for key in totals}
        by_initials: dict[str, list[str]] = defaultdict(list)
        for key, name in shown.items():
            if not ACRONYM.fullmatch(name):
                by_initials[initials(name)].append(key)
        for key, name in shown.items():
            if not ACRONYM.fullmatch(name) or key in self.addresses:
                continue
            spelled = [k for k in by_initials.get(name, ()) if name not in shown[k].split()]
            if spelled:
                longest = max(spelled, key=lambda k: (len(k.split()), len(k), k))
                pooled[longest] += pooled.pop(key)
        return pooled


def page_outlet(lines: Sequence[str], ranker: OutletRanker | None = None) -> str | None:
    """The outlet of a single page, from its own evidence alone."""
    vote = OutletVote(ranker)
    vote.add("page", lines)
    return vote.decide()["page"]
