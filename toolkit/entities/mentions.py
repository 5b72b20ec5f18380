"""Entity mentions of a parsed article as plain records (in the manner of textacy's ``extract``).

A mention keeps the surface form exactly as the outlet wrote it, with character offsets
into the article text, its sentence, spaCy's label, the alias-table id the EntityRuler
gave it (if any) and the role words written just before it ("Turkish Foreign Minister"
Hakan Fidan), which quote attribution uses to resolve "the minister".
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from toolkit.entities.gender import FEMALE_NAMES, MALE_NAMES
from toolkit.entities.names import ROLE_WORDS
from toolkit.ingest.language import word_zipf

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
DANGLING = ("ADP", "CCONJ", "SCONJ", "DET", "PART", "PRON", "AUX")  # "Delegations of", "Journalists &", "Dies at"
NAME_PARTICLES = {"the", "de", "da", "di", "du", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le", "dos", "das", "del"}
CAPTION_WORDS = {"photo", "photos", "image", "images", "credit", "credits", "getty", "caption", "file", "illustration"}
LABEL_NAMES = {"PER": "PERSON"}  # the label other languages' spaCy pipelines give people
ROLE_GLUE = {"NORP", "GPE", "ORG"}
MAX_ROLE_TOKENS = 6
MIN_COMMON_ZIPF = 3.5  # "hosting" is 4.2 on wordfreq's scale; most surnames and given names are rarer


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
    or with a gerund ("rang Taylor", "Hosting Cook"), holds a finite verb ("Obama Says", "Dallas Gas Station Dies at"), the
    conjunction "or" or a photo-credit word ("AP Photo/Alan Diaz", "Photo Credit"), repeats a
    word or glues one word to the next one's capital ("Email Email EmailShare", "Twitter
    TwitterShare"), or has no capital letter at all."""
    words = [t for t in ent if t.is_alpha and t.lower_ != "s"]  # "Melania Trump's": the possessive is not a word of the name
    lowered = [t.lower_ for t in words]
    if not words or not any(c.isupper() for t in words for c in t.text):
        return True
    if (words[0].is_lower and words[0].lower_ not in NAME_PARTICLES) or words[0].tag_ == "VBG":
        return True  # "rang Taylor", "Hosting Cook": a verb glued to a name
    if words[-1].pos_ in DANGLING or "or" in lowered or CAPTION_WORDS.intersection(lowered):
        return True
    if any(t.tag_ in ("VBZ", "VBD") for t in words[1:]):
        return True  # "Obama Says", "Dallas Gas Station Dies": a headline, not a name
    if len(set(lowered)) < len(lowered):
        return True
    return any(a != b and b.startswith(a) and len(b) > len(a) and words[j].text[len(a)].isupper()
               for i, a in enumerate(lowered) for j, b in enumerate(lowered) if i != j)  # fmt: skip


def without_glued_word(ent: Span, surnames: dict[str, set[str]], sentence_starts: set[int]) -> Span:
    """A two-word person that is a sentence's first word glued to a surname ("Hosting Cook at
    Dreamforce ...", where the article names Tim Cook): just the surname. The first word must
    be a common English word (:func:`toolkit.ingest.language.word_zipf`), not a known given
    name, and another person of the document must carry the same surname."""
    if len(ent) != 2 or ent.start not in sentence_starts:
        return ent
    first, last = ent[0], ent[1]
    others = surnames.get(last.lower_, set()) - {first.lower_}
    common = word_zipf(first.lower_) >= MIN_COMMON_ZIPF and first.lower_ not in MALE_NAMES | FEMALE_NAMES
    return Span(ent.doc, ent.start + 1, ent.end, label=ent.label_) if others and common else ent


def mentions(doc: Doc, labels: tuple[str, ...] = ENTITY_LABELS) -> list[dict]:
    """One record per named-entity mention of the wanted labels, page furniture and fragments left
    out (:func:`is_junk`), a sentence-initial word glued to a surname cut off (:func:`without_glued_word`)."""
    sentence_starts = [s.start for s in doc.sents]
    starts = set(sentence_starts)
    surnames: dict[str, set[str]] = {}
    for person in (e for e in doc.ents if e.label_ in ("PERSON", "PER") and len(e) > 1):
        surnames.setdefault(person[-1].lower_, set()).add(person[0].lower_)
    records = []
    for ent in doc.ents:
        label = LABEL_NAMES.get(ent.label_, ent.label_)
        if label == "PERSON":
            ent = without_glued_word(ent, surnames, starts)
        if label not in labels or not any(c.isalpha() for c in ent.text):
            continue
        if all(t.lower_ in ROLE_WORDS or not t.is_alpha for t in ent):
            continue  # a bare title ("Minister", "Defence") names nobody
        if is_junk(ent):
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
        })  # fmt: skip
    return records
