"""Title, byline, publication date, section and dateline of a cleaned page dump.

In a page dump the metadata sits next to where the body starts. Each line near the start gets
a role (headline, byline, date line, caption or furniture; :mod:`toolkit.ingest.line_roles`,
learned from the development dumps), and each field is read from the likeliest line of its
role: the headline is never a share bar, a caption or a byline, and it is the line the page
repeats in its share panel rather than the standfirst under it; "By NAME - DATE" lines give
both the author (:mod:`toolkit.ingest.bylines`) and the date (:mod:`toolkit.ingest.dates`).
A field stays empty when no line is likely enough: an empty field is better than a wrong one.
Lines taken as metadata are not body. The outlet is decided for the whole folder at once
(:mod:`toolkit.ingest.outlets`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from toolkit.ingest.bylines import AUTHOR_LABEL, BY, bio_author, byline_names, credible_author, credited_sources, says_by
from toolkit.ingest.cleaner import LineDecision
from toolkit.ingest.dates import find_dates, looks_like_date, parse_date
from toolkit.ingest.language import stop_words
from toolkit.ingest.line_features import CAPTION_MARKS, PICTURE_CREDIT, URLISH, LineFrequency, talks_to_reader, word_string
from toolkit.ingest.line_roles import AFTER_BODY, ROLES, WINDOW, RoleModel, default_role_model, looks_like_headline, role_feature_matrix

BREADCRUMB = re.compile(r"^[A-Z][\w&' ]{1,25}(?:\s*[/>»|]\s*[A-Z][\w&' ]{1,25}){1,3}$")
SECTION_WORD = re.compile(r"^[A-Z][A-Z&' -]{2,30}$")
MONTH = r"[A-Z][a-z]{2,8}\.?"
LEADING_DATELINE = re.compile(
    rf"^(?P<date>(?:\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}},?\s+\d{{4}}))\s*[–—-]\s*(?P<place>[A-Z][\w .'’-]{{1,40}}?)\s*[–—-]\s*",
)
AGENCY_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .]{2,30})?)\s*(?:\((?:[A-Za-z. ]{2,20})\))?\s*[–—-]{1,2}\s+\S")
MIN_TITLE = 0.5  # role probabilities a line needs to give a field
MIN_BYLINE = 0.3
MIN_DATE = 0.3
MIN_HEADLINE_OVER_HEADER = 0.2  # a line's headline probability to replace a title found below the byline (0.2-0.3 give the same pages)
CLEARLY_LIKELIER = 0.25  # how much likelier a headline just above the byline must be than a title found above it (0.2-0.3 alike)
KEPT_CANDIDATES = 5  # the first body lines can still be header lines the cleaner kept (a claim checked and its source above headline, byline, date)
MENU_REACH, MENU_ITEM_WORDS = 2, 3  # a name with this many lines of at most this many words on each side is a menu item
UNMARKED_BYLINE_DEPTH = 3  # a name without "By" deeper in the kept lines is a subheading or the body's own, not a byline
BIO_LAST_LINES, BIO_AFTER_BODY = 3, 30  # where a note about the writer closes an article: the body's last lines, or below them
MAX_HEADER_WORDS = 30  # a longer line taken as metadata is still kept as body
DATE_BELOW_HEADLINE = 3  # lines between a headline and its date line at most
ECHO_WORDS = 5  # a headline repeated inside a longer line is this long at least: a menu's "Dancing With the Stars" is no echo
NEAR_BODY = 8  # a likely headline this close above the body start is preferred to the body's own first line
MAX_TITLE_RECURRENCE = 3  # a line found in this many other pages of the folder is furniture, not a headline
ALIKE_HEADLINES = 0.1  # headline probabilities this close are a tie, which the byline breaks (0.1-0.3 give the same pages)
TWO_SENTENCES = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")  # "... fuelled the crisis. It is up to them": a standfirst, never a headline
PULL_QUOTE = re.compile(r"^[\"“][^\"“”]+\.[\"”]$")  # a whole line quoting a sentence: a pull quote or a claim checked, not a headline
LIST_ITEM = re.compile(r"^\s*(?:[*•»·▪►‣-]|\d+[.)])\s")
RELATIVE_TIME = re.compile(r"^\d+\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago$", re.IGNORECASE)  # "1 hour ago"
SECTION_TRAIL = re.compile(r"\s[»›>]\s.*\s[»›>]\s")  # "News » Local » Story": a trail of sections, which may end in the title (BREADCRUMB: sections only)
CAPTION_MARK = re.compile(  # a caption or credit says so (CAPTION_MARKS, PICTURE_CREDIT), or is one: "... (Agency/Photographer)"
    rf"{CAPTION_MARKS}|{PICTURE_CREDIT}|\([^()/]*/[^()]*\)$",
    re.IGNORECASE,
)


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


def has_letter(line: str) -> bool:
    """Whether a line has a letter: a gallery's "*" bullets and a menu's lone "|" have none."""
    return any(ch.isalpha() for ch in line)


def header_candidates(decisions: list[LineDecision], body_start: int) -> list[int]:
    """The lines that can hold the headline, byline or date: the non-body lines above the body
    start and just below it, and the first few body lines. A line without a letter (a gallery's "*"
    bullets, a lone "|") does not count against the window above the body: a headline, byline and
    date line over a photo gallery stay in it."""
    kept = [d.index for d in decisions if d.kept]
    top, worded = body_start, 0
    while top > 0 and worded < WINDOW[0]:
        top -= 1
        worded += has_letter(decisions[top].text)
    near = range(top, min(len(decisions), body_start + WINDOW[1] + 1))
    return sorted({i for i in near if not decisions[i].kept} | set(kept[:KEPT_CANDIDATES]))


def closing_byline(lines: list[str], decisions: list[LineDecision], language: str | None = None) -> tuple[str | None, int | None]:
    """A "By NAME" line just after the body's last line (bylines that close the article), else a
    note about the writer in the body's last lines or below them ("Ana Lind is a staff writer at
    ...", :func:`toolkit.ingest.bylines.bio_author`)."""
    kept = [d.index for d in decisions if d.kept]
    if not kept:
        return None, None
    for i in range(kept[-1] + 1, min(len(lines), kept[-1] + AFTER_BODY + 1)):
        name = byline_names(lines[i]) if BY.match(lines[i]) else None
        if name:
            return name, i
    for i in range(kept[max(0, len(kept) - BIO_LAST_LINES)], min(len(lines), kept[-1] + BIO_AFTER_BODY + 1)):
        name = bio_author(lines[i], language)
        if name:
            return name, i
    return None, None


