"""Entity mentions of a parsed article as plain records (in the manner of textacy's ``extract``).

A mention keeps the surface form exactly as the outlet wrote it, with character offsets
into the article text, its sentence, spaCy's label, the alias-table id the EntityRuler
gave it (if any), the role words written just before it ("Turkish Foreign Minister"
Hakan Fidan), which quote attribution uses to resolve "the minister", and whether the words
around a name the model did not tag as a person show one ("NBC's Lester Holt", "moderator
Lester Holt", "Lester Holt of NBC News"), which the entity's label vote weighs above the label.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from toolkit.entities.gender import GIVEN_NAMES
from toolkit.entities.names import ROLE_WORDS
from toolkit.entities.nouns import ORGANISATION_NOUNS, PERSON_NOUNS
from toolkit.ingest.language import word_zipf
from toolkit.nlp.lemmas import lemma

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
DANGLING = ("ADP", "CCONJ", "SCONJ", "DET", "PART", "PRON", "AUX")  # "Delegations of", "Journalists &", "Dies at"
NAME_PARTICLES = {"the", "de", "da", "di", "du", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le", "dos", "das", "del"}
CAPTION_WORDS = {"photo", "photos", "image", "images", "credit", "credits", "getty", "caption", "file", "illustration"}
LABEL_NAMES = {"PER": "PERSON"}  # the label other languages' spaCy pipelines give people
ROLE_GLUE = {"NORP", "GPE", "ORG"}
MAX_ROLE_TOKENS = 6
MIN_COMMON_ZIPF = 3.5  # "hosting" is 4.2 on wordfreq's scale; most surnames and given names are rarer
NAME_FIRST_ZIPF = 4.4  # a name's first word is a known given name or rarer than this ("Lester" 3.7; "Founder" 4.5, "Switch" 4.6)
POSSESSIVE_TOKENS = {"'s", "’s"}
RECORD_FIELDS = ("start", "end", "text", "label", "sentence", "ruler_id", "role", "person_cue", "organisation_cue", "after_the")  # of :func:`mentions`
ARTICLES = {"the", "a", "an"}
# Abbreviations English writes as common nouns, which the small model often tags ORG ("AI chips", "the CEO")
COMMON_ABBREVIATIONS = {
    "AI", "CEO", "CFO", "COO", "CTO", "GDP", "IPO", "ETF", "TV", "PC", "EV", "EVS", "VR", "AR", "IT", "HR", "PR", "CPU", "GPU",
    "SUV", "DIY", "FAQ", "URL", "PDF", "LED", "DNA", "RNA", "ICU", "ER", "MVP", "VIP", "Q&A", "APP", "API", "SMS",
}  # fmt: skip


def role_before(ent: Span) -> str:
    """The title or role written immediately before a person's name, or ""."""
    doc, j = ent.doc, ent.start - 1
    while j >= 0 and ent.start - j <= MAX_ROLE_TOKENS:
        token = doc[j]
        if token.lower_ in ROLE_WORDS or (token.ent_type_ in ROLE_GLUE and token.is_title) or (token.is_upper and token.is_alpha):
            j -= 1
            continue
        break
    words = [t for t in doc[j + 1 : ent.start]]
    while words and words[0].lower_ not in ROLE_WORDS and not any(w.lower_ in ROLE_WORDS for w in words):
        words = words[1:]
    return " ".join(t.text for t in words) if any(w.lower_ in ROLE_WORDS for w in words) else ""


def is_junk(ent: Span) -> bool:
    """Page furniture or a fragment, not a name, decided from the span's own words: one that ends
    in a function word ("Service of"), starts with a lowercase word that is no name particle
    or with a gerund ("rang Taylor", "Hosting Cook"), holds a finite verb ("Obama Says", "Harbour Bakery Closes at"), the
    conjunction "or" or a photo-credit word ("AP Photo/Alan Diaz", "Photo Credit"), repeats a
    word or glues one word to the next one's capital ("Email Email EmailShare", "Twitter
    TwitterShare"), is an abbreviation English writes as a common noun ("AI", "CEO"), or has no
    capital letter at all."""
    if ent.text.upper() in COMMON_ABBREVIATIONS and ent.text.isupper():
        return True
    words = [t for t in ent if t.is_alpha and t.lower_ != "s"]  # "Melania Trump's": the possessive is not a word of the name
    lowered = [t.lower_ for t in words]
    if not words or not any(c.isupper() for t in words for c in t.text):
        return True
    if (words[0].is_lower and words[0].lower_ not in NAME_PARTICLES) or words[0].tag_ == "VBG":
        return True  # "rang Taylor", "Hosting Cook": a verb glued to a name
    if words[-1].pos_ in DANGLING or "or" in lowered or CAPTION_WORDS.intersection(lowered):
        return True
    if any(t.tag_ in ("VBZ", "VBD") for t in words[1:]):
        return True  # "Obama Says", "Harbour Bakery Closes": a headline, not a name
    if len(set(lowered)) < len(lowered):
        return True
    return any(a != b and b.startswith(a) and len(b) > len(a) and words[j].text[len(a)].isupper()
               for i, a in enumerate(lowered) for j, b in enumerate(lowered) if i != j)  # fmt: skip


