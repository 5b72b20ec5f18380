"""Lemmas on demand: the model's rule lemmatizer run for the few tokens the toolkit asks about.

Quote attribution reads the lemma of verbs it tests as verbs of saying and of a speaker
phrase's head ("said" → "say", "officials" → "official"): a small share of the tokens, while
the pipeline's lemmatizer lemmatises every token of every article.
:func:`toolkit.nlp.model.build_pipeline` therefore replaces the ``lemmatizer`` with
``lemmas_on_demand``, which keeps the lemmatizer and does nothing to a Doc but make it the one
:func:`lemma` uses for that Doc's vocabulary (at construction and on every Doc, so a pipeline
pickled to another process registers itself there too). :func:`lemma` gives what the
lemmatizer would have written (a lemma the attribute rules set stays, as the lemmatizer
leaves it), remembered per word form and part of speech by the lemmatizer's own cache; where
two suffix rules make two known lemmas, it picks as spaCy 3.8.8 and later do (:func:`_indexed_form`).
"""

# No ``from __future__ import annotations`` here: confection 0.1 (spaCy 3.8.7) reads the factory's annotations.

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

_LEMMATIZERS: dict[int, "LemmasOnDemand"] = {}  # id of a vocab (which its lemmatizer keeps alive) → the component holding it


class _IndexedForms(list):
    """A lemma index's list of known forms (tens of thousands for nouns), answering ``in`` from a
    set: the rule lemmatizer asks it once per candidate form of every new word, and a list scan
    made that the toolkit's costliest step after the parse. Still a list, so it serialises as one."""

    def __init__(self, forms: list[str]) -> None:
        super().__init__(forms)
        self._known = frozenset(forms)

    def __contains__(self, form: object) -> bool:
        return form in self._known


class LemmasOnDemand:
    """A pipeline component holding the model's lemmatizer for :func:`lemma`, instead of running it."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for key, forms in list(index.items()):
            index[key] = _IndexedForms(forms)
        # the rule lemmatizer's answer per (form, part of speech, morphology), which is all it depends
        # on: its own cache skips base forms ("say", "says"), which it tests for again at every token
        self.chosen: dict[tuple[int, int, int], str] = {}
        _LEMMATIZERS[id(lemmatizer.vocab)] = self

    def __call__(self, doc: Doc) -> Doc:
        _LEMMATIZERS[id(doc.vocab)] = self
        return doc


@Language.factory("lemmas_on_demand")
def make_lemmas_on_demand(nlp: Language, name: str) -> LemmasOnDemand:
    """The component, taking the pipeline's ``lemmatizer`` (which the caller then removes)."""
    return LemmasOnDemand(nlp.get_pipe("lemmatizer"))


def lemma(token: Token) -> str:
    """The token's lemma: the one written on it, else its pipeline's lemmatizer's, else its form
    (a model without a lemmatizer)."""
    if token.lemma_:
        return token.lemma_
    component = _LEMMATIZERS.get(id(token.vocab))
    if component is None:
        return token.text
    lemmatizer = component.lemmatizer
    if lemmatizer.mode != "rule":
        return lemmatizer.lookup_lemmatize(token)[0]
    key = (token.orth, token.pos, token.morph.key)
    if key not in component.chosen:
        component.chosen[key] = _indexed_form(lemmatizer, token, lemmatizer.rule_lemmatize(token))
    return component.chosen[key]


def _indexed_form(lemmatizer: Lemmatizer, token: Token, forms: list[str]) -> str:
    """Of the rule lemmatizer's candidate lemmas, an exception first, else the one the model's
    lemma index knows that the last matching suffix rule made ("singing" → "sing", not the
    also-indexed "singe" an earlier rule made), else the first candidate. spaCy chooses so from
    3.8.8 on; the toolkit pins 3.8.7, whose parser and NER run about twice as fast (docs/speed.md,
    "Which spaCy"), and makes the same choice here so that its lemmas do not depend on the version."""
    string, pos = token.lower_, token.pos_.lower()
    tables = lemmatizer.lookups
    if len(forms) < 2 or string in tables.get_table("lemma_exc", {}).get(pos, {}):
        return forms[0]
    index = tables.get_table("lemma_index", {}).get(pos, {})
    made = [string[: len(string) - len(old)] + new for old, new in tables.get_table("lemma_rules", {}).get(pos, []) if string.endswith(old)]
    indexed = [form for form in made if form and form in index]
    return indexed[-1] if indexed else forms[0]
