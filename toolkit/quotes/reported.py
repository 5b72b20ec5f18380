"""Reported speech: the content clause of a speech verb, "according to X" clauses, and speech
reported by its topic ("criticised the new tax on fuel"), outside direct quotes."""

from __future__ import annotations

from spacy.tokens import Token

from toolkit.nlp.components import lower_form_ids
from toolkit.nlp.lemmas import lemma
from toolkit.quotes.cues import person_before
from toolkit.quotes.grammar import (
    SUBJECT_DEPS,
    char_span,
    impersonal,
    is_naming_verb,
    is_passive,
    is_speech_verb,
    misattached_clause,
    own_subject,
    possible_cues,
    quotes_subject,
    subject,
)
from toolkit.quotes.intervals import Intervals
from toolkit.quotes.record import Quote, clean_text
from toolkit.quotes.speakers import Speakers
from toolkit.quotes.speech_verbs import SPEECH_VERBS
from toolkit.quotes.view import ArticleView

INFINITIVE_CUES = frozenset(
    {"pledge", "promise", "vow", "swear", "refuse", "decline", "threaten", "offer", "propose", "agree"}
)  # commitments and refusals whose content is an infinitive: "pledged to work together", "refused to answer"
TOPIC_CUES = frozenset(
    {"criticize", "criticise", "praise", "condemn", "denounce", "announce", "endorse", "discuss", "cite", "mention",
     "demand", "propose", "recommend", "dispute"}
)  # fmt: skip  # speech acts reported by their topic: "criticised the new tax on fuel" (not "reject", "defend": often deeds)
TOPIC_PREPOSITIONS = {
    "call": ("for", "on"), "ask": ("about", "for"), "warn": ("of", "about"), "speak": ("about",),
    "complain": ("about",), "comment": ("on",), "accuse": ("of",), "apologize": ("for",), "apologise": ("for",), "thank": ("for",),
}  # fmt: skip  # "called for an inquiry", "warned of a recession", "accused them of lying"
TOPIC_PHRASE_PREPOSITIONS = ("of", "for", "in", "to", "against", "about", "with", "on")  # "praised X for ...": part of the topic
QUESTION_MARKS = ("if", "whether", "for")  # "asked voters if they would ...", "called for the US to step up ..."
CONCESSIVE_MARKS = ("although", "though", "whereas")
CUE_FORMS = lower_form_ids([*SPEECH_VERBS, "according"])  # the words a cue can be: a verb of saying, or "according (to)"
MIN_REPORTED_TOKENS = 3
MIN_WORDS_OUTSIDE_FRAGMENTS = 2  # a clause with fewer words of its own than this is the quoted fragment it holds
MAX_REPORTED_TOKENS = 400
MAX_LEAD_TOKENS = 8  # a subject left of an interrupting attribution longer than this is not taken