def _likeliest(candidates: list[int], scores: np.ndarray, minimum: float, body_start: int) -> int | None:
    """The candidate with the highest score (nearer the body on ties), if it reaches ``minimum``."""
    if not candidates:
        return None
    best = max(candidates, key=lambda i: (scores[i], -abs(body_start - i)))
    return best if scores[best] >= minimum else None


def sits_above_standfirst(line: str, following: str) -> bool:
    """Shorter than the line after it and not a sentence: how a headline sits above its standfirst."""
    return len(line.split()) < len(following.split()) and not line.endswith(".")


def could_be_headline(line: str, frequency: LineFrequency | None) -> bool:
    """A headline is never a link, a list item, a line marked as a caption or credit, the page
    talking to its reader ("Enter your zip code", "Leave a comment"), a line that recurs in other
    pages of the folder, a line without a letter (a lone "*" or "|" of a menu), a time a teaser was
    posted ("1 hour ago") or a trail of the site's sections ("News » Local » Story")."""
    if not has_letter(line) or RELATIVE_TIME.match(line.strip()) or SECTION_TRAIL.search(line):
        return False
    recurring = frequency is not None and frequency.in_other_documents(line) >= MAX_TITLE_RECURRENCE
    marked = URLISH.search(line) or LIST_ITEM.match(line) or CAPTION_MARK.search(line) or talks_to_reader(line) or PULL_QUOTE.match(line)
    return not marked and not recurring


