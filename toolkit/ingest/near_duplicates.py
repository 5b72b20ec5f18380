"""Similar sets in about linear time with MinHash: near-duplicate articles, and pages of one site.

A set of strings (an article's 5-word shingles, a page's short furniture lines) is reduced to a
64-number MinHash signature; locality-sensitive hashing (bands of rows) proposes candidate pairs
without comparing every pair, and a candidate is kept when the signatures agree on at least
``threshold`` of their positions (an estimate of the sets' Jaccard similarity). Only signatures
are kept, so memory grows by a few hundred bytes per item.

- :class:`NearDuplicateIndex`: the same wire story at two outlets, a re-saved page (16 bands of 4
  rows, for similarities of 0.8 and more);
- :class:`SimilarSets` with 32 bands of 2 rows finds pages of one site by their shared menus and
  footers (similarities of 0.4 and more; :mod:`toolkit.ingest.outlets`).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 64
MAX_BUCKET = 64  # keys compared per bucket: a thousand copies of one page cost as much as 64
PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20251122)
_A = _rng.integers(1, PRIME, PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, PRIME, PERMUTATIONS, dtype=np.uint64)


def minhash(items: Iterable[str]) -> np.ndarray:
    """The MinHash signature of a set of strings."""
    members = set(items) or {""}
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in members), dtype=np.uint64, count=len(members))
    return ((np.outer(hashes, _A) + _B) % PRIME).min(axis=0)


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text's 5-word shingles (lower case, words only)."""
    words = re.findall(r"\w+", text.lower())
    return minhash(" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1)))


class SimilarSets:
    """Add signatures one by one; each addition returns the earlier keys similar enough to it."""

    def __init__(self, threshold: float, bands: int) -> None:
        self.threshold = threshold
        self.bands, self.rows = bands, PERMUTATIONS // bands
        self.buckets: dict[int, list[str]] = defaultdict(list)  # hash of (band, band values) → keys
        self.signatures: dict[str, np.ndarray] = {}

    def add(self, key: str, sig: np.ndarray) -> list[tuple[str, float]]:
        """Index ``sig`` under ``key``; return (earlier key, estimated similarity) of its similar sets, most similar first."""
        candidates = set()
        for band in range(self.bands):
            bucket = hash((band, sig[band * self.rows : (band + 1) * self.rows].tobytes()))  # an int: a few bytes per item and band
            keys = self.buckets[bucket]
            candidates.update(keys[-MAX_BUCKET:])
            keys.append(key)
        self.signatures[key] = sig
        if not candidates:
            return []
        keys = list(candidates)
        agreement = (np.stack([self.signatures[c] for c in keys]) == sig).mean(axis=1)  # all candidates at once
        scored = ((c, float(share)) for c, share in zip(keys, agreement, strict=True))
        return sorted((pair for pair in scored if pair[1] >= self.threshold), key=lambda pair: (pair[1], pair[0]), reverse=True)


class NearDuplicateIndex:
    """Add articles one by one; each addition returns the most similar earlier article, if any."""

    def __init__(self, threshold: float = 0.8) -> None:
        self.index = SimilarSets(threshold, bands=16)

    def add(self, key: str, text_signature: np.ndarray) -> tuple[str, float] | None:
        """Index a text by its :func:`signature` under ``key``; return (earlier key, similarity) of its
        nearest near duplicate."""
        similar = self.index.add(key, text_signature)
        return similar[0] if similar else None
