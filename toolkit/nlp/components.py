"""The toolkit's own spaCy components, added around the model's pipes by :func:`toolkit.nlp.model.build_pipeline`."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.attrs import ENT_TYPE, IS_TITLE, LOWER, POS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from toolkit.entities.gender import GIVEN_NAMES
from toolkit.entities.names import ROLE_WORDS
from toolkit.ingest.language import word_zipf


def lower_form_ids(words: Iterable[str]) -> np.ndarray:
    """The ids of lower-case word forms as ``Doc.to_array([LOWER])`` gives them, sorted: a word list
    tested against a whole Doc at once with ``np.isin``."""
    return np.array(sorted({get_string_id(word) for word in words}), dtype=np.uint64)


ROLE_HASHES = lower_form_ids(ROLE_WORDS)
ROLE_REACH = 3  # words after the comma that can hold the role ("X, the company's president")
EVERYDAY_ZIPF = 4.5  # a run of words all this common, none a given name, names a thing: "Commissioner for Human Rights"


def _everyday_words(span: Span) -> bool:
    """Whether every word of a span is an everyday English word and none a given name ("Human Rights", not "Rose Green")."""
    return all(t.lower_ not in GIVEN_NAMES and word_zipf(t.lower_) >= EVERYDAY_ZIPF for t in span)


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, so a subheading never joins the next sentence."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


def _punctuation_edge(token: Token) -> bool:
    return token.is_punct or token.is_space


def _name_edge(token: Token) -> bool:
    """Punctuation, space, or a symbol with no letter or digit ("®", "•", "=") at the edge of a name."""
    return _punctuation_edge(token) or not any(ch.isalnum() for ch in token.text)


@Language.component("trimmed_entities")
def trimmed_entities(doc: Doc) -> Doc:
    """Drop punctuation from the edges of entities: the small model sometimes takes the dash that
    attributes a quotation into the name after it ("― Ana Lind" as one PERSON), which would then
    be a name of its own in every table. A name (:data:`NAME_LABELS`) also drops a symbol at its
    edges ("® Lind", "Tramline ™"); amounts keep theirs ("$5", "20 %")."""
    trimmed, changed = [], False
    for ent in doc.ents:
        start, end = ent.start, ent.end
        edge = _name_edge if ent.label_ in NAME_LABELS else _punctuation_edge
        while start < end and edge(doc[start]):
            start += 1
        while end > start and edge(doc[end - 1]):
            end -= 1
        changed = changed or (start, end) != (ent.start, ent.end)
        if start < end:
            trimmed.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label))
    if changed:
        doc.ents = trimmed
    return doc


@Language.component("titled_names")
def titled_names(doc: Doc) -> Doc:
    """Tag as PERSON an untagged run of 2-3 capitalised proper nouns that follows a title or role
    ("... Deputy Director of the Security Service of Ukraine Oleksandr Poklad"), which the small
    model often leaves out in long lists of officials, or that a role follows after a comma
    ("Jeff Sanborn, president of an agency, said"). The tokens' attributes are read once, as arrays."""
    if not len(doc):
        return doc
    pos, title, entity, lower = doc.to_array([POS, IS_TITLE, ENT_TYPE, LOWER]).T
    role = np.isin(lower, ROLE_HASHES)
    name_word = (pos == PROPN) & (title == 1) & (entity == 0) & ~role
    found, n, i = [], len(doc), 0
    for start in np.flatnonzero(name_word).tolist():
        if start < i:
            continue  # inside the run just looked at
        j = start
        while j < n and j - start < 3 and name_word[j]:
            j += 1
        role_after = j < n and doc[j].text == "," and bool(role[j + 1 : j + 1 + ROLE_REACH].any())
        if j - start >= 2 and (role_after or bool(role[max(0, start - 8) : start].any())) and not _everyday_words(doc[start:j]):
            found.append(Span(doc, start, j, label="PERSON"))
        i = j
    if found:
        doc.ents = filter_spans([*doc.ents, *found])
    return doc