def find_title(
    lines: list[str], roles: np.ndarray, candidates: list[int], body_start: int, frequency: LineFrequency | None = None, byline: int | None = None
) -> int | None:
    """The likeliest headline line above the body, or the first body line when the cleaner kept the
    headline as body and no likely headline sits just above it (an opening question or a lead in
    headline shape is not the headline when the real one is a few lines up); the line just above
    the ``byline`` line when it is about as likely (:func:`headline_over_byline`). A byline sits
    under its own headline: the likeliest line found below the byline (a video's or a related
    story's title between byline and body) yields to a likely headline a few lines above it."""
    above = [i for i in candidates if i <= body_start and could_be_headline(lines[i], frequency)]
    scores = roles[:, ROLES.index("headline")]
    if any(body_start - NEAR_BODY <= i < body_start and scores[i] >= MIN_TITLE for i in above):
        above = [i for i in above if i < body_start]
    best = _likeliest(above, scores, MIN_TITLE, body_start)
    earlier = best - 1 if best is not None else None
    if earlier is not None and earlier - 1 in above and len(lines[earlier].split()) == 1:
        earlier -= 1  # a one-word label ("Editorial", "Analysis") between the headline and its standfirst
    if earlier in above and scores[earlier] >= MIN_TITLE and sits_above_standfirst(lines[earlier], lines[best]):
        return earlier  # a headline followed by its standfirst: both look like headlines, the first one is
    if best is not None and byline is not None and best > byline:
        over = [i for i in above if byline - NEAR_BODY <= i < byline and scores[i] >= MIN_TITLE and looks_like_headline(lines[i])]
        if over:
            return max(over, key=lambda i: (scores[i], i))
    if best is None or byline is None or byline - 1 not in above or byline - 1 >= body_start:
        return best
    return headline_over_byline(lines, scores, best, byline)


def headline_over_byline(lines: list[str], scores: np.ndarray, best: int, byline: int) -> int:
    """The line just above the byline in place of the likeliest headline ``best``, when its headline
    probability is within :data:`ALIKE_HEADLINES` of the best's: a byline sits under its own
    headline, while a teaser of another article, a date line higher up, can look as much a
    headline. Never the best line's standfirst (just below it, or below copies of it) nor a line
    of two sentences."""
    above = byline - 1
    standfirst = above > best and all(line == lines[best] for line in lines[best + 1 : above])
    alike = scores[above] >= max(MIN_TITLE, scores[best] - ALIKE_HEADLINES)
    shaped = looks_like_headline(lines[above]) and not TWO_SENTENCES.search(lines[above])
    return above if alike and shaped and not standfirst else best


def _credible_byline(line: str) -> bool:
    """A line that names a credible author (a headline can read like a list of names: "A Picks B, C and More")."""
    names = byline_names(line)
    return names is not None and credible_author(line, names)


def headlines_above(lines: list[str], header: int, frequency: LineFrequency | None = None) -> list[int]:
    """The headline-shaped lines up to :data:`DATE_BELOW_HEADLINE` above a date line or byline, nearest
    first (a byline or a date may stand between the headline and the line found)."""
    return [
        i
        for i in range(header - 1, max(-1, header - 1 - DATE_BELOW_HEADLINE), -1)
        if could_be_headline(lines[i], frequency) and looks_like_headline(lines[i]) and not _credible_byline(lines[i])
    ]


def headline_above(lines: list[str], header: int, frequency: LineFrequency | None = None) -> int | None:
    """The headline-shaped line nearest above a date line or byline: the headline of a page where no
    line near the body start is one, because the header block sits far above the body, past a
    share panel or a video player."""
    return next(iter(headlines_above(lines, header, frequency)), None)


def credited_caption(roles: np.ndarray, line: int, byline: int | None) -> bool:
    """Whether a line is followed by one the role model reads as a byline that was not taken as the
    byline: a photo's caption over its credit ("Ana Lind, Newswire"), not a headline over its byline."""
    following = line + 1
    return following < len(roles) and following != byline and roles[following, ROLES.index("byline")] >= MIN_BYLINE


