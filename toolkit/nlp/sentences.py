"""A parsed article's sentence bounds, read once from the Doc's arrays.

``Doc.sents`` builds a Python object for every token on each call, and the record, the mentions
and the quote attribution all need the sentences: :func:`sentence_bounds` reads the parse's
sentence starts as one array instead and keeps the answer on the Doc, so an article pays for
it once. The bounds are those of ``Doc.sents``, to the token.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc

KEY = "toolkit_sentence_bounds"


class SentenceBounds(NamedTuple):
    """Token starts and ends, and character starts and ends, of a Doc's sentences, in order."""

    starts: list[int]
    ends: list[int]
    start_chars: list[int]
    end_chars: list[int]


def sentence_bounds(doc: Doc) -> SentenceBounds:
    """The bounds of ``doc.sents`` (a sentence starts at the first token and at every token the
    parse marks as a sentence start), computed once per Doc."""
    known = doc.user_data.get(KEY)
    if known is not None:
        return known
    if not len(doc):
        bounds = SentenceBounds([], [], [], [])
    else:
        columns = doc.to_array([SENT_START, IDX, LENGTH]).astype(np.int64)
        starts = np.flatnonzero(columns[1:, 0] == 1) + 1
        starts = np.concatenate([[0], starts])
        ends = np.concatenate([starts[1:], [len(doc)]])
        last = ends - 1
        bounds = SentenceBounds(starts.tolist(), ends.tolist(), columns[starts, 1].tolist(), (columns[last, 1] + columns[last, 2]).tolist())
    doc.user_data[KEY] = bounds
    return bounds
