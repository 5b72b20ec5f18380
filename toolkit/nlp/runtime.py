"""How this process is set while the toolkit parses: what a run changes in it, and gives back.

spaCy's layers allocate fresh arrays of several megabytes for every batch, and the toolkit's
runs are one long pass over a folder; four settings of the process make that pass cheaper
without changing a single output (each measured in ``benchmarks/run.py`` or by its test):

- :func:`one_blas_thread`: numpy's matrix products on one thread;
- :func:`small_pages`: no transparent huge pages to zero for each fresh array;
- :func:`kept_heap`: freed arrays stay in the C heap, for the next batch, instead of going back
  to the kernel and being faulted in again;
- :func:`frozen_heap`: the loaded pipeline's objects out of Python's cyclic garbage collector.

:func:`parsing` enters the first three; a run holds them, and the frozen heap, from start to end
(:func:`toolkit.pipeline.run`), each parse too (so that worker processes have them), and nested
blocks change nothing.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from threadpoolctl import threadpool_limits

PR_SET_THP_DISABLE, PR_GET_THP_DISABLE = 41, 42  # linux/prctl.h
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h
KEPT_MMAP_THRESHOLD = 64 << 20  # arrays up to this size come from the heap (a batch's largest is about 40 MB)
KEPT_TRIM_THRESHOLD = 256 << 20  # free memory the heap keeps at its top
AFTER_MMAP_THRESHOLD = 32 << 20  # where glibc's own adaptive thresholds end once large arrays have been freed
AFTER_TRIM_THRESHOLD = 64 << 20
MALLOC_ENVIRONMENT = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_")
_heap_holders = 0  # open kept_heap blocks of this process


def one_blas_thread() -> threadpool_limits:
    """numpy's BLAS on one thread, while parsing (the pipeline multiplies with it,
    :func:`toolkit.nlp.model.multiply_with_numpy`) and for a whole run (the cleaner's models
    multiply small matrices): OpenBLAS would wake every core for each product, for about half as
    much CPU time again in one process and a third more time with two (measured); processes and
    Dask workers are how the toolkit uses several cores."""
    return threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=4)
def _libc(name: str) -> Callable[..., int] | None:
    """A function of the C library (glibc on Linux), or None where it has none of that name."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):
        return None


@contextmanager
def small_pages() -> Iterator[None]:
    """No transparent huge pages for this process's new memory while parsing and for a whole run,
    then as before. Where the kernel hands out huge pages (THP "always", or "madvise", since numpy
    asks for them for its large arrays), each fresh array of the model's layers costs the zeroing
    of 2 MB pages, and a first pass over a folder (every run, since unchanged texts are never parsed
    twice) spent about a third more CPU time in them (measured in ``benchmarks/run.py``); where THP
    is "never", or off Linux, this changes nothing."""
    prctl = _libc("prctl")
    before = prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) if prctl else -1
    if before == 0:
        prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)
    try:
        yield
    finally:
        if before == 0:
            prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0)


@contextmanager
def kept_heap() -> Iterator[None]:
    """glibc's malloc keeps freed arrays of up to 64 MB in its heap while parsing and for a whole run,
    so that the next batch reuses their pages. By default each batch's largest arrays are mapped
    from the kernel and given back when freed, and a run of the benchmark's 120 articles took
    200,000 page faults and 0.3 s of system time for them, against 65,000 and 0.1 s kept (measured).
    At the end, the thresholds are left where glibc's own adaptive ones end after large arrays are
    freed (it has no way back to the adaptive rule) and the free memory is handed back to the
    kernel. Nothing changes where the user tuned malloc through its environment variables, or
    without glibc."""
    global _heap_holders
    mallopt, trim = _libc("mallopt"), _libc("malloc_trim")
    if mallopt is None or trim is None or any(name in os.environ for name in MALLOC_ENVIRONMENT):
        yield
        return
    if _heap_holders == 0:
        mallopt(M_MMAP_THRESHOLD, KEPT_MMAP_THRESHOLD)
        mallopt(M_TRIM_THRESHOLD, KEPT_TRIM_THRESHOLD)
    _heap_holders += 1
    try:
        yield
    finally:
        _heap_holders -= 1
        if _heap_holders == 0:
            mallopt(M_MMAP_THRESHOLD, AFTER_MMAP_THRESHOLD)
            mallopt(M_TRIM_THRESHOLD, AFTER_TRIM_THRESHOLD)
            trim(0)


@contextmanager
def parsing() -> Iterator[None]:
    """One BLAS thread, small pages and a kept heap for the block: what every parse runs under."""
    with one_blas_thread(), small_pages(), kept_heap():
        yield


@contextmanager
def frozen_heap() -> Iterator[None]:
    """The objects alive now (a loaded pipeline is some 150,000 of them) left out of Python's cyclic
    garbage collector until the end of the block, then handed back to it. Otherwise every full
    collection walks them all (about 0.1 s each, measured) and, in a worker forked from this
    process, writes to every page that holds one, which the worker then copies. Enter it once the
    pipelines are loaded and before workers are forked; where the caller has frozen objects of its
    own, they are left as they are."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
