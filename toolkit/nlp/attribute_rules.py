"""The model's attribute rules (tag → part of speech, morphology, lemma exceptions) without the Matcher.

en_core_web_sm sets ``pos_``, ``morph`` and some lemmas with an ``attribute_ruler`` whose 179
patterns are each one or two tokens matched on ``TAG``, ``LOWER``, ``DEP`` and ``IS_SPACE``.
spaCy runs them through its general ``Matcher``, about an eighth of the whole pipeline's time.
:class:`RuleAttributes` applies the same patterns with dictionary look-ups and gives the same
annotations (a test compares them token by token), so the lemmatizer after it, and everything
that reads ``pos_`` and ``lemma_``, is unchanged.
"""

# No ``from __future__ import annotations`` here: confection 0.1 (spaCy 3.8.7) reads the factory's annotations.

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc
from spacy.vocab import Vocab

Spec = dict[str, object]
KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
SET = (TAG, POS, MORPH, LEMMA)
MEMO_LIMIT = 20_000  # remembered token signatures (about 5 MB at most)
DEPENDENCY = len(SET)  # the one attribute a rule may set outside the arrays
FORM = KEYS.index("LOWER")


class Found(NamedTuple):
    """What the rules give a token of one signature (tag, lower-case form, dependency, is-space)."""

    single: tuple[int, ...]  # the one-token rules it matches
    starts: tuple[int, ...]  # the sequence rules whose first token it matches
    values: tuple[int, ...]  # what the one-token rules set, per :data:`SET` column (0 where nothing)
    sets: tuple[bool, ...]  # which :data:`SET` columns they set
    sets_dependency: bool


