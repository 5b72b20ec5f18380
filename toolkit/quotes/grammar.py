"""What the dependency parse says about speech: verbs of saying, their subjects, speaker phrases.

Small functions from tokens and spans to tokens, spans and offsets; they know nothing of the
article beyond the Doc (and, where quoted words must be skipped, the quotations' spans).
"""

from __future__ import annotations

from itertools import islice

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Span, Token

from toolkit.entities.mentions import role_before
from toolkit.nlp.lemmas import lemma
from toolkit.quotes.intervals import NOWHERE, Intervals
from toolkit.quotes.speaker_types import DOCUMENT_WORDS, UNKNOWN, speaker_type
from toolkit.quotes.speech_verbs import SPEECH_VERBS

SUBJECT_DEPS = ("nsubj", "nsubjpass")
FINITE_TAGS = ("VBD", "VBP", "VBZ")
STRAY_SUBJECT_DEPS = ("nummod", "npadvmod", "dep")
WHEN = ("DATE", "TIME")  # "Tuesday, X said": a day is never the lost subject
CLIMB_DEPS = ("advcl", "xcomp", "conj", "pcomp", "acl", "prep", "ccomp")
NOT_VERBS = ("NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM", "PRON", "CCONJ", "PART")
MAX_CLIMB = 5  # ancestors looked at for a participle's or conjunct's speaker
NAMING_VERBS = frozenset({"call", "brand", "label", "dub", "term"})  # their quoted object is a name given, not a statement
SPEAKING_PASSIVES = frozenset({"quote"})  # "Smith was quoted as saying": the passive's subject is the speaker


def is_speech_verb(token: Token) -> bool:
    """A verb of saying; a word form of the lexicon counts too when the tagger missed the verb,
    but never a noun or adjective ("state attorney", "a call")."""
    if token.pos_ in ("VERB", "AUX"):
        return lemma(token).lower() in SPEECH_VERBS
    return token.pos_ not in NOT_VERBS and token.lower_ in SPEECH_VERBS


def possible_cues(doc: Doc, forms: np.ndarray) -> list[int]:
    """The positions, in order, of every verb and of every word whose lower-cased form is in ``forms``
    (:func:`toolkit.nlp.components.lower_form_ids`; with the lexicon's verbs among them, every token
    :func:`is_speech_verb` can accept): one array operation over the Doc, so a search for cues
    looks at a few tokens instead of every one."""
    attributes = doc.to_array([POS, LOWER])
    possible = np.isin(attributes[:, 0], (VERB, AUX)) | np.isin(attributes[:, 1], forms)
    return np.flatnonzero(possible).tolist()


def is_naming_verb(token: Token) -> bool:
    """A verb that gives something a name ("calls them “real solutions”"): its quoted object is
    words of the speaker's, but a name, never a sentence of direct speech."""
    return lemma(token).lower() in NAMING_VERBS


def own_subject(token: Token, quoted: Intervals = NOWHERE) -> Token | None:
    """The verb's subject, skipping one inside a quotation (a quoted clause misparsed as its subject)
    and a dash or other sign the parser took for a noun ("public ― Trump boasted"); of two, the one
    nearer the verb (a dateline parsed as a second subject: "PARIS, May 2 (AP) — The minister said")."""
    found = [c for c in token.children if c.dep_ in SUBJECT_DEPS and c.idx not in quoted and not c.is_punct]
    return min(found, key=lambda c: abs(token.i - c.i), default=None)


