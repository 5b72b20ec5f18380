"""The PolNeAR scorer's matching and folding rules, on records of our own (PolNeAR is never shipped)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from polnear_eval import Attribution, fold_nested_partials, match


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
