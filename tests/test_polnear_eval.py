"""The PolNeAR scorer's matching and folding rules, on records of our own (PolNeAR is never shipped)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import pytest
from polnear_eval import Attribution, coref_names, fold_nested_partials, load_documents, match, score, speaker_right


def quote(kind, start, end, text, cue="said", speaker="Ana Ruiz"):
    return {"kind": kind, "quote_start": start, "quote_end": end, "quote": text, "cue": cue, "speaker": speaker}


def test_partial_inside_a_clause_of_the_same_cue_is_folded():
    clause = quote("indirect", 10, 60, "it was “deeply unfair” to ask farmers to pay more")
    inner = quote("partial", 17, 30, "deeply unfair")
    elsewhere = quote("partial", 17, 30, "deeply unfair", cue="called")
    assert fold_nested_partials([clause, inner]) == [clause]
    assert fold_nested_partials([clause, elsewhere]) == [clause, elsewhere]
    assert fold_nested_partials([inner]) == [inner]


def test_matching_is_one_to_one_and_needs_half_the_tokens():
    gold = [Attribution("the plan would fail next year", [(0, 29)]), Attribution("taxes will rise sharply in the spring", [(40, 76)])]
    predicted = [quote("indirect", 0, 20, "the plan would fail"), quote("indirect", 0, 20, "the plan would fail"), quote("partial", 0, 5, "rise")]
    pairs = match(predicted, gold)
    assert len(pairs) == 1 and pairs[0][1] == 0 and pairs[0][0] in (0, 1)  # one of the twins, and not the fragment


def test_a_relative_pronoun_source_is_the_name_just_before_it():
    text = "Ana Ruiz, who said the plan would fail, left early. Ben Okafor, a farmer, who said so too"
    gold = Attribution("the plan would fail", [(19, 38)], "who", [(10, 13)])
    right = {**quote("indirect", 19, 38, "the plan would fail"), "speaker_start": 0, "speaker_end": 8, "speaker_resolved": "Ana Ruiz"}
    far = {**right, "speaker_start": 52, "speaker_end": 62, "speaker_resolved": "Ben Okafor"}
    assert text[right["speaker_start"] : right["speaker_end"]] == "Ana Ruiz" and text[10:13] == "who"
    assert speaker_right(right, gold) and not speaker_right(far, gold)
    assert not speaker_right(right, Attribution("the plan would fail", [(19, 38)], "the council", [(60, 71)]))


def corenlp_xml(text, tags, chains):
    """A CoreNLP document of one sentence: ``tags`` gives each whitespace token's NER tag, ``chains``
    the (start, end) token ranges (1-based, end excluded) of each coreference chain's mentions."""
    tokens, at = [], 0
    for i, (word, tag) in enumerate(zip(text.split(), tags, strict=True), 1):
        at = text.index(word, at)
        tokens.append(f'<token id="{i}"><word>{word}</word><CharacterOffsetBegin>{at}</CharacterOffsetBegin>'
                      f"<CharacterOffsetEnd>{at + len(word)}</CharacterOffsetEnd><NER>{tag}</NER></token>")  # fmt: skip
        at += len(word)
    mentions = "".join(
        "<coreference>" + "".join(f"<mention><sentence>1</sentence><start>{s}</start><end>{e}</end></mention>" for s, e in chain) + "</coreference>"
        for chain in chains
    )
    sentences = f'<sentences><sentence id="1"><tokens>{"".join(tokens)}</tokens></sentence></sentences>'
    return f"<root><document>{sentences}<coreference>{mentions}</coreference></document></root>"


def test_pronoun_chains_count_only_when_corenlp_tags_a_person_in_them(tmp_path):
    text = "Ana Ruiz met The Florida senator and she said he left"
    tags = ["PERSON", "PERSON", "O", "O", "STATE_OR_PROVINCE", "TITLE", "O", "O", "O", "O", "O"]
    path = tmp_path / "a1.txt.xml"
    path.write_text(corenlp_xml(text, tags, [[(1, 3), (8, 9)], [(4, 7), (10, 11)]]), encoding="utf-8")
    names = coref_names(path, text)
    she, he = text.index("she"), text.index("he left")
    assert names == {(she, she + 3): {"ana", "ruiz"}}  # "The Florida senator ... he" names nobody: left out
    assert (he, he + 2) not in names


def test_score_counts_direct_quotes_and_speakers_of_a_folder_of_our_own(tmp_path):
    """load_documents and score, as benchmarks/peers.py uses them, on one made-up article in PolNeAR's layout."""
    text = "“We will rebuild the bridge,” said Ana Ruiz.\n"
    base = tmp_path / "data" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    (base / "text" / "a1.txt").write_text(text, encoding="utf-8")
    (base / "attributions" / "a1_x.ann").write_text(
        "T1\tSource 35 43\tAna Ruiz\nT2\tCue 30 34\tsaid\nT3\tContent 0 29\t“We will rebuild the bridge,”\nT4\tAttribution 30 34\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
        encoding="utf-8",
    )
    documents = load_documents(tmp_path, "dev")
    assert list(documents) == ["a1"] and documents["a1"][1][0].direct
    right = {"kind": "direct", "quote": "We will rebuild the bridge,", "quote_start": 1, "quote_end": 28, "cue": "said",
             "speaker": "Ana Ruiz", "speaker_start": 35, "speaker_end": 43, "speaker_resolved": "Ana Ruiz"}  # fmt: skip
    wrong_speaker = right | {"speaker": "Tom", "speaker_start": None, "speaker_end": None, "speaker_resolved": "Tom"}
    good = score(documents, {"a1": [right]}, {"said": True})
    assert good["direct"]["f1"] == 1.0 and good["end_to_end_direct"]["f1"] == 1.0
    bad = score(documents, {"a1": [wrong_speaker]}, {"said": True})
    assert bad["direct"]["f1"] == 1.0 and bad["end_to_end_direct"]["f1"] == 0.0
    with pytest.raises(ValueError):
        load_documents(tmp_path, "test")
