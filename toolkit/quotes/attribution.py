"""Quote attribution on a parsed article: direct, partial and reported speech with speakers.

Steps, each a small function:

1. :mod:`toolkit.quote_marks` pairs the quote marks of the raw text into quotations, never
   failing on a stray mark, and joins "A," he said, "B" into one quote with two fragments.
2. Quoted titles and names ("Meet the Press") are left out: nobody said them.
3. Each quote gets its cue: a speech verb (see :mod:`toolkit.speech_verbs`) outside the
   marks in the quote's sentences, a colon or dash form, or none; with no cue, a quote
   continues the previous quote's speaker.
4. :func:`reported_speech` takes the content clause (``ccomp``) of a speech verb, and the
   clause introduced by "according to X".
5. Speakers: the cue's subject through the dependency parse (inverted, participial and
   appositive forms too); pronouns and role descriptions ("he", "the minister") are
   resolved to the most compatible earlier person.

Records carry character offsets into the text; mapping speakers to canonical entities is
done later, across articles, by :mod:`toolkit.entities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from toolkit.aliases import ROLE_WORDS
from toolkit.gender import gender
from toolkit.mentions import role_before
from toolkit.quote_marks import looks_like_title, marks_view, merge_split_quotes, quote_spans
from toolkit.speech_verbs import SPEECH_VERBS

SUBJECT_DEPS = ("nsubj", "nsubjpass")
FINITE_TAGS = ("VBD", "VBP", "VBZ")
STRAY_SUBJECT_DEPS = ("nummod", "npadvmod", "dep")
CLIMB_DEPS = ("advcl", "xcomp", "conj", "pcomp", "acl", "prep", "ccomp")
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
PERSONAL = {"he": "person", "she": "person", "him": "person", "her": "person", "it": "group", "they": "group"}
GROUP_LABELS = ("ORG", "GPE", "NORP", "LOC", "FAC")
INFINITIVE_CUES = frozenset(
    {"pledge", "promise", "vow", "swear", "refuse", "decline", "threaten", "offer", "propose"}
)  # commitments and refusals whose content is an infinitive: "pledged to work together", "refused to answer"
TOPIC_CUES = frozenset(
    {"criticize", "criticise", "praise", "condemn", "denounce", "announce", "endorse", "discuss", "cite", "mention",
     "demand", "propose", "recommend", "dispute"}
)  # fmt: skip  # speech acts reported by their topic: "criticised the new tax on fuel" (not "reject", "defend": often deeds)
TOPIC_PREPOSITIONS = {
    "call": ("for", "on"), "ask": ("about", "for"), "warn": ("of", "about"), "speak": ("about",),
    "complain": ("about",), "comment": ("on",), "apologize": ("for",), "apologise": ("for",),
}  # fmt: skip  # "called for an inquiry", "warned of a recession"
MIN_DIRECT_WORDS = 4
MIN_REPORTED_TOKENS = 3
MAX_LEAD_TOKENS = 8  # a subject left of an interrupting attribution longer than this is not taken


@dataclass
class Quote:
    """One attributed statement, with offsets into the article text."""

    kind: str
    start: int
    end: int
    text: str
    fragments: list[tuple[int, int]] = field(default_factory=list)
    cue: str | None = None
    cue_start: int | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    referent_start: int | None = None
    referent_end: int | None = None
    resolution: str = "none"

    def record(self) -> dict:
        return {k: (list(map(list, v)) if k == "fragments" else v) for k, v in self.__dict__.items()}


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(",").strip()


def _own_subject(token: Token, quoted: list[tuple[int, int]] = ()) -> Token | None:
    """The verb's subject, skipping one inside a quotation (a quoted clause misparsed as its subject)."""
    return next((c for c in token.children if c.dep_ in SUBJECT_DEPS and not _inside(c.idx, quoted)), None)


