"""Near-duplicate articles (the same wire story at two outlets, a re-saved page) with MinHash.

Each article is reduced to the set of its 5-word shingles and a 64-number MinHash signature;
locality-sensitive hashing (16 bands of 4 rows) proposes candidate pairs in about linear time,
and a candidate is a near duplicate when the signatures agree on at least ``threshold`` of
their positions (an estimate of the shingle sets' Jaccard similarity). Only signatures are
kept, so memory grows by a few hundred bytes per article.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 64
BANDS = 16
PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20251122)
_A = _rng.integers(1, PRIME, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, PRIME, PERMUTATIONS, dtype=np.uint64)


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text's 5-word shingles (lower case, words only)."""
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles))
    return ((np.outer(hashes, _A) + _B) % PRIME).min(axis=0)


class NearDuplicateIndex:
    """Add articles one by one; each addition returns the most similar earlier article, if any."""

    def __init__(self, threshold: float = 0.8) -> None:
        self.threshold = threshold
        self.buckets: dict[int, list[str]] = defaultdict(list)  # hash of (band, band values) → keys
        self.signatures: dict[str, np.ndarray] = {}

    def add(self, key: str, text: str) -> tuple[str, float] | None:
        """Index ``text`` under ``key``; return (earlier key, similarity) of its nearest near duplicate."""
        sig = signature(text)
        rows = PERMUTATIONS // BANDS
        candidates = set()
        for band in range(BANDS):
            bucket = hash((band, sig[band * rows : (band + 1) * rows].tobytes()))  # an int: a few bytes per article and band
            candidates.update(self.buckets[bucket])
            self.buckets[bucket].append(key)
        self.signatures[key] = sig
        best = max(((float((self.signatures[c] == sig).mean()), c) for c in candidates), default=None)
        return (best[1], best[0]) if best and best[0] >= self.threshold else None
