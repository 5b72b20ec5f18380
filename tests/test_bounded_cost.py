"""Attribution and cleaning stay near-linear on pathological text.

Each case is generated here and timed against a plain pass over the same input in the same test
(a ratio, never a wall-clock limit): attribution against ``nlp.pipe`` on the text, a regular
expression on a long input against itself on an input a quarter the size.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
import time

import pytest

import toolkit
from toolkit.nlp.records import extract
from toolkit.quotes import attribution
from toolkit.quotes.intervals import ByOffset, Intervals

MAX_RATIO = 1.0  # attribution may cost at most as much again as the parse it reads


def _timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def _quote_marks(n: int) -> str:
    return " ".join('"a" "b" “c” ‘d’ «e»' for _ in range(n // 10))


def _short_quotes(n: int) -> str:
    speakers = ["Anna Berg", "he", "she", "the minister", "Tom Hale", "officials"]
    rng = random.Random(1)
    return "\n\n".join(f"“We will see about that one {i},” {rng.choice(speakers)} said." for i in range(n))


def _one_paragraph_of_quotes(n: int) -> str:
    return " ".join(f"“It went well again {i},” Anna Berg said. “So it did,” he added." for i in range(n // 2))


def _speech_verbs(n: int) -> str:
    return " ".join(f"Tom Hale said that the plan would work and added that he was sure {i}." for i in range(n))


def _one_long_sentence(words: int) -> str:
    rng = random.Random(2)
    return " ".join(rng.choice(["word", "said", "that", "Hale", "the", "“", "”", "and", "told", "Berg"]) for _ in range(words))


def _nested(depth: int) -> str:
    return "“" * depth + "the innermost words of all" + "”" * depth


CASES = {
    "20,000 quote marks": _quote_marks(20_000),
    "3,000 short quotes": _short_quotes(3_000),
    "3,000 quotes in one paragraph": _one_paragraph_of_quotes(3_000),
    "3,000 speech verbs": _speech_verbs(3_000),
    "one sentence of 100,000 words": _one_long_sentence(100_000),
    "3,000 nested quotes": _nested(3_000),
}


@pytest.mark.parametrize("case", list(CASES))
def test_attribution_costs_a_fraction_of_the_parse(nlp, case):
    text = CASES[case]
    doc, parse_seconds = _timed(lambda t: next(nlp.pipe([t])), text)
    record, extract_seconds = _timed(extract, doc)
    assert extract_seconds <= MAX_RATIO * parse_seconds, f"{case}: extraction {extract_seconds:.2f}s vs parse {parse_seconds:.2f}s"
    assert isinstance(record["quotes"], list)


def test_an_article_over_the_budget_is_attributed_in_part_with_a_warning(nlp, monkeypatch):
    monkeypatch.setattr(attribution, "MAX_QUOTATIONS", 50)
    doc = nlp(_short_quotes(80))
    record = extract(doc)
    assert 40 <= len(record["quotes"]) <= 50
    assert record["warnings"] == ["quote attribution stopped after 50 of 80 quotations"]


def test_quotes_still_found_in_a_dense_text(nlp):
    doc = nlp(_short_quotes(30))
    quotes = extract(doc)["quotes"]
    named = [q for q in quotes if q["speaker_text"] in ("Anna Berg", "Tom Hale")]
    assert len(quotes) == 30 and named


def _patterns() -> dict[str, re.Pattern]:
    found = {}
    for module in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
        if module.name.endswith("__main__") or module.name.startswith(("toolkit.engines", "toolkit.explore")):
            continue
        for name, value in vars(importlib.import_module(module.name)).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{module.name}.{name}"] = value
    return found


HOSTILE_UNITS = ["a", "@", "1 ", "A.", "a@", "aB", "Ab ", '"', " ", "-", "by ", "A ", "1:", "©", "a.", "(", "Ab."]


def test_every_pattern_that_reads_raw_text_is_near_linear():
    """Every module-level regular expression of ingestion and attribution, on long runs of
    hostile characters (a base64 blob, a row of spaces or digits): four times the input costs
    well under sixteen times the time, so no pattern backtracks quadratically."""

    def cost(pattern, text):
        start = time.perf_counter()
        pattern.search(text)
        pattern.findall(text)
        return time.perf_counter() - start

    slow = []
    for name, pattern in _patterns().items():
        for unit in HOSTILE_UNITS:
            small, large = unit * (3000 // len(unit)), unit * (12000 // len(unit))
            small_cost = min(cost(pattern, small) for _ in range(2))
            large_cost = cost(pattern, large)
            if large_cost > 0.05 and large_cost > 8 * small_cost:
                slow.append(f"{name} on {unit!r}: {small_cost:.3f}s -> {large_cost:.3f}s")
    assert not slow, slow


def test_intervals_answer_like_a_scan():
    rng = random.Random(3)
    spans = sorted({(s, s + rng.randint(1, 30)) for s in rng.sample(range(0, 5000, 40), 80)})
    index = Intervals(spans, margin=1)
    for offset in range(0, 5100, 7):
        assert (offset in index) == any(s - 1 <= offset <= e for s, e in spans)
    for start in range(0, 5000, 97):
        end = start + 60
        assert index.overlapping(start, end) == [(s - 1, e) for s, e in spans if e > start and s - 1 < end]


def test_items_by_offset_slice_like_a_filter():
    items = [(i * 3 % 50, str(i)) for i in range(50)]
    index = ByOffset(items, lambda item: item[0])
    assert list(index.before(20)) == sorted((i for i in items if i[0] < 20), key=lambda i: (i[0], items.index(i)))
    assert [i[0] for i in reversed(index.between(10, 12))] == [12, 11, 10]