def headline_over_header(
    lines: list[str], roles: np.ndarray, title: int | None, header: tuple[int | None, ...], body_start: int, frequency: LineFrequency | None
) -> int | None:
    """The headline-shaped line just above the byline or date line that opens the article, in
    place of the title found, when that line is no sentence and either the title found is a body
    line or sits well below the header (the body's first sentence, a subheading), or the title
    found sits higher up and the role model finds the line above the header clearly likelier (a
    teaser in a list of other articles' headlines above it). A title found just below the header
    ("12 March 2025" over its headline) stays, unless it is a :func:`credited_caption` and a line
    above the header is about as likely a headline (:data:`ALIKE_HEADLINES`)."""
    found = [i for i in header if i is not None]
    if not found or min(found) > body_start + KEPT_CANDIDATES:
        return title
    shaped = headlines_above(lines, min(found), frequency)
    above = shaped[0] if shaped else None
    if above is None or above == title or lines[above].endswith("."):
        return title
    headline = roles[:, ROLES.index("headline")]
    if title is not None and title < min(found):
        return above if headline[above] >= headline[title] + CLEARLY_LIKELIER else title
    if title is not None and title < body_start and title - max(found) <= DATE_BELOW_HEADLINE:
        rival = max(shaped, key=lambda i: (headline[i], i))
        if credited_caption(roles, title, header[0]) and headline[rival] >= max(MIN_TITLE, headline[title] - ALIKE_HEADLINES):
            return rival  # a headline over its date line, then a photo's caption and credit below it
        return title  # just below the header ("12 March 2025" over its headline)
    return above if headline[above] >= MIN_HEADLINE_OVER_HEADER else title


def echoed_over_deck(lines: list[str], roles: np.ndarray, title: int | None, frequency: LineFrequency | None) -> int | None:
    """The title found, or a likely headline up to :data:`DATE_BELOW_HEADLINE` lines above it that
    the page writes again inside a longer line when the title found is not (:func:`echoed`): a
    page repeats its headline in its share panel ("Share this story: ...") or its trail of
    sections, not the standfirst under it that the role model may find as likely a headline."""
    if title is None:
        return None
    headline = roles[:, ROLES.index("headline")]
    likely = [
        i
        for i in range(title - 1, max(-1, title - 1 - DATE_BELOW_HEADLINE), -1)
        if headline[i] >= MIN_TITLE and could_be_headline(lines[i], frequency) and looks_like_headline(lines[i])
    ]
    if not likely:
        return title  # nothing to weigh: the page's lines need not be read
    folded = [word_string(line) for line in lines]
    if echoed(folded, title):
        return title
    return next((i for i in likely if echoed(folded, i)), title)


def echoed(folded: list[str], i: int) -> bool:
    """Whether line i, of :data:`ECHO_WORDS` words or more, is part of a longer line of the page
    (``folded``: the lines' :func:`word_string`); a line repeated as it is, such as a menu's "Continue
    reading the main story", is not echoed."""
    if len(folded[i].split()) < ECHO_WORDS:
        return False
    return any(folded[i] in line and len(line) > len(folded[i]) for line in folded)