def find_reported_speech(view: ArticleView, speakers: Speakers, budget: int, warnings: list[str]) -> None:
    """Content clauses of speech verbs and "according to" clauses, outside direct quotes, added to
    ``speakers.quotes`` (which is then sorted by position); after ``budget`` cues, the rest of
    the article is not looked at (a warning says where it stopped)."""
    doc, text, found = view.doc, view.text, speakers.quotes
    cues_seen = 0
    taken = Intervals(((q.start, q.end) for q in found if q.kind == "direct"), margin=1)
    partial_spans = Intervals((q.start, q.end) for q in found if q.kind == "partial")
    for position in possible_cues(doc, CUE_FORMS):
        token = doc[position]
        if token.idx >= view.attributed_until:
            break
        clause, cue, speaker = None, None, None
        if is_speech_verb(token) and token.idx not in taken and not _failed(token):
            clauses = [c for c in token.children if c.dep_ == "ccomp" and _clause_head(c)]
            # the content clause after the verb ("noted that ..."); else the one before ("..., she said")
            clause = next((c for c in clauses if c.i > token.i), clauses[-1] if clauses else None)
            if clause is None and is_naming_verb(token):
                clause = next((c for c in token.children if c.dep_ == "oprd"), None)  # "calling them rapists"
            if clause is None:
                clause = next((c for c in token.children if c.dep_ == "advcl" and c.i > token.i and _marked(c, QUESTION_MARKS)), None)
            if clause is None and lemma(token).lower() in INFINITIVE_CUES:
                clause = next((c for c in token.children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
            if clause is None:
                clause = misattached_clause(token)
            if clause is None:
                clause = _topic(view, token)
            if clause is None:
                clause = _around_fragment(view, token, partial_spans)
            if clause is None and (token.dep_ == "parataxis" or _as_aside(token)):
                clause = token.head  # "A, Rutte suggested, B", "As the Times noted, B": the speech verb is an aside
            cue, speaker = token, subject(token, view.quoted) or (None if is_passive(token) else person_before(view, token))
            own = own_subject(token, view.quoted)  # without a speaker, a passive's subject: "Trump was asked whether ..."
            if (speaker is None and own is None) or impersonal(speaker or own, token):
                continue  # an imperative ("Note that ...") or an impersonal "it is alleged that" reports nobody's speech
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            source = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            clause = token.head if token.head is not token else None
            cue, speaker = token, source
        if clause is None or cue is None:
            continue
        cues_seen += 1
        if cues_seen > budget:
            warnings.append(f"reported speech not looked for after {budget:,} speech verbs (character {token.idx:,} of {len(text):,})")
            break
        if clause.right_edge.i - clause.left_edge.i > MAX_REPORTED_TOKENS:
            continue  # no sentence reports that much; a run-on parse would make every cue cost the whole text
        fragments = _clause_span(view, clause, cue)
        if fragments is None or fragments[0][0] in taken or fragments[-1][1] - 1 in taken:
            continue
        start, end = fragments[-1]
        overlapping = partial_spans.overlapping(start - 1, end + 1)
        if len(_outside(text, start, end, overlapping).split()) < MIN_WORDS_OUTSIDE_FRAGMENTS:
            continue  # the clause is the quoted fragment itself, give or take a word ("he’s “made a lot of money”")
        inner = [(s, e) for s, e in overlapping if start <= s - 1 < end]
        if len(inner) == 1 and len(text[start : inner[0][0] - 1].split()) < MIN_REPORTED_TOKENS and quotes_subject(inner[0], clause):
            continue  # "insists its “new realities” must be ...": the quoted subject carries the statement
        clause_end = start + len(text[start:end].rstrip(" .,;"))
        # a clause ending in a quoted fragment ends where the fragment does, its closing full stop included
        clause_end = max([clause_end, *(e for s, e in overlapping if s < clause_end < e)])
        # and a fragment at either edge keeps its quote mark, so the marks in the content pair up
        clause_end += any(s < clause_end == e for s, e in overlapping)
        fragments[-1] = (start - any(s == start for s, _ in overlapping), clause_end)
        if len(text[start : fragments[-1][1]].split()) < MIN_REPORTED_TOKENS:
            continue
        content = clean_text(" ".join(text[s:e] for s, e in fragments))
        quote = Quote("indirect", fragments[0][0], fragments[-1][1], content, fragments, cue.text, cue.idx)
        speakers.attribute(quote, speaker)
        speakers.add(quote)
    found.sort(key=lambda q: q.start)


def _outside(text: str, start: int, end: int, fragments: list[tuple[int, int]]) -> str:
    """The text from ``start`` to ``end`` without the quoted fragments (sorted, inside or overlapping it)."""
    pieces, at = [], start
    for s, e in fragments:
        pieces.append(text[at : max(at, s - 1)])
        at = max(at, e + 1)
    pieces.append(text[at:end])
    return " ".join(pieces)


def _failed(verb: Token) -> bool:
    """A speech act that did not happen: "the two sides failed to agree to halt the fighting"."""
    return verb.dep_ == "xcomp" and lemma(verb.head).lower() == "fail"


def _clause_head(token: Token) -> bool:
    """A verb, an adjective, or a word with a subject of its own: a clause even when the tagger
    took its verb for a noun ("said the spate of shootings demands that ...")."""
    return token.pos_ in ("VERB", "AUX", "ADJ") or any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _as_aside(verb: Token) -> bool:
    """ "As the Times noted, ...": a speech verb in an "as" clause before the statement it attributes."""
    return verb.dep_ == "advcl" and verb.head.i > verb.i and _marked(verb, ("as",))


def _marked(clause: Token, marks: tuple[str, ...]) -> bool:
    """Whether a clause opens with one of these subordinating words ("if they would ...")."""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def _topic(view: ArticleView, verb: Token) -> Token | None:
    """What a speech act is about when it has no clause: "criticised the new tax on fuel",
    "called for an inquiry into the deal" (a noun phrase of a few words, without quote marks)."""
    verb_lemma = lemma(verb).lower()
    if verb_lemma in TOPIC_CUES:
        topic = next((c for c in verb.children if c.dep_ == "dobj"), None)
    else:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS.get(verb_lemma, ())), None)
        topic = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if verb_lemma == "call" and prep is not None and prep.lower_ == "on":  # "called on Trump to step down": the demand
            topic = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > prep.i), topic)
    if topic is None or topic.pos_ == "PRON":
        return None
    start, end = char_span(topic)
    return None if view.quoted.overlapping(start, end - 1) else topic


