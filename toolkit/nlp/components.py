"""The toolkit's own spaCy components, added around the model's pipes by :func:`toolkit.nlp.model.build_pipeline`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from toolkit.entities.names import ROLE_WORDS

ROLE_REACH = 3  # words after the comma that can hold the role ("X, the company's president")


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, so a subheading never joins the next sentence."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("trimmed_entities")
def trimmed_entities(doc: Doc) -> Doc:
    """Drop punctuation from the edges of entities: the small model sometimes takes the dash that
    attributes a quotation into the name after it ("― Ana Lind" as one PERSON), which would then
    be a name of its own in every table."""
    trimmed, changed = [], False
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
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
    ("Jeff Sanborn, president of an agency, said")."""
    found, i = [], 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and doc[j].is_title and not doc[j].ent_type_ and doc[j].lower_ not in ROLE_WORDS:
            j += 1
        role_after = j < len(doc) and doc[j].text == "," and any(t.lower_ in ROLE_WORDS for t in doc[j + 1 : j + 1 + ROLE_REACH])
        if j - i >= 2 and (role_after or any(t.lower_ in ROLE_WORDS for t in doc[max(0, i - 8) : i])):
            found.append(Span(doc, i, j, label="PERSON"))
        i = max(j, i + 1)
    if found:
        doc.ents = filter_spans([*doc.ents, *found])
    return doc