def is_passive(verb: Token) -> bool:
    """A verb in the passive ("was asked", "is expected")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def passive_agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb: "was asked by the moderator" → moderator."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def subject(verb: Token, quoted: Intervals = NOWHERE) -> Token | None:
    """The speaker token of a speech verb: its subject; for a passive, the "by" phrase, as its
    subject was spoken to or about ("Rubio was asked by the moderator whether ...", "the plan was
    announced"), except "was quoted as saying"; for a participle right after a person's name, that
    person; for a participle or conjunct without one ("..., adding", "and added"), the subject of
    the nearest speech verb above it, else of its head."""
    own = own_subject(verb, quoted)
    if own is not None:
        spoken_to = own.dep_ == "nsubjpass" and lemma(verb).lower() not in SPEAKING_PASSIVES
        return passive_agent(verb) if spoken_to else own
    if verb.tag_ == "VBG" and verb.i > 0 and verb.nbor(-1).ent_type_ == "PERSON" and verb.nbor(-1).idx not in quoted:
        return verb.nbor(-1)  # "footage of Ana Lind asking, “...”": the person the participle describes
    if verb.dep_ == "acl" and verb.head.i < verb.i and verb.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        # "the 43-year-old asked": a subject the parser took for a modified noun; but a thing does not
        # speak: "she said at a news conference announcing ..." is hers, when a clause above has a subject
        return (_climbed_subject(verb, quoted) or verb.head) if _thing_doing(verb) else verb.head
    if verb.tag_ in FINITE_TAGS:  # a long subject the parser lost: "About 4 in 10 say", "Majorities of ... say"
        stray = next((c for c in verb.lefts if c.dep_ in STRAY_SUBJECT_DEPS and c.pos_ in ("NUM", "NOUN", "PROPN") and c.ent_type_ not in WHEN), None)
        if stray is not None:
            return stray
        if verb.dep_ == "dep" and verb.head.i < verb.i:
            # "That is a fraction of the $20 million experts say it costs": the noun the verb follows,
            # rather than a pronoun subject of the clause the parse hung it on
            above, before = own_subject(verb.head, quoted), verb.nbor(-1)
            noun_before = before.tag_ in ("NNS", "NNPS") and before.idx not in quoted
            return before if noun_before and (above is None or above.pos_ == "PRON") else above
    if verb.dep_ not in CLIMB_DEPS:
        return participle_subject(verb, quoted)
    return _climbed_subject(verb, quoted) or participle_subject(verb, quoted)


def _climbed_subject(verb: Token, quoted: Intervals) -> Token | None:
    """The subject of the nearest speech verb above the verb, else of its nearest ancestor with one."""
    # quoted words never name the speaker, but a quoted verb's subject outside the quotation does
    # ('After saying ..., she was “whisked off”')
    ancestors = verb.ancestors
    modal_head = verb.head.tag_ == "VB" and any(c.tag_ == "MD" for c in verb.head.children)
    if verb.dep_ == "conj" and verb.tag_ in FINITE_TAGS and modal_head:
        next(ancestors, None)  # "said the country would declare ... and suggested ...": attached one level too low
    subjects = [(ancestor, own_subject(ancestor, quoted)) for ancestor in islice(ancestors, MAX_CLIMB)]
    for ancestor, found in subjects:
        if found is not None and ancestor.idx not in quoted and is_speech_verb(ancestor):
            return found
    return next((found for _, found in subjects if found is not None), None)


def _thing_doing(participle: Token) -> bool:
    """A participle on a noun that cannot speak ("said at a news conference announcing that ..."):
    the speaker is the subject of the clause above, not "a news conference"."""
    head = participle.head
    document = lemma(head).lower() in DOCUMENT_WORDS  # "tweets accusing ...": a document speaks for its author
    return participle.tag_ == "VBG" and not document and speaker_type(head.doc[head.i : head.i + 1]) == UNKNOWN


def participle_subject(verb: Token, quoted: Intervals = NOWHERE) -> Token | None:
    """The subject of the clause a participle after a comma closes, when the parse hangs the
    participle elsewhere ("Flea shared the news, writing “...”", where the quotation becomes the
    participle's head): the subject of the nearest verb before the comma in the same sentence."""
    if verb.tag_ != "VBG" or verb.i == 0 or verb.nbor(-1).text != ",":
        return None
    for token in reversed(verb.doc[verb.sent.start : verb.i - 1]):
        if token.pos_ in ("VERB", "AUX") and token.idx not in quoted and (found := own_subject(token, quoted)) is not None:
            return found
    return None


def impersonal(speaker: Token, verb: Token) -> bool:
    """An "it" that stands for no one: the subject of a passive ("it is alleged that ...") or of the
    adjective a verb depends on ("it's worth noting that", "it's hard to describe how")."""
    if speaker.lower_ != "it":
        return False
    if speaker.dep_ in ("expl", "nsubjpass") or any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.head.pos_ == "ADJ" or (speaker.head == verb.head and any(c.dep_ == "acomp" for c in verb.head.children))


def misattached_clause(verb: Token) -> Token | None:
    """A content clause the parser hung elsewhere: on a noun of the verb's own phrase ("said at a
    news conference that he may wait", where "that" still marks a complement, not a relative
    pronoun), or as a gerund ("said legalizing it could put ...")."""
    for child in verb.rights:
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and any(c.dep_ == "ccomp" for c in child.children):
            return child
        if child.dep_ == "prep":
            for token in child.subtree:
                marked = any(c.dep_ == "mark" and c.lower_ == "that" and c.i == token.left_edge.i for c in token.children)
                if token.dep_ == "relcl" and marked and own_subject(token) is not None:
                    return token
    return None


def char_span(token: Token) -> tuple[int, int]:
    """Character offsets of the token's whole subtree."""
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)


def quotes_subject(fragment: tuple[int, int], clause: Token) -> bool:
    """Whether a quoted fragment holds the clause's subject noun ("its “new realities” must be
    acknowledged"), not a word of its predicate ("said it was “totally inappropriate” to ...")
    nor only a modifier of the subject ("the advertisement “wrongly” suggests ...")."""
    start, end = fragment
    return any(start <= c.idx < end for c in clause.children if c.dep_ in SUBJECT_DEPS)


def speaker_span(token: Token) -> Span:
    """The speaker phrase around a subject token: its entity, or its noun phrase without clauses."""
    doc = token.doc
    person = next((child for child in token.children if child.dep_ == "appos" and child.ent_type_ == "PERSON"), None)
    if person is not None and (token.ent_type_ in ("", "GPE", "LOC") or _dateline(token)):
        return speaker_span(person)  # "the chair, Ann Lee, said"; "HARBOURTON -- Mayor Ann Lee ... said": a dateline parsed as the subject
    if token.ent_type_:
        return entity_at(token)
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "quantmod"):
            left = min(left, child.left_edge.i)
    right = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "of", "in", "at", "close", "familiar"):
            right = max(right, child.right_edge.i + 1)
    while right - 1 > token.i and (doc[right - 1].dep_ == "cc" or doc[right - 1].is_punct):
        right -= 1  # "the secretary of state and ... nominee": the coordinated rest hangs elsewhere
    return doc[left:right]


def _dateline(token: Token) -> bool:
    """Whether a word in capitals is followed by a dash: "HARBOURTON --", a dateline, not a speaker."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.is_upper and following is not None and following.text in ("--", "—", "–", "-")


def entity_at(token: Token) -> Span:
    """The entity span a token belongs to, found from the token's IOB tags (no scan of ``doc.ents``)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def is_subject(ent: Span) -> bool:
    """Whether a mention is a clause's subject (directly or through an appositive)."""
    return ent.root.dep_ in SUBJECT_DEPS or (ent.root.dep_ == "appos" and ent.root.head.dep_ in SUBJECT_DEPS)


def clause_head(ent: Span) -> Token:
    """The verb whose subject the entity is (through an appositive if need be)."""
    return ent.root.head if ent.root.dep_ in SUBJECT_DEPS else ent.root.head.head


def role_of(ent: Span) -> str:
    """A person's role as written before the name or in an appositive ("Hugh Hill, a doctor")."""
    appositives = [ent.doc[c.left_edge.i : c.right_edge.i + 1].text for c in ent.root.children if c.dep_ == "appos"]
    return " ".join([role_before(ent), *appositives])