def find_byline(
    lines: list[str], roles: np.ndarray, candidates: list[int], body_start: int, language: str | None = None, credited: frozenset[str] = frozenset()
) -> tuple[str | None, int | None]:
    """The author named by the likeliest byline line that says "by" or "Author:" (a bare "By" or
    "Author:" takes the name on the next line), else by the likeliest byline line if its name is a credible author
    (:func:`toolkit.ingest.bylines.credible_author`; ``credited``: the sources the page credits)
    and it sits no deeper than :data:`UNMARKED_BYLINE_DEPTH` lines into the body, else none: never
    a less likely line's name."""
    named = {}
    scores = roles[:, ROLES.index("byline")].copy()
    marked = {i for i in candidates if says_by(lines[i])}  # lines that name their author: "By ...", "Author: ...", "Posted ... by ..."
    for i in candidates:
        label = BY.fullmatch(lines[i] + " ") or AUTHOR_LABEL.fullmatch(lines[i].strip())
        bare = label is not None and i + 1 < len(lines)  # a bare "By" or "Author:" labels the next line, which holds the name
        if bare:
            scores[i] = max(scores[i], scores[i + 1])
        elif i in marked:  # "Posted by NAME on DATE": the role model may see the date line more than the byline in it
            scores[i] = max(scores[i], roles[i, ROLES.index("date")])
        if scores[i] < MIN_BYLINE:
            continue  # never the likeliest byline (:func:`_likeliest` wants MIN_BYLINE): its names need not be read
        name = byline_names(f"{lines[i].strip()} {lines[i + 1]}") if bare else byline_names(lines[i])
        if name is not None:
            named[i] = name
    best = _likeliest([i for i in named if i in marked], scores, MIN_BYLINE, body_start)
    if best is None:
        best = _likeliest([i for i in named if i < body_start + UNMARKED_BYLINE_DEPTH], scores, MIN_BYLINE, body_start)
    if best is None or not credible_author(lines[best], named[best], language, credited):
        return None, None
    if best not in marked and (in_menu(lines, best) or listed_in_menu(lines, best)):
        return None, None
    return named[best], best


def listed_in_menu(lines: list[str], i: int) -> bool:
    """Whether the page has shown line i before, among menu items (:func:`in_menu`): a section's link
    repeated over its story's headline ("Hometown Hockey" in the menu, then as the story's section)
    is no byline, wherever it stands. Only before: after the story, an author's box repeats the
    byline's name among short lines of links ("Twitter", "Email me")."""
    text = lines[i].strip()
    return any(line.strip() == text and in_menu(lines, j) for j, line in enumerate(lines[:i]))


def in_menu(lines: list[str], i: int) -> bool:
    """Whether line i sits among short lines, :data:`MENU_REACH` on each side, none a date ("Science",
    "Design", "Harbour Features", "Subscribe"): a menu or a list of sections, where a name without
    "by" is an item, not a byline."""

    def short(j: int) -> bool:
        return 0 <= j < len(lines) and len(lines[j].split()) <= MENU_ITEM_WORDS and not looks_like_date(lines[j])

    return all(short(j) for j in range(i - MENU_REACH, i + MENU_REACH + 1) if j != i)


def _earliest(line: str, languages: list[str] | None) -> str | None:
    """The earliest date written in a line ("Updated ... | Published ...": the publication)."""
    found = find_dates(line[:300], languages=languages)
    return min(found, key=lambda d: d.iso[:10]).iso if found else None


def find_published(
    lines: list[str], roles: np.ndarray, candidates: list[int], body_start: int, byline: int | None, language: str | None
) -> tuple[str | None, int | None]:
    """The publication date: from the likeliest date lines first, then the byline line, then the
    date written nearest the body start among the header lines, then the first date on the page
    (as htmldate falls back to the first date in a page's text)."""
    languages = [language] if language else None
    scores = roles[:, ROLES.index("date")]
    likely = sorted((i for i in candidates if scores[i] >= MIN_DATE), key=lambda i: -scores[i])
    nearest = sorted(candidates, key=lambda i: abs(body_start - i))
    first = (i for i, line in enumerate(lines) if looks_like_date(line))
    for i in [*likely, *([byline] if byline is not None else []), *nearest, *first]:
        found = _earliest(lines[i], languages)
        if found:
            return found, i
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


