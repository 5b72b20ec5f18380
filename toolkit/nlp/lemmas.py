"""Lemmas on demand: the model's rule lemmatizer run for the few tokens the toolkit asks about.

Quote attribution reads the lemma of verbs it tests as verbs of saying and of a speaker
phrase's head ("said" → "say", "officials" → "official"): a small share of the tokens, while
the pipeline's lemmatizer lemmatises every token of every article.
:func:`toolkit.nlp.model.build_pipeline` therefore replaces the ``lemmatizer`` with
``lemmas_on_demand``, which keeps the lemmatizer and does nothing to a Doc but make it the one
:func:`lemma` uses for that Doc's vocabulary (at construction and on every Doc, so a pipeline
pickled to another process registers itself there too). :func:`lemma` gives what the
lemmatizer would have written (a lemma the attribute rules set stays, as the lemmatizer
leaves it), remembered per word form and part of speech by the lemmatizer's own cache.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

_LEMMATIZERS: dict[int, Lemmatizer] = {}  # id of a vocab (which its lemmatizer keeps alive) → its lemmatizer


class LemmasOnDemand:
    """A pipeline component holding the model's lemmatizer for :func:`lemma`, instead of running it."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        _LEMMATIZERS[id(lemmatizer.vocab)] = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        _LEMMATIZERS[id(doc.vocab)] = self.lemmatizer
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
    lemmatizer = _LEMMATIZERS.get(id(token.vocab))
    if lemmatizer is None:
        return token.text
    return (lemmatizer.rule_lemmatize(token) if lemmatizer.mode == "rule" else lemmatizer.lookup_lemmatize(token))[0]