def without_leading_part(ent: Span) -> Span | None:
    """The span without what no name begins with: a possessive the model left at its start ("’s
    Hoa Lo", from "the city’s Hoa Lo prison"), and a listing's "@" with what stands before it ("NJ
    @ PNC Bank Arts Center", a tour date's state and venue): the name after them; None when
    nothing is left."""
    start = max((t.i + 1 for t in ent if t.text == "@"), default=ent.start)
    while start < ent.end and ent.doc[start].lower_ in POSSESSIVE_TOKENS:
        start += 1
    if start == ent.start:
        return ent
    return Span(ent.doc, start, ent.end, label=ent.label_) if start < ent.end else None


def without_glued_word(ent: Span, surnames: dict[str, set[str]], sentence_starts: set[int]) -> Span:
    """A two-word person that is a sentence's first word glued to a surname ("Hosting Cook at
    Dreamforce ...", where the article names Tim Cook): just the surname. The first word must
    be a common English word (:func:`toolkit.ingest.language.word_zipf`), not a known given
    name, and another person of the document must carry the same surname."""
    if len(ent) != 2 or ent.start not in sentence_starts:
        return ent
    first, last = ent[0], ent[1]
    others = surnames.get(last.lower_, set()) - {first.lower_}
    common = word_zipf(first.lower_) >= MIN_COMMON_ZIPF and first.lower_ not in GIVEN_NAMES
    return Span(ent.doc, ent.start + 1, ent.end, label=ent.label_) if others and common else ent


def without_headline_word(ent: Span, bare_names: set[str], lower_words: set[str]) -> Span:
    """A person whose first word the document also uses alone as a name, followed by words it
    otherwise writes in lower case ("President Obama Speech at ...", where the article says "Mr.
    Obama" and "that speech"): just that first word, which is not a known given name."""
    first = ent[0].lower_
    if not 2 <= len(ent) <= 3 or first not in bare_names or first in GIVEN_NAMES:
        return ent
    tail = [t.lower_ for t in ent[1:]]
    return Span(ent.doc, ent.start, ent.start + 1, label=ent.label_) if all(w in lower_words for w in tail) else ent


def without_trailing_number(ent: Span) -> Span:
    """A person without the score or the year the model ran the name on into ("Ana Varga 6-4",
    "Varga’s 2016"); other numbers stay, and make the span no person (:func:`mentions`)."""
    end = ent.end
    if len(ent) >= 4 and ent[-1].is_digit and ent[-2].text in ("-", "–") and ent[-3].is_digit:
        end -= 3
    elif len(ent) >= 3 and ent[-1].is_digit and len(ent[-1]) == 4 and ent[-2].text in POSSESSIVE_TOKENS:
        end -= 1
    return ent if end == ent.end else Span(ent.doc, ent.start, end, label=ent.label_)