class RuleAttributes:
    """Apply an attribute_ruler's patterns: for each token, the attributes of every pattern that
    matches, later patterns taking precedence (as spaCy's AttributeRuler does).

    Patterns are indexed by the tag, lower-case form or dependency their first token must have,
    so each token is tested against a handful of them; the work is done on the Doc's arrays.
    """

    def __init__(self, vocab: Vocab, patterns: list[dict]) -> None:
        self.vocab = vocab
        self.rules: list[tuple[list[dict], dict[int, int], int]] = []  # token tests, {array column: value}, target
        # (key column, value) → rules, apart for one-token rules and sequences; None: rules tested everywhere
        self.index: dict[bool, dict[tuple[int, int] | None, list[int]]] = {True: defaultdict(list), False: defaultdict(list)}
        self.memo: dict[tuple[int, ...], Found] = {}
        self.searched: dict[tuple[int, int], bool] = {}  # (rule test id, lower-case hash) → regex found
        self.combined: dict[tuple[int, ...], dict[int, int]] = {}
        for row in patterns:
            values = self._values(row["attrs"])
            for sequence in row["patterns"]:
                number = len(self.rules)
                self.rules.append(([self._tests(spec) for spec in sequence], values, row.get("index", 0)))
                for key in self._keys(sequence[0]) or [None]:
                    self.index[len(sequence) == 1][key].append(number)
        # The few lower-case forms any rule names, and the rules' regular expressions on that form:
        # every other form is read as "" (hash 0), so tokens differing only in an unnamed form share a row.
        self.named_forms: set[int] = set()
        self.form_patterns: list[re.Pattern] = []
        for tests, _, _ in self.rules:
            for test in (t[FORM] for t in tests if FORM in t):
                if isinstance(test, re.Pattern):
                    self.form_patterns.append(test)
                else:  # a value, a set of values, or ("not", a set of values)
                    self.named_forms.update(test[1] if isinstance(test, tuple) else test if isinstance(test, set) else {test})
        self.form_matters: dict[int, bool] = {}

    def _candidates(self, row: tuple[int, ...], single: bool) -> list[int]:
        index = self.index[single]
        return [n for column in range(len(KEYS)) for n in index.get((column, row[column]), ())] + index.get(None, [])

    def _hash(self, key: str, value: object) -> int:
        return int(value) if key == "IS_SPACE" else self.vocab.strings.add(str(value))

    def _tests(self, spec: Spec) -> dict:
        """One token pattern as tests on array values: {column: value, set, ("not", set) or regex}."""
        tests = {}
        for key, want in spec.items():
            if key not in KEYS:
                raise ValueError(f"attribute pattern key {key!r} is not supported")
            column = KEYS.index(key)
            if isinstance(want, dict):
                if set(want) - {"IN", "NOT_IN", "REGEX"}:
                    raise ValueError(f"attribute pattern operator in {want!r} is not supported")
                if "IN" in want:
                    tests[column] = {self._hash(key, v) for v in want["IN"]}
                elif "NOT_IN" in want:
                    tests[column] = ("not", {self._hash(key, v) for v in want["NOT_IN"]})
                else:
                    tests[column] = re.compile(want["REGEX"])
            else:
                tests[column] = self._hash(key, want)
        return tests

    def _keys(self, spec: Spec) -> list[tuple[int, int]]:
        """The (column, value) pairs under which a pattern is filed: one its first token must have."""
        for key in KEYS:
            want = spec.get(key)
            if want is not None and not isinstance(want, dict):
                return [(KEYS.index(key), self._hash(key, want))]
            if isinstance(want, dict) and set(want) == {"IN"}:
                return [(KEYS.index(key), self._hash(key, v)) for v in want["IN"]]
        return []  # tested on every token (a regular expression on the lower-case form)

    def _values(self, attrs: dict[str, str]) -> dict[int, int]:
        values = {}
        for attr, value in attrs.items():
            if attr == "POS":
                values[SET.index(POS)] = IDS[value]
            elif attr == "MORPH":
                values[SET.index(MORPH)] = self.vocab.morphology.add(value)
            elif attr in ("TAG", "LEMMA"):
                values[SET.index(TAG if attr == "TAG" else LEMMA)] = self.vocab.strings.add(value)
            elif attr == "DEP":
                values[DEPENDENCY] = self.vocab.strings.add(value)
            else:
                raise ValueError(f"attribute {attr!r} is not supported")
        return values

    def _passes(self, tests: dict, row: list[int]) -> bool:
        for column, want in tests.items():
            have = row[column]
            if isinstance(want, int):
                if have != want:
                    return False
            elif isinstance(want, set):
                if have not in want:
                    return False
            elif isinstance(want, tuple):
                if have in want[1]:
                    return False
            else:
                key = (id(want), have)
                if key not in self.searched:
                    self.searched[key] = want.search(self.vocab.strings[have]) is not None
                if not self.searched[key]:
                    return False
        return True

    def _lookup(self, row: tuple[int, ...]) -> Found:
        """The one-token rules a token with these values matches, the sequence rules whose first
        token it matches, and what the one-token rules set (:data:`Found`; remembered: most tokens repeat)."""
        found = self.memo.get(row)
        if found is None:
            single = tuple(n for n in self._candidates(row, True) if self._passes(self.rules[n][0][0], row))
            starts = tuple(n for n in self._candidates(row, False) if self._passes(self.rules[n][0][0], row))
            combined = self._combined(single) if single else {}
            values = tuple(combined.get(column, 0) for column in range(len(SET)))
            sets = tuple(column in combined for column in range(len(SET)))
            found = self.memo[row] = Found(single, starts, values, sets, DEPENDENCY in combined)
        return found

    def _matters(self, form: int) -> bool:
        """Whether a rule could tell this lower-case form from "" (it names it, or one of its regular
        expressions finds something different in it)."""
        if form not in self.form_matters:
            text = self.vocab.strings[form]
            self.form_matters[form] = form in self.named_forms or any(bool(p.search(text)) != bool(p.search("")) for p in self.form_patterns)
        return self.form_matters[form]

    def _combined(self, numbers: Iterable[int]) -> dict[int, int]:
        """{column: value} of these rules together, later rules taking precedence."""
        key = tuple(sorted(set(numbers)))
        if key not in self.combined:
            self.combined[key] = {c: v for number in key for c, v in self.rules[number][1].items()}
        return self.combined[key]

    def __call__(self, doc: Doc) -> Doc:
        if len(self.memo) > MEMO_LIMIT:  # bounded, so memory stays flat over any corpus
            self.memo.clear()
            self.searched.clear()
            self.form_matters.clear()
        if not len(doc):
            return doc
        # Tokens with the same (tag, lower-case form, dependency, is-space) match the same one-token
        # rules: those are decided once per distinct row and written to the arrays in one step.
        index: dict[tuple[int, ...], int] = {}  # distinct row → its number, in order of first use
        numbers = [index.setdefault((tag, form if self._matters(form) else 0, dep, space), len(index))
                   for tag, form, dep, space in doc.to_array(list(KEYS)).tolist()]  # fmt: skip
        which = np.array(numbers, dtype=np.intp)
        rows = list(index)
        found = [self._lookup(row) for row in rows]
        new = np.array([f.values for f in found], dtype=np.uint64).reshape(len(rows), len(SET))
        changed = np.array([f.sets for f in found], dtype=bool).reshape(len(rows), len(SET))
        values = doc.to_array(list(SET))
        mask = changed[which]
        values[mask] = new[which][mask]
        # Sequence rules ("gon na", "there is"), and rules that set a dependency, token by token:
        # only where a distinct row starts one or sets one.
        matched: dict[int, list[int]] = defaultdict(list)
        special = [r for r, f in enumerate(found) if f.starts or f.sets_dependency]
        for i in np.flatnonzero(np.isin(which, special)).tolist():
            single, starts = found[which[i]].single, found[which[i]].starts
            matched[i].extend(single)
            for number in starts:
                tests, _, target = self.rules[number]
                if i + len(tests) <= len(doc) and all(self._passes(t, rows[which[i + k]]) for k, t in enumerate(tests[1:], 1)):
                    matched[i + target].append(number)
        for i, numbers in matched.items():
            for column, value in self._combined([*numbers, *found[which[i]].single]).items():
                if column == DEPENDENCY:
                    doc[i].dep = value  # set apart: the array path would need the heads too
                else:
                    values[i, column] = value
        doc.from_array(list(SET), values)
        return doc


@Language.factory("rule_attributes", default_config={"patterns": []})
def make_rule_attributes(nlp: Language, name: str, patterns: list[dict]) -> RuleAttributes:
    return RuleAttributes(nlp.vocab, patterns)


def replace_attribute_ruler(nlp: Language) -> None:
    """Swap the model's attribute_ruler for :class:`RuleAttributes` with the same patterns."""
    if "attribute_ruler" in nlp.pipe_names:
        patterns = nlp.get_pipe("attribute_ruler").patterns
        nlp.replace_pipe("attribute_ruler", "rule_attributes", config={"patterns": patterns})
