"""Who said it: the speaker phrase at a cue, and the person a pronoun or role description refers to.

No coreference model for spaCy 3 ships its weights where this toolkit installs from, so
resolution is rule-based: candidates are people named earlier outside quotation marks, of a
compatible gender (:mod:`toolkit.entities.gender`), preferring the speaker of the previous quote,
then a recent sentence subject, then the nearest person. A description that stands for an
organisation ("the company said") goes to the latest organisation named before it.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from itertools import islice

from spacy.tokens import Span, Token

from toolkit.entities.gender import gender
from toolkit.entities.names import ROLE_WORDS, surname
from toolkit.nlp.lemmas import lemma
from toolkit.quotes.grammar import clause_head, is_subject, role_of, speaker_span
from toolkit.quotes.record import Quote
from toolkit.quotes.speaker_types import DOCUMENT_WORDS, FIRST_PERSON, ORGANISATION, PERSON, UNKNOWN, speaker_type
from toolkit.quotes.view import SURNAME_MISTAKEN_FOR, ArticleView, bare_surname

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
PERSONAL = {"he": "person", "she": "person", "him": "person", "her": "person", "it": "group", "they": "group"}
GROUP_LABELS = ("ORG", "GPE", "NORP", "LOC", "FAC")
MAX_CANDIDATES = 200  # people named before a pronoun that are considered as its referent, latest first
# "the company said": descriptions that stand for an organisation the article has named (not "the government",
# "the police" or "the authorities", which stand for a state's institutions more often than for a named one).
# A business word stands for the latest organisation named; a word that names of such bodies contain ("the
# commission", "the ministry") only for one whose name has it ("the European Commission").
BUSINESS_WORDS = {
    "company", "firm", "startup", "manufacturer", "carrier", "airline", "retailer", "insurer", "automaker", "carmaker",
    "maker", "brokerage", "chain", "operator", "developer", "provider", "lender", "broadcaster", "publisher", "studio",
}  # fmt: skip
BODY_WORDS = {
    "ministry", "department", "agency", "bank", "party", "union", "association", "university", "club", "committee",
    "commission", "court", "league", "federation", "institute", "foundation", "charity", "regulator", "watchdog",
    "council", "network", "utility", "organisation", "organization",
}  # fmt: skip
DESCRIBED_BODIES = BUSINESS_WORDS | BODY_WORDS
PUBLISHING_VERBS = {"issue", "release", "publish", "send", "post", "put", "circulate", "file", "sign"}  # "... issued a statement calling"
SOURCE_LABELS = ("PERSON", "ORG", "GPE", "NORP")
ORGANISATION_REACH = 8  # sentences back to look for the organisation a description stands for
IT_REACH = 1  # "it said" stands for an organisation named in its own or the previous sentence


class Speakers:
    """Attributes quotes of one article in order; remembers each quote's speaker for later pronouns.

    ``quotes`` holds every quote attributed so far (direct quotes first, then reported speech),
    the history that "he said" and continuations are resolved against.
    """

    def __init__(self, view: ArticleView) -> None:
        self.view = view
        self.quotes: list[Quote] = []
        self.resolved_at: dict[int, Span] = {}
        self._resolved: list[tuple[int, int]] = []  # (end, position in quotes) of quotes with a referent
        self._genders: dict[int, str | None] = {}
        self._fuller: dict[str, list[Span]] = {}
        for ent in view.persons:
            if ent.label_ == "PERSON" and len(ent) > 1 and not bare_surname(ent):
                self._fuller.setdefault(surname(ent.text), []).append(ent)

    def add(self, quote: Quote) -> None:
        """Append an attributed quote to the history later pronouns are resolved against."""
        self.quotes.append(quote)
        if quote.referent_start is not None and quote.speaker_type != ORGANISATION:  # "he said" continues a person's quote only
            insort(self._resolved, (quote.end, len(self.quotes) - 1))

    def previous_resolved(self, before: int) -> Quote | None:
        """The quote with a resolved speaker that ends last before an offset."""
        i = bisect_right(self._resolved, (before, len(self.quotes)))
        return self.quotes[self._resolved[i - 1][1]] if i else None

    def attribute(self, quote: Quote, subject: Token | None) -> None:
        """Fill the quote's speaker from a subject token, resolving pronouns and role descriptions."""
        if subject is None:
            quote.resolution = "cue without subject"
            return
        if subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "Smith, who said ...": the speaker is the antecedent
        span = speaker_span(subject)
        quote.speaker_text = span.text
        quote.speaker_start, quote.speaker_end = span.start_char, span.end_char
        head = span.root
        quote.speaker_head, quote.speaker_type = head.idx, speaker_type(span)
        referent, how = None, "unresolved pronoun"
        if head.lower_ in PERSONAL and len(span) == 1:
            if PERSONAL[head.lower_] == "person":
                referent, how = self.recent_person(span.start_char, wanted_gender=PRONOUN_GENDER.get(head.lower_))
                how = "unresolved pronoun" if referent is None else how
            elif head.lower_ == "it" and (referent := self.recent_organisation(span.start_char, reach=IT_REACH, as_subject=True)) is not None:
                how, quote.speaker_type = "organisation pronoun", ORGANISATION  # "Emirates ... it announced"
        elif quote.speaker_type == FIRST_PERSON:
            how = "first person"
        elif span.label_ == "PERSON" or head.ent_type_ == "PERSON":
            referent, how = span, "name"
        elif (named := self.named_before(span)) is not None:
            referent, how, quote.speaker_type = named, "surname of a named person", PERSON
        elif head.lower_ in ROLE_WORDS and not any(t.ent_type_ for t in span) and span[0].lower_ in ("the", "this", "that"):
            referent, how = self.recent_person(span.start_char, head.lower_)
            how = how if referent is not None else "description"
        elif head.lower_ in DESCRIBED_BODIES and span[0].lower_ in ("the", "this", "that") and not any(t.ent_type_ for t in span):
            referent = self.recent_organisation(span.start_char, None if head.lower_ in BUSINESS_WORDS else head.lower_)
            how = "organisation description" if referent is not None else "description"
        elif quote.speaker_type == UNKNOWN and (source := document_source(head)) is not None:
            self.attribute(quote, source)  # "a statement from the council said", "the council issued a statement calling"
            return
        elif quote.speaker_type == UNKNOWN:
            how = "not a speaker"
        else:
            named = head.ent_type_ in GROUP_LABELS  # "Volkswagen said", "Democrats said": named, whatever its type
            how = "name" if named else "group" if head.tag_ in ("NNS", "NNPS") else "description"
        if referent is not None:
            quote.referent_start, quote.referent_end = referent.start_char, referent.end_char
            self.resolved_at[span.start_char] = referent
        quote.resolution = how

    def named_before(self, span: Span) -> Span | None:
        """The person a bare surname the model left unlabelled or took for an organisation stands for
        ("Gorka declared", "Bozell says", after "Sebastian Gorka" and "Brent Bozell III"): the latest
        fuller name with that surname before it, if any."""
        if not bare_surname(span) or span.root.ent_type_ not in ("", *SURNAME_MISTAKEN_FOR):
            return None
        earlier = [e for e in self._fuller.get(surname(span.text), ()) if e.end_char <= span.start_char]
        return earlier[-1] if earlier else None

    def recent_person(self, before: int, role_word: str | None = None, wanted_gender: str | None = None) -> tuple[Span | None, str]:
        """The person a pronoun or role description most likely refers to, and how it was chosen.

        Candidates are people named before it outside quotation marks, of the pronoun's gender
        or of unknown gender (:mod:`toolkit.entities.gender`). Order of preference: for a
        role description, the latest person introduced with that role; the speaker of a quote in
        this or the previous sentence; the latest person who was a sentence's subject (a main
        clause's subject before a subordinate one's); the previous speaker; the nearest person.
        """
        view = self.view
        sentence_index = view.sentence_index(before)
        latest = islice(reversed(view.speaking_persons.before(before)), MAX_CANDIDATES)
        candidates = [e for e in latest if not wanted_gender or self.gender_of(e) in (None, wanted_gender)][::-1]
        if role_word:
            for ent in reversed(candidates):
                if role_word in role_of(ent).lower():
                    return ent, "role"
        previous = self.previous_resolved(before)
        if previous and wanted_gender and self.gender_at(previous.referent_start) not in (None, wanted_gender):
            previous = None  # "she said" never continues a man's quote
        if previous and sentence_index - view.sentence_index(previous.end) <= 1:
            return view.span_at(previous.referent_start, previous.referent_end), "previous speaker"
        subjects = [e for e in candidates if sentence_index - view.sentence_index(e.start_char) <= 6 and is_subject(e)]
        if subjects:
            latest = view.sentence_index(subjects[-1].start_char)
            same_sentence = [e for e in subjects if view.sentence_index(e.start_char) == latest]
            main = [e for e in same_sentence if clause_head(e).dep_ == "ROOT"]
            chosen = (main or same_sentence)[-1]
            return self.resolved_at.get(chosen.start_char, chosen), "subject"
        if previous and sentence_index - view.sentence_index(previous.end) <= 4:
            return view.span_at(previous.referent_start, previous.referent_end), "previous speaker"
        earlier = [e for e in candidates if sentence_index - view.sentence_index(e.start_char) <= 3]
        return (earlier[-1], "nearest person") if earlier else (None, "none")

    def recent_organisation(self, before: int, name_word: str | None = None, reach: int = ORGANISATION_REACH, as_subject: bool = False) -> Span | None:
        """The organisation "the company" or "the ministry" most likely refers to: the latest one named
        before it outside quotation marks, within ``reach`` sentences, whose name has
        ``name_word`` if one is given, and that is not only the addressee, the source or the reporter
        of a statement ("told Reuters", "according to Reuters", "Reuters reported"); with ``as_subject``, only
        one that was a sentence's subject ("it said" never stands for "a deal for 30 Boeing jets")."""
        sentence_index = self.view.sentence_index(before)
        for ent in islice(reversed(self.view.named_organisations.before(before)), MAX_CANDIDATES):
            if sentence_index - self.view.sentence_index(ent.start_char) > reach:
                return None
            if (name_word is None or name_word in ent.text.lower().split()) and not _addressed(ent) and (not as_subject or is_subject(ent)):
                return ent
        return None

    def gender_of(self, ent: Span) -> str | None:
        """A person's gender evidence at this mention, else at a fuller mention with the same surname
        (worked out once per mention)."""
        if ent.start_char not in self._genders:
            found = gender(ent, role_of(ent))
            if found is None and (len(ent) == 1 or bare_surname(ent)):
                fuller = self._fuller.get(surname(ent.text), ())
                found = next((g for g in (self.gender_of(e) for e in fuller) if g), None)
            self._genders[ent.start_char] = found
        return self._genders[ent.start_char]

    def gender_at(self, start: int) -> str | None:
        ent = self.view.person_at.get(start)
        return self.gender_of(ent) if ent is not None else None


def document_source(head: Token) -> Token | None:
    """Who speaks through a document that is a cue's subject: the named author after "from" or
    "by" ("a statement from the council said", "a report by Harbour Analytics stated") or the
    subject of the verb that put it out ("the council issued a statement calling ..."); None for
    any other subject, or when the author is not named (a pronoun after "by" is kept, and
    resolved as any other)."""
    if head.lower_ not in DOCUMENT_WORDS:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            author = next((t for t in child.children if t.dep_ == "pobj"), None)
            if author is not None and (author.ent_type_ in SOURCE_LABELS or author.pos_ in ("PROPN", "PRON")):
                return author
    if head.dep_ == "dobj" and lemma(head.head) in PUBLISHING_VERBS:
        return next((t for t in head.head.children if t.dep_ == "nsubj"), None)
    return None


def _addressed(ent: Span) -> bool:
    """Whether an organisation is named as the one spoken to, cited or reporting ("told Reuters",
    "according to Reuters", "in a statement to CNN", "Reuters reported"), not as an actor."""
    root = ent.root
    previous = ent.doc[ent.start - 1] if ent.start else None
    return lemma(root.head) in ("tell", "according", "report", "write", "publish") or (previous is not None and previous.lower_ in ("to", "told"))
