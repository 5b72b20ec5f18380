"""Sorted character intervals with logarithmic look-ups: "is this offset inside a quotation?",
"which quotes overlap this clause?", "the last person named before this offset".

Attribution asks such questions once per token, quote or mention; answering each by a scan of
every quote made an article's cost grow with the square of its quotes. Everything here is built
once (sorted) and then answered by bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")


class Intervals:
    """A set of character ranges [start, end]; overlapping ranges are merged."""

    def __init__(self, spans: Iterable[tuple[int, int]] = (), margin: int = 0) -> None:
        merged: list[list[int]] = []
        for start, end in sorted((s - margin, e) for s, e in spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, offset: int) -> bool:
        """Whether ``start <= offset <= end`` for one of the ranges."""
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset <= self.ends[i]

    def __len__(self) -> int:
        return len(self.starts)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ranges that share at least one character with [start, end)."""
        first = bisect_right(self.ends, start)  # ranges ending after start (ends are sorted too)
        last = bisect_left(self.starts, end)  # ranges starting before end
        return [(self.starts[i], self.ends[i]) for i in range(first, last)]


class ByOffset(Generic[Item]):
    """Items (mentions, quotes) sorted by an offset, for "the items between a and b" in log time."""

    def __init__(self, items: Iterable[Item], offset) -> None:
        pairs = sorted(((offset(item), n, item) for n, item in enumerate(items)), key=lambda p: (p[0], p[1]))
        self.offsets = [p[0] for p in pairs]
        self.items: Sequence[Item] = [p[2] for p in pairs]

    def before(self, offset: int) -> Sequence[Item]:
        """Items whose offset is below ``offset``, in order (a view, not a copy of everything)."""
        return _Slice(self.items, 0, bisect_left(self.offsets, offset))

    def between(self, low: int, high: int) -> Sequence[Item]:
        """Items whose offset is in [low, high]."""
        return _Slice(self.items, bisect_left(self.offsets, low), bisect_right(self.offsets, high))


class _Slice(Sequence):
    """A read-only window on a list, so that reversed(window) walks back from its end lazily."""

    def __init__(self, items: Sequence, start: int, stop: int) -> None:
        self.base, self.start, self.stop = items, start, stop

    def __len__(self) -> int:
        return self.stop - self.start

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.base[self.start + j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.base[self.start + i]

    def __reversed__(self):
        return (self.base[i] for i in range(self.stop - 1, self.start - 1, -1))


NOWHERE = Intervals()