def is_code_part(ent: Span) -> bool:
    """A span glued by a hyphen to one capital letter, the way a standard's or product's code is
    written ("USB-C", "USB-A"): part of a code, not a name."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or ent[-1].whitespace_:
        return False
    hyphen, code = doc[ent.end], doc[ent.end + 1]
    return hyphen.text == "-" and not hyphen.whitespace_ and len(code.text) == 1 and code.is_upper


def person_cue(ent: Span) -> bool:
    """Whether the words around a two- or three-word name tagged other than PERSON show a person:
    an organisation's possessive before it ("NBC's Lester Holt"), a person noun just before it
    ("moderator Lester Holt") or in an apposition after it ("Lester Holt, the anchor"), or "of"
    and an organisation after it ("Lester Holt of NBC News"). A name holding an organisation
    word ("News", "Bank", "Committee") or starting with a common word that is no known given
    name ("Tramline's Founder's Edition") shows none."""
    words = [t for t in ent if t.is_alpha]
    if not 2 <= len(words) <= 3 or not all(t.is_title for t in words) or any(t.lower_ in ORGANISATION_NOUNS for t in words):
        return False
    first = words[0].lower_
    if first not in GIVEN_NAMES and word_zipf(first) >= NAME_FIRST_ZIPF:
        return False
    doc, start, end = ent.doc, ent.start, ent.end
    before = doc[start - 1] if start else None
    if before is not None and before.lower_ in POSSESSIVE_TOKENS and start >= 2 and doc[start - 2].ent_type_ in ("ORG", "GPE", "NORP"):
        return True
    if before is not None and before.is_lower and before.lower_ in PERSON_NOUNS:
        return True
    after = list(doc[end : end + 4])
    if len(after) >= 2 and after[0].lower_ == "of" and after[1].ent_type_ == "ORG":
        return True
    if len(after) >= 3 and after[0].text == "," and after[1].lower_ in ARTICLES:
        noun = next((t for t in after[2:] if t.pos_ in ("NOUN", "PROPN")), None)
        return noun is not None and noun.is_lower and noun.lower_ in PERSON_NOUNS
    return False


def organisation_cue(ent: Span) -> bool:
    """Whether the words around a one-word name tagged PERSON show an organisation: an organisation
    noun just before it ("the newspaper chains Gannett", "automaker Veldor"), or after "such as"
    or "like" that follow one ("companies such as Veldor"), or heading an apposition after it
    ("Veldor, the carmaker"). A known given name ("Jordan") shows none."""
    if len(ent) != 1 or ent[0].lower_ in GIVEN_NAMES:
        return False
    doc, start, end = ent.doc, ent.start, ent.end
    if start and doc[start - 1].is_lower and lemma(doc[start - 1]) in ORGANISATION_NOUNS:
        return True
    if start >= 2 and doc[start - 1].lower_ == "like" and doc[start - 2].is_lower and lemma(doc[start - 2]) in ORGANISATION_NOUNS:
        return True
    if start >= 3 and doc[start - 2].lower_ == "such" and doc[start - 1].lower_ == "as" and lemma(doc[start - 3]) in ORGANISATION_NOUNS:
        return True
    after = doc[end : end + 4]
    if len(after) >= 3 and after[0].text == "," and after[1].lower_ in ARTICLES:
        noun = next((t for t in after[2:] if t.dep_ == "appos" and t.head == ent[-1]), None)  # not another name's ("his daughter, Ellie, a school ...")
        return noun is not None and noun.is_lower and lemma(noun) in ORGANISATION_NOUNS
    return False


def after_the(ent: Span) -> bool:
    """Whether a name is written after "the", inside its span or before it ("The Chronicle says"), as
    an organisation's short form is and a person's never."""
    return ent[0].lower_ == "the" or (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the")


def mentions(doc: Doc, labels: tuple[str, ...] = ENTITY_LABELS) -> list[dict]:
    """One record per named-entity mention of the wanted labels, page furniture, fragments and
    code parts left out (:func:`is_junk`, :func:`is_code_part`), a leading possessive or listing
    cut off (:func:`without_leading_part`), a sentence-initial word glued
    to a surname cut off (:func:`without_glued_word`), headline words after a name too
    (:func:`without_headline_word`), a score or a year after a person cut off
    (:func:`without_trailing_number`; a person holding any other number, a product's, is left out)."""
    sentence_starts = [s.start for s in doc.sents]
    starts = set(sentence_starts)
    surnames: dict[str, set[str]] = {}
    bare_names: set[str] = set()
    for person in (e for e in doc.ents if e.label_ in ("PERSON", "PER")):
        if len(person) > 1:
            surnames.setdefault(person[-1].lower_, set()).add(person[0].lower_)
        else:
            bare_names.add(person[0].lower_)
    headline_candidates = any(e.label_ in ("PERSON", "PER") and 2 <= len(e) <= 3 and e[0].lower_ in bare_names for e in doc.ents)
    lower_words = {t.text for t in doc if t.is_lower} if headline_candidates else set()  # read only for those
    records = []
    for ent in doc.ents:
        label = LABEL_NAMES.get(ent.label_, ent.label_)
        ent = without_leading_part(ent)
        if ent is None:
            continue
        if label == "PERSON":
            ent = without_trailing_number(without_headline_word(without_glued_word(ent, surnames, starts), bare_names, lower_words))
            if any(c.isdigit() for c in ent.text):
                continue  # a product's or a model's number, not a person ("Thunderbolt 3", "RAV4 Hybrid", "Destiny 2")
        if label not in labels or not any(c.isalpha() for c in ent.text):
            continue
        if all(t.lower_ in ROLE_WORDS or not t.is_alpha for t in ent):
            continue  # a bare title ("Minister", "Defence") names nobody
        if is_junk(ent) or is_code_part(ent):
            continue
        sentence = max(bisect_right(sentence_starts, ent.start) - 1, 0)  # ent.sent would walk the sentence
        records.append({
            "start": ent.start_char,
            "end": ent.end_char,
            "text": ent.text,
            "label": label,
            "sentence": sentence,
            "ruler_id": ent.ent_id_ or None,
            "role": role_before(ent) if label == "PERSON" else "",
            "person_cue": label != "PERSON" and person_cue(ent),
            "organisation_cue": label == "PERSON" and organisation_cue(ent),
            "after_the": after_the(ent),
        })  # fmt: skip
    return records