def _around_fragment(view: ArticleView, verb: Token, partial_spans: Intervals) -> Token | None:
    """The phrase after a speech verb that holds a quoted fragment it governs ("asked white actors
    to act “whiter”", "accused him of a “freak out”"): the statement, of which the fragment is
    the quoted part. Not a noun phrase ("expressed “cautious optimism”"), where the fragment is
    the statement, as the seed articles' gold has it (PolNeAR reports the whole phrase)."""
    for child in verb.rights:
        if child.dep_ == "xcomp" or (child.dep_ == "prep" and child.lower_ != "as"):  # "described it as “...”" names, not states
            start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge)
            if any(start <= s and e <= end + 1 for s, e in partial_spans.overlapping(start, end)):
                return child
    return None


def _clause_span(view: ArticleView, clause: Token, cue: Token) -> list[tuple[int, int]] | None:
    """The reported content as one or two fragments: the clause's tokens, without the cue's own
    phrase and without a further speech act hanging off it ("..., reiterating that ...", "and
    demanding ..."); an attribution interrupting the clause after its subject ("The museum, he
    said, would ...") leaves the subject as a first fragment."""
    excluded = set(t.i for t in cue.subtree) if cue in clause.subtree else set()
    for child in clause.children:
        after_comma = child.i > clause.i and child.left_edge.i > 0 and child.doc[child.left_edge.i - 1].text == ","
        nested_report = any(c.dep_ == "ccomp" for c in child.children)
        if child.dep_ == "advcl" and after_comma and own_subject(child) is not None and nested_report:
            excluded.update(t.i for t in child.subtree)  # "..., as it believes that ...": a second report
        purpose = any(c.tag_ == "TO" for c in child.children)  # "... to express gratitude": not a second report
        # "... if he had told her": part of the statement; "..., although he refused to ...": a second report
        condition = any(c.dep_ == "mark" and c.lower_ not in CONCESSIVE_MARKS for c in child.children)
        if child.dep_ in ("advcl", "conj") and is_speech_verb(child) and child.i > clause.i and not purpose and not condition:
            excluded.update(t.i for t in child.subtree)
            excluded.update(t.i for t in clause.children if t.dep_ == "cc" and t.i < child.i and t.i > clause.i)
    tokens = [t for t in clause.subtree if t.i not in excluded]
    if clause.dep_ == "dobj":  # a topic: "praised Ortega for his support", the phrase the parse hung on the verb
        for prep in cue.rights:
            follows = prep.dep_ == "prep" and prep.i == tokens[-1].i + 1 and prep.lower_ in TOPIC_PHRASE_PREPOSITIONS
            if follows and not any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree):
                tokens += list(prep.subtree)
    if clause.dep_ == "ccomp" and not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        # "emphasised the talks will ...", parsed with "the talks" as the verb's object: the clause's lost subject
        lost = next((c for c in cue.children if c.dep_ == "dobj" and c.right_edge.i + 1 == clause.left_edge.i), None)
        tokens = [*lost.subtree, *tokens] if lost is not None else tokens
    if clause.dep_ == "oprd":  # "calling X Y ...": everything after the verb up to a comma or a second verb
        after = [t for t in cue.subtree if t.i > cue.i]
        second = next((c.left_edge.i for c in cue.rights if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > clause.i), None)
        ends = set() if second is None else {second} | {c.i for c in cue.children if c.dep_ == "cc" and clause.i < c.i < second}
        # a comma inside a quoted name does not end it: 'called him a "liar," a "bully" and "sick."'
        stop = next((t.i for t in after if t.i > clause.i and ((t.text == "," and t.idx not in view.quoted) or t.i in ends)), None)
        tokens = [t for t in after if stop is None or t.i < stop]
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
    if "\n\n" in view.text[start:end]:
        end = start + view.text[start:end].index("\n\n")
    if lead and "\n" not in view.text[lead[0].idx : start]:
        return [(lead[0].idx, lead[-1].idx + len(lead[-1].text)), (start, end)]
    return [(start, end)]
