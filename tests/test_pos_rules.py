"""The look-up attribute rules give exactly the model's attribute_ruler annotations, lemmas on
demand exactly the model's lemmatizer's, and matrices multiplied by numpy exactly blis's
annotations."""

import pickle

import numpy as np
import pytest
from thinc.api import Model, NumpyOps

from toolkit.nlp import lemmas
from toolkit.nlp.attribute_rules import RuleAttributes, replace_attribute_ruler
from toolkit.nlp.lemmas import lemma
from toolkit.nlp.model import PredictionOps, build_pipeline, load_model, multiply_with_numpy
from toolkit.paths import PROJECT_ROOT

SENTENCES = [
    "Ain't nothin' gonna stop us, he said; let's go, gotta run.",
    "There is something odd: nobody did it, but she'd have done it had she been there.",
    "If I'd known, I wouldn't have come.  Whether or not they're ready, we are.",
    "This is the one that matters; those aren't.   \n\nThe end.",
]


@pytest.fixture(scope="module")
def pipelines():
    original, replaced = load_model(), load_model()
    replace_attribute_ruler(replaced)
    return original, replaced


def annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_rule_attributes_equal_the_attribute_ruler_token_by_token(pipelines):
    original, replaced = pipelines
    assert isinstance(replaced.get_pipe("attribute_ruler"), RuleAttributes)
    texts = SENTENCES + [path.read_text(encoding="utf-8") for path in sorted((PROJECT_ROOT / "data" / "raw").glob("*.txt"))]
    for before, after in zip(original.pipe(texts), replaced.pipe(texts), strict=True):
        assert annotations(before) == annotations(after)


def multiplies_with_numpy(nlp) -> bool:
    layers = [layer for _, pipe in nlp.pipeline if isinstance(getattr(pipe, "model", None), Model) for layer in pipe.model.walk()]
    return len(layers) > 50 and all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)


def test_numpy_multiplication_gives_blis_annotations_token_by_token(pipelines, nlp):
    original = pipelines[0]
    multiplied = load_model()
    multiply_with_numpy(multiplied)
    assert multiplies_with_numpy(multiplied) and multiplies_with_numpy(nlp) and not multiplies_with_numpy(original)
    texts = SENTENCES + [path.read_text(encoding="utf-8") for path in sorted((PROJECT_ROOT / "data" / "raw").glob("*.txt"))]
    for before, after in zip(original.pipe(texts), multiplied.pipe(texts), strict=True):
        assert annotations(before) == annotations(after)
        assert [(t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in before] == [(t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in after]


def test_prediction_maxout_is_thincs_to_the_bit_and_every_layer_uses_it(nlp):
    rng = np.random.default_rng(7)
    for pieces in (1, 2, 3, 4):
        scores = rng.standard_normal((50, 96, pieces), dtype=np.float32)
        best, _ = PredictionOps().maxout(scores)
        assert best.dtype == np.float32 and best.flags["C_CONTIGUOUS"] and np.array_equal(best, NumpyOps().maxout(scores)[0])
    layers = [layer for _, pipe in nlp.pipeline if isinstance(getattr(pipe, "model", None), Model) for layer in pipe.model.walk()]
    assert all(isinstance(layer.ops, PredictionOps) for layer in layers)


def test_unknown_pattern_keys_are_refused(pipelines):
    with pytest.raises(ValueError, match="not supported"):
        RuleAttributes(pipelines[0].vocab, [{"patterns": [[{"SHAPE": "Xxx"}]], "attrs": {"POS": "PROPN"}}])


def test_memo_stays_bounded(pipelines, monkeypatch):
    from toolkit.nlp import attribute_rules

    monkeypatch.setattr(attribute_rules, "MEMO_LIMIT", 5)
    rules = pipelines[1].get_pipe("attribute_ruler")
    for text in SENTENCES:
        pipelines[1](text)
    assert len(rules.memo) <= 5 + max(len(pipelines[1].make_doc(t)) for t in SENTENCES)


def test_lemmas_on_demand_equal_the_lemmatizer_token_by_token(pipelines):
    nlp = build_pipeline(aliases=[])
    assert "lemmatizer" not in nlp.pipe_names and "lemmas_on_demand" in nlp.pipe_names
    texts = SENTENCES + [path.read_text(encoding="utf-8") for path in sorted((PROJECT_ROOT / "data" / "raw").glob("*.txt"))]
    compared = unset = 0
    for full, lazy in zip(pipelines[0].pipe(texts), nlp.pipe(texts), strict=True):
        unset += sum(not t.lemma_ for t in lazy)
        pairs = [(a.lemma_, lemma(b)) for a, b in zip(full, lazy, strict=True) if a.pos_ == b.pos_]
        assert all(x == y for x, y in pairs)
        compared += len(pairs)
    assert compared > 2_000 and unset > 0.8 * compared  # equal, without the lemmatizer running over the Docs


def test_a_pipeline_pickled_to_another_process_finds_its_lemmatizer(monkeypatch):
    restored = pickle.loads(pickle.dumps(build_pipeline(aliases=[])))
    monkeypatch.setattr(lemmas, "_LEMMATIZERS", {})  # as in a fresh process
    doc = restored("The officials said they were leaving.")
    assert [lemma(t) for t in doc][:4] == ["the", "official", "say", "they"]


def test_a_lemma_the_index_knows_is_taken_as_newer_spacy_takes_it():
    nlp = build_pipeline(aliases=[])
    doc = nlp("The band leader was singing when the officials said they were meeting.")
    assert [lemma(t) for t in doc if t.pos_ == "VERB"] == ["sing", "say", "meet"]  # "singing" is no form of "singe" here


def test_the_lemma_index_answers_from_a_set_and_still_serialises():
    nlp = build_pipeline(aliases=[])
    index = nlp.get_pipe("lemmas_on_demand").lemmatizer.lookups.get_table("lemma_index")
    verbs = index["verb"]
    assert isinstance(verbs, lemmas._IndexedForms) and isinstance(verbs._known, frozenset) and "say" in verbs
    restored = build_pipeline(aliases=[]).from_bytes(nlp.to_bytes())
    doc = restored("The officials said they were leaving.")
    assert [lemma(t) for t in doc][:4] == ["the", "official", "say", "they"]