def _subject(verb: Token, quoted: list[tuple[int, int]] = ()) -> Token | None:
    """The speaker token of a speech verb: its subject; for a participle or conjunct without one
    ("..., adding", "and added"), the subject of the nearest speech verb above it, else of its head."""
    own = _own_subject(verb, quoted)
    if own is not None:
        return own
    if verb.dep_ == "acl" and verb.head.i < verb.i and verb.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        return verb.head  # "the 43-year-old asked": a subject the parser took for a modified noun
    if verb.tag_ in FINITE_TAGS:  # a long subject the parser lost: "About 4 in 10 say", "Majorities of ... say"
        stray = next((c for c in verb.lefts if c.dep_ in STRAY_SUBJECT_DEPS and c.pos_ in ("NUM", "NOUN", "PROPN")), None)
        if stray is not None:
            return stray
        if verb.dep_ == "dep" and verb.head.i < verb.i:
            return _own_subject(verb.head, quoted)
    if verb.dep_ not in CLIMB_DEPS:
        return None
    ancestors = [a for a in verb.ancestors if not _inside(a.idx, quoted)][:5]  # quoted words never name the speaker
    for ancestor in ancestors:
        if _is_speech_verb(ancestor) and _own_subject(ancestor) is not None:
            return _own_subject(ancestor)
    for ancestor in ancestors:
        if _own_subject(ancestor) is not None:
            return _own_subject(ancestor)
    return None


def _misattached_clause(verb: Token) -> Token | None:
    """A content clause the parser hung elsewhere: on a noun of the verb's own phrase ("said at a
    news conference that he may wait", where "that" still marks a complement, not a relative
    pronoun), or as a gerund ("said legalizing it could put ...")."""
    for child in verb.rights:
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and any(c.dep_ == "ccomp" for c in child.children):
            return child
        if child.dep_ == "prep":
            for token in child.subtree:
                marked = any(c.dep_ == "mark" and c.lower_ == "that" and c.i == token.left_edge.i for c in token.children)
                if token.dep_ == "relcl" and marked and _own_subject(token) is not None:
                    return token
    return None


def _char_span(token: Token) -> tuple[int, int]:
    """Character offsets of the token's whole subtree."""
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)


def _in_subject(char: int, clause: Token) -> bool:
    """Whether the character lies in the clause's subject (not in its predicate, as in
    "said it was “totally inappropriate” to ...", where the clause is the statement)."""
    return any(start <= char < end for start, end in (_char_span(c) for c in clause.children if c.dep_ in SUBJECT_DEPS))


def _speaker_span(token: Token) -> Span:
    """The speaker phrase around a subject token: its entity, or its noun phrase without clauses."""
    doc = token.doc
    if token.ent_type_:
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            return ent
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return _speaker_span(child)
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "quantmod"):
            left = min(left, child.left_edge.i)
    right = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "of", "in", "at", "close", "familiar"):
            right = max(right, child.right_edge.i + 1)
    return doc[left:right]


NOT_VERBS = ("NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM", "PRON", "CCONJ", "PART")


def _is_speech_verb(token: Token) -> bool:
    """A verb of saying; a word form of the lexicon counts too when the tagger missed the verb,
    but never a noun or adjective ("state attorney", "a call")."""
    if token.pos_ in ("VERB", "AUX"):
        return token.lemma_.lower() in SPEECH_VERBS
    return token.pos_ not in NOT_VERBS and token.lower_ in SPEECH_VERBS


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(s - 1 <= i <= e for s, e in spans)