def line_role_probabilities(
    decisions: list[LineDecision],
    frequency: LineFrequency | None = None,
    language: str | None = None,
    model: RoleModel | None = None,
    rows: range | None = None,
) -> np.ndarray:
    """Every line's probability of each role (:data:`toolkit.ingest.line_roles.ROLES`), or only
    those of the ``rows`` asked for (a range of lines; the others are left at 0): the role model's
    second stage sees the lines up to ``WINDOW`` around each, so only those lines' features are made."""
    lines = [d.text for d in decisions]
    kept = [d.index for d in decisions if d.kept]
    body_start = kept[0] if kept else len(lines)
    probability = np.array([d.probability for d in decisions])
    body = "\n".join(d.text for d in decisions if d.kept)
    model = model or default_role_model()
    if rows is None:
        return model.probabilities(role_feature_matrix(lines, probability, body_start, frequency, body, stop_words(language)))
    seen = range(max(0, rows.start - WINDOW[0]), min(len(lines), rows.stop + WINDOW[1]))
    features = role_feature_matrix(lines, probability, body_start, frequency, body, stop_words(language), rows=seen)
    probabilities = np.zeros((len(lines), len(ROLES)))
    if len(rows):
        probabilities[rows.start : rows.stop] = model.probabilities(features[seen.start : seen.stop])[rows.start - seen.start : rows.stop - seen.start]
    return probabilities


def header_rows(candidates: list[int], n_lines: int, *found_lines: int | None) -> range:
    """The lines whose roles the header finders read: the header candidates, the line after each (a
    bare "By" lends its role to it) and the lines a headline can stand above a byline or date line
    (:data:`DATE_BELOW_HEADLINE`), also around a byline or date line found elsewhere on the page."""
    found = [*candidates, *(i for i in found_lines if i is not None)]
    if not found:
        return range(0)
    return range(max(0, min(found) - DATE_BELOW_HEADLINE), min(n_lines, max(found) + 2))


def extract_metadata(
    decisions: list[LineDecision],
    frequency: LineFrequency | None = None,
    language: str | None = None,
    model: RoleModel | None = None,
    roles: np.ndarray | None = None,
) -> tuple[Metadata, list[str]]:
    """Metadata of a cleaned dump, and the body paragraphs without the lines taken as metadata and
    with a leading dateline cut (``roles``: the lines' role probabilities, when already computed)."""
    meta = Metadata()
    lines = [d.text for d in decisions]
    kept = [d.index for d in decisions if d.kept]
    if not lines:
        return meta, []
    body_start = kept[0] if kept else len(lines)
    candidates = header_candidates(decisions, body_start)
    rows, partial = header_rows(candidates, len(lines)), roles is None
    if partial:
        roles = line_role_probabilities(decisions, frequency, language, model, rows)
    credited = credited_sources(lines, " ".join(lines[i] for i in kept[:KEPT_CANDIDATES]))
    meta.author, byline = find_byline(lines, roles, candidates, body_start, language, credited)
    if meta.author is None:
        meta.author, byline = closing_byline(lines, decisions, language)
    meta.published, dated = find_published(lines, roles, candidates, body_start, byline, language)
    wider = header_rows(candidates, len(lines), byline, dated)
    if partial and wider != rows:  # a closing byline or a date line far from the body: the roles of the lines above it too
        roles = line_role_probabilities(decisions, frequency, language, model, wider)
    title = find_title(lines, roles, candidates, body_start, frequency, byline)
    if title is None and dated is not None:
        title = headline_above(lines, dated, frequency)
    title = headline_over_header(lines, roles, title, (byline, dated), body_start, frequency)
    title = echoed_over_deck(lines, roles, title, frequency)
    if title is not None:
        meta.title = lines[title]
    for name, index in (("title", title), ("author", byline), ("published", dated)):
        if index is not None:
            meta.evidence[name] = lines[index]
    meta.section = find_section(lines, title)
    header = {i for i in (title, byline, dated) if i is not None and i in kept[:KEPT_CANDIDATES] and len(lines[i].split()) <= MAX_HEADER_WORDS}
    body = [lines[i] for i in kept if i not in header]
    if body:
        place, date, rest = split_dateline(body[0])
        meta.dateline = place
        if date and (meta.published is None or dated == body_start):
            meta.published = date
        body[0] = rest
        if not rest.strip():
            body = body[1:]
    return meta, body