class Attributor:
    """Finds and attributes the quotes of one Doc; see the module docstring for the steps."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = marks_view(doc.text)
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]
        self.quotes: list[Quote] = []
        self.resolved_at: dict[int, Span] = {}
        self.sentence_ordinal = {sent.start: i for i, sent in enumerate(doc.sents)}
        self.quoted: list[tuple[int, int]] = []

    # -- speakers ---------------------------------------------------------------------------
    def _recent_person(self, before: int, role_word: str | None = None, wanted_gender: str | None = None) -> tuple[Span | None, str]:
        """The person a pronoun or role description most likely refers to, and how it was chosen.

        Candidates are people named before it outside quotation marks, of the pronoun's gender
        or of unknown gender (:mod:`toolkit.gender`). Order of preference: for a
        role description, the latest person introduced with that role; the speaker of a quote in
        this or the previous sentence; the latest person who was a sentence's subject (a main
        clause's subject before a subordinate one's); the previous speaker; the nearest person.
        """
        sentence_index = self._sentence_index(before)
        candidates = [e for e in self.persons if e.start_char < before and not _inside(e.start_char, self.quoted)]
        if wanted_gender:
            candidates = [e for e in candidates if self._gender_of(e) in (None, wanted_gender)]
        if role_word:
            for ent in reversed(candidates):
                if role_word in _role_of(ent).lower():
                    return ent, "role"
        previous = next((q for q in reversed(self.quotes) if q.end <= before and q.referent_start is not None), None)
        if previous and wanted_gender and self._gender_at(previous.referent_start) not in (None, wanted_gender):
            previous = None  # "she said" never continues a man's quote
        if previous and sentence_index - self._sentence_index(previous.end) <= 1:
            return self._span_at(previous.referent_start, previous.referent_end), "previous speaker"
        subjects = [e for e in candidates if sentence_index - self._sentence_index(e.start_char) <= 6 and _is_subject(e)]
        if subjects:
            latest = self._sentence_index(subjects[-1].start_char)
            same_sentence = [e for e in subjects if self._sentence_index(e.start_char) == latest]
            main = [e for e in same_sentence if _clause_head(e).dep_ == "ROOT"]
            chosen = (main or same_sentence)[-1]
            return self.resolved_at.get(chosen.start_char, chosen), "subject"
        if previous and sentence_index - self._sentence_index(previous.end) <= 4:
            return self._span_at(previous.referent_start, previous.referent_end), "previous speaker"
        earlier = [e for e in candidates if sentence_index - self._sentence_index(e.start_char) <= 3]
        return (earlier[-1], "nearest person") if earlier else (None, "none")

    def _gender_of(self, ent: Span) -> str | None:
        """A person's gender evidence at this mention, else at a fuller mention with the same surname."""
        found = gender(ent, _role_of(ent))
        if found is None and len(ent) == 1:
            fuller = (e for e in self.persons if len(e) > 1 and e[-1].lower_ == ent[-1].lower_)
            found = next((g for g in (gender(e, _role_of(e)) for e in fuller) if g), None)
        return found

    def _gender_at(self, start: int) -> str | None:
        ent = next((e for e in self.persons if e.start_char == start), None)
        return self._gender_of(ent) if ent is not None else None

    def _span_at(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def _sentence_index(self, char: int) -> int:
        token = self._token_at(char)
        return self.sentence_ordinal.get(token.sent.start, 0) if token is not None else 0

    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, min(char + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def attribute(self, quote: Quote, subject: Token | None) -> None:
        """Fill the quote's speaker from a subject token, resolving pronouns and role descriptions."""
        if subject is None:
            return
        if subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "Smith, who said ...": the speaker is the antecedent
        span = _speaker_span(subject)
        quote.speaker_text = span.text
        quote.speaker_start, quote.speaker_end = span.start_char, span.end_char
        head = span.root
        referent, how = None, "none"
        if head.lower_ in PERSONAL and len(span) == 1:
            if PERSONAL[head.lower_] == "person":
                referent, how = self._recent_person(span.start_char, wanted_gender=PRONOUN_GENDER.get(head.lower_))
        elif span.label_ == "PERSON" or head.ent_type_ == "PERSON":
            referent, how = span, "name"
        elif head.lower_ in ROLE_WORDS and not any(t.ent_type_ for t in span) and span[0].lower_ in ("the", "this", "that"):
            referent, how = self._recent_person(span.start_char, head.lower_)
        else:
            how = "group" if any(t.ent_type_ in GROUP_LABELS for t in span) or head.tag_ in ("NNS", "NNPS") else "description"
        if referent is not None:
            quote.referent_start, quote.referent_end = referent.start_char, referent.end_char
            self.resolved_at[span.start_char] = referent
        quote.resolution = how

    # -- direct and partial quotes ------------------------------------------------------------
    def _governing_verb(self, fragments: list[tuple[int, int]]) -> Token | None:
        """For a partial quote: the speech verb the quoted fragment hangs from in the parse."""
        span = self.doc.char_span(fragments[0][0], fragments[0][1], alignment_mode="expand")
        if span is None or not len(span):
            return None
        for ancestor in [span.root, *span.root.ancestors]:
            if (ancestor.i < span.start or ancestor.i >= span.end) and _is_speech_verb(ancestor):
                return ancestor
        return None

    def _cue_for(self, fragments: list[tuple[int, int]], all_spans: list[tuple[int, int]], partial: bool) -> Token | None:
        """The speech verb attributing a quote: for a fragment the verb it depends on; else a verb
        after it in its last sentence (trailing attribution), else one before it in its first."""
        first = self._token_at(fragments[0][0])
        last = self._token_at(max(fragments[-1][1] - 1, fragments[-1][0]))
        if first is None or last is None:
            return None
        if partial:
            return self._governing_verb(fragments)
        for (_, gap_start), (gap_end, _) in pairwise(fragments):  # “A,” he said, “B”
            between = self.doc.char_span(gap_start + 1, gap_end - 1, alignment_mode="contract")
            verb = next((t for t in between or () if _is_speech_verb(t)), None)
            if verb is not None:
                return verb
        for token in self.doc[last.i : min(len(self.doc), last.sent.end + 25)]:
            if token.is_space and "\n" in token.text:
                break  # an attribution never crosses a paragraph break
            if token.idx > fragments[-1][1] and not _inside(token.idx, all_spans) and _is_speech_verb(token):
                return token
            if token.text in (".", "!", "?") and token.idx > fragments[-1][1] + 1:
                break
        for token in reversed(self.doc[first.sent.start : first.i]):
            if not _inside(token.idx, all_spans) and _is_speech_verb(token):
                return token
        return self._lead_in_cue(fragments[0][0], all_spans)

    def _lead_in_cue(self, quote_start: int, all_spans: list[tuple[int, int]]) -> Token | None:
        """“He said:” closing the paragraph before a quoted paragraph: the speech verb of that line."""
        before = self.text[: quote_start - 1]
        if before.strip() == "" or not before.rstrip().endswith(":") or "\n" not in before[len(before.rstrip()) :]:
            return None
        colon = self._token_at(len(before.rstrip()) - 1)
        if colon is None:
            return None
        for token in reversed(self.doc[colon.sent.start : colon.i]):
            if not _inside(token.idx, all_spans) and _is_speech_verb(token):
                return token
        return None

    def _colon_or_dash_speaker(self, fragments: list[tuple[int, int]]) -> Token | None:
        """Name: “...” and “...” — Name: a person named right at the colon, or right after the dash."""
        before = self.text[: fragments[0][0] - 1].rstrip()
        if before.endswith(":"):
            colon = len(before) - 1
            named = next((e for e in self.persons if colon - 1 <= e.end_char <= colon), None)
            if named is not None:
                return named.root
        after = self.text[fragments[-1][1] + 1 : fragments[-1][1] + 60]
        match = re.match(r"\s*[—–―-]{1,2}\s*", after)
        if match:
            start = fragments[-1][1] + 1 + match.end()
            named = next((e for e in self.persons if e.start_char == start), None)
            if named is not None:
                return named.root
        return None

    def _is_partial(self, fragments: list[tuple[int, int]]) -> bool:
        """A fragment inside a reported sentence: words of the same clause run into the opening mark,
        unless a speech verb introduces the quote and the quote ends the sentence (she said “we won.”),
        which is direct speech without the comma."""
        before = self.text[: fragments[0][0] - 1].rstrip(" ")
        line_start = before.rfind("\n") + 1
        sentence_before = re.split(r"[.!?…][\"”’)]*\s+", before[line_start:])[-1].rstrip()
        if not sentence_before or sentence_before.endswith((",", ":", "—", "–", ".", "!", "?", "…", "”", '"')):
            return False
        return not (self._introduced_by_speech_verb(len(before) - 1) and self._ends_sentence(fragments[-1][1]))

    def _introduced_by_speech_verb(self, char: int) -> bool:
        token = self._token_at(char)
        return token is not None and _is_speech_verb(token) and not _inside(token.idx, self.quoted)

    def _ends_sentence(self, quote_end: int) -> bool:
        """Nothing but a full stop (or the end of the paragraph) follows the closing mark."""
        rest = self.text[quote_end + 1 :].split("\n", 1)[0]
        return re.match(r"\s*(?:[.!?]\s|[.!?]?$)", rest) is not None

    def direct_quotes(self) -> None:
        """Direct and partial quotes with their cues and speakers."""
        spans = quote_spans(self.text)
        flat = [f for q in spans for f in q]
        self.quoted = flat
        for fragments in merge_split_quotes(self.text, spans):
            content = " ".join(self.text[s:e] for s, e in fragments)
            words = len(content.split())
            partial = self._is_partial(fragments)
            if partial and looks_like_title(content):
                continue
            quote = Quote("partial" if partial else "direct", fragments[0][0], fragments[-1][1], _clean(content), list(fragments))
            named = None if partial else self._colon_or_dash_speaker(fragments)
            cue = None if named is not None else self._cue_for(fragments, flat, partial)
            if named is not None:
                quote.cue = "colon/dash"
                self.attribute(quote, named)
            elif cue is not None:
                quote.cue, quote.cue_start = cue.text, cue.idx
                self.attribute(quote, _subject(cue, self.quoted))
            else:
                if not partial and words >= MIN_DIRECT_WORDS and self._continues_previous(quote):
                    previous = self.quotes[-1]
                    if previous.kind == "direct" and self.text[previous.end : quote.start].count("\n\n") <= 1:
                        # “A,” she said. “B.”: one statement, with a second fragment
                        previous.fragments.extend(fragments)
                        previous.end, previous.text = quote.end, _clean(previous.text + " " + content)
                        continue
                    quote.cue, quote.resolution = None, "continuation"
                    quote.speaker_text, quote.speaker_start, quote.speaker_end = (
                        previous.speaker_text, previous.speaker_start, previous.speaker_end)  # fmt: skip
                    quote.referent_start, quote.referent_end = previous.referent_start, previous.referent_end
                elif partial or words < MIN_DIRECT_WORDS:
                    continue  # scare quotes, titles, terms: no statement
            self.quotes.append(quote)

    def _continues_previous(self, quote: Quote) -> bool:
        if not self.quotes:
            return False
        previous = self.quotes[-1]
        between = self.text[previous.end : quote.start]
        return previous.speaker_text is not None and between.count("\n\n") <= 1 and len(between) < 400

    # -- reported speech ----------------------------------------------------------------------
    def reported_speech(self) -> None:
        """Content clauses of speech verbs and "according to" clauses, outside direct quotes."""
        taken = [(q.start, q.end) for q in self.quotes if q.kind == "direct"]
        partial_spans = [(q.start, q.end) for q in self.quotes if q.kind == "partial"]
        for token in self.doc:
            clause, cue, subject = None, None, None
            if _is_speech_verb(token) and not _inside(token.idx, taken):
                clauses = [c for c in token.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX", "ADJ")]
                # the content clause after the verb ("noted that ..."); else the one before ("..., she said")
                clause = next((c for c in clauses if c.i > token.i), clauses[-1] if clauses else None)
                if clause is None and token.lemma_.lower() in ("call", "brand", "label", "dub", "term"):
                    clause = next((c for c in token.children if c.dep_ == "oprd"), None)  # "calling them rapists"
                if clause is None and token.lemma_.lower() in INFINITIVE_CUES:
                    clause = next((c for c in token.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
                if clause is None:
                    clause = _misattached_clause(token)
                if clause is None:
                    clause = self._topic(token)
                if clause is None and token.dep_ == "parataxis":
                    clause = token.head  # "A, Rutte suggested, B": the speech verb is a parenthesis
                cue, subject = token, _subject(token, self.quoted) or self._person_before(token)
                if subject is None:
                    continue  # an imperative ("Note that ...") reports nobody's speech
            elif token.lower_ == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
                source = next((c for c in self.doc[token.i + 1].children if c.dep_ == "pobj"), None)
                clause = token.head if token.head is not token else None
                cue, subject = token, source
            if clause is None or cue is None:
                continue
            fragments = self._clause_span(clause, cue)
            if fragments is None or _inside(fragments[0][0], taken) or _inside(fragments[-1][1] - 1, taken):
                continue
            start, end = fragments[-1]
            if any(min(end, e) - max(start, s) > 0.5 * (end - start) for s, e in partial_spans):
                continue  # the clause is the quoted fragment itself
            inner = [s for s, _ in partial_spans if start <= s - 1 < end]
            if inner and len(self.text[start : inner[0] - 1].split()) < MIN_REPORTED_TOKENS and _in_subject(inner[0], clause):
                continue  # "insists its “new realities” must be ...": the quoted fragment carries the statement
            fragments[-1] = (start, start + len(self.text[start:end].rstrip(" .,;")))
            if len(self.text[start : fragments[-1][1]].split()) < MIN_REPORTED_TOKENS:
                continue
            text = _clean(" ".join(self.text[s:e] for s, e in fragments))
            quote = Quote("indirect", fragments[0][0], fragments[-1][1], text, fragments, cue.text, cue.idx)
            self.attribute(quote, subject)
            self.quotes.append(quote)
        self.quotes.sort(key=lambda q: q.start)

    def _topic(self, verb: Token) -> Token | None:
        """What a speech act is about when it has no clause: "criticised the new tax on fuel",
        "called for an inquiry into the deal" (a noun phrase of a few words, without quote marks)."""
        lemma = verb.lemma_.lower()
        if lemma in TOPIC_CUES:
            topic = next((c for c in verb.children if c.dep_ == "dobj"), None)
        else:
            prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS.get(lemma, ())), None)
            topic = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if lemma == "call" and prep is not None and prep.lower_ == "on":  # "called on Trump to step down": the demand
                topic = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > prep.i), topic)
        if topic is None or topic.pos_ == "PRON":
            return None
        start, end = _char_span(topic)
        return None if any(s < end and start < e for s, e in self.quoted) else topic

    def _person_before(self, verb: Token) -> Token | None:
        """A parse that lost the subject ("X, an aide, insisted"): the person just before the verb."""
        if verb.dep_ != "ROOT":
            return None
        for ent in reversed(self.persons):
            if ent.end <= verb.i and ent.start >= verb.sent.start and verb.i - ent.end <= 12:
                return ent.root
        return None

    def _clause_span(self, clause: Token, cue: Token) -> list[tuple[int, int]] | None:
        """The reported content as one or two fragments: the clause's tokens, without the cue's own
        phrase and without a further speech act hanging off it ("..., reiterating that ...", "and
        demanding ..."); an attribution interrupting the clause after its subject ("The museum, he
        said, would ...") leaves the subject as a first fragment."""
        excluded = set(t.i for t in cue.subtree) if cue in clause.subtree else set()
        for child in clause.children:
            after_comma = child.i > clause.i and child.left_edge.i > 0 and child.doc[child.left_edge.i - 1].text == ","
            nested_report = any(c.dep_ == "ccomp" for c in child.children)
            if child.dep_ == "advcl" and after_comma and _own_subject(child) is not None and nested_report:
                excluded.update(t.i for t in child.subtree)  # "..., as it believes that ...": a second report
            purpose = any(c.tag_ == "TO" for c in child.children)  # "... to express gratitude": not a second report
            condition = any(c.dep_ == "mark" for c in child.children)  # "... if he had told her": part of the statement
            if child.dep_ in ("advcl", "conj") and _is_speech_verb(child) and child.i > clause.i and not purpose and not condition:
                excluded.update(t.i for t in child.subtree)
                excluded.update(t.i for t in clause.children if t.dep_ == "cc" and t.i < child.i and t.i > clause.i)
        tokens = [t for t in clause.subtree if t.i not in excluded]
        if clause.dep_ == "ccomp" and not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
            # "emphasised the talks will ...", parsed with "the talks" as the verb's object: the clause's lost subject
            lost = next((c for c in cue.children if c.dep_ == "dobj" and c.right_edge.i + 1 == clause.left_edge.i), None)
            tokens = [*lost.subtree, *tokens] if lost is not None else tokens
        if clause.dep_ == "oprd":  # "calling X Y ...": everything after the verb up to a comma
            after = [t for t in cue.subtree if t.i > cue.i]
            comma = next((t.i for t in after if t.text == "," and t.i > clause.i), None)
            tokens = [t for t in after if comma is None or t.i < comma]
        lead: list[Token] = []
        if tokens and tokens[0].i < cue.i < tokens[-1].i:
            # "A, Rutte suggested, B": the attribution interrupts the clause; B is the statement,
            # and A belongs to it when A is the clause's subject ("The latest test, it said, was ...")
            after = [t for t in tokens if t.i > max(cue.right_edge.i, cue.i)]
            if len(after) >= MIN_REPORTED_TOKENS:
                before = [t for t in tokens if t.i < cue.left_edge.i and not t.is_punct]
                if len(before) <= MAX_LEAD_TOKENS and any(t.dep_ in SUBJECT_DEPS and t.head == clause for t in before):
                    lead = before
                tokens = after
        elif excluded and tokens:
            last = tokens[0].i
            contiguous = [tokens[0]]
            for t in tokens[1:]:
                if t.i != last + 1:
                    break
                contiguous.append(t)
                last = t.i
            tokens = contiguous if clause in contiguous else tokens
        if cue.lower_ == "according":
            tokens = [t for t in clause.subtree if t.i > cue.i + 1 and t not in cue.subtree]
            tokens = [t for t in tokens if not t.is_punct or t.i != tokens[0].i]
        while tokens and (tokens[0].dep_ == "mark" or tokens[0].is_punct or tokens[0].is_space):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
            tokens = tokens[:-1]
        if not tokens:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if "\n\n" in self.text[start:end]:
            end = start + self.text[start:end].index("\n\n")
        if lead and "\n" not in self.text[lead[0].idx : start]:
            return [(lead[0].idx, lead[-1].idx + len(lead[-1].text)), (start, end)]
        return [(start, end)]

    def run(self) -> list[Quote]:
        self.direct_quotes()
        self.reported_speech()
        return self.quotes


def _is_subject(ent: Span) -> bool:
    return ent.root.dep_ in SUBJECT_DEPS or (ent.root.dep_ == "appos" and ent.root.head.dep_ in SUBJECT_DEPS)


def _clause_head(ent: Span) -> Token:
    """The verb whose subject the entity is (through an appositive if need be)."""
    return ent.root.head if ent.root.dep_ in SUBJECT_DEPS else ent.root.head.head


def _role_of(ent: Span) -> str:
    """A person's role as written before the name or in an appositive ("Hugh Hill, a doctor")."""
    appositives = [ent.doc[c.left_edge.i : c.right_edge.i + 1].text for c in ent.root.children if c.dep_ == "appos"]
    return " ".join([role_before(ent), *appositives])


def quotes(doc: Doc) -> list[dict]:
    """Every quote of a parsed article as a plain record (offsets into ``doc.text``)."""
    return [q.record() for q in Attributor(doc).run()]
