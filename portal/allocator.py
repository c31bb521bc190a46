"""Freed memory kept for the next statement (issue 14): what a page's statements free is reused by the next one
instead of being handed back to the operating system and faulted in again, page by page.

DuckDB allocates through its own jemalloc, which hands freed pages back after a second (DuckDB builds it with
dirty_decay_ms / muzzy_decay_ms 1000); the C++ containers its aggregates grow (a quantile's values) come from
glibc's malloc, which hands the top of its heaps back once more than a few MiB are free there. At bench scale 10
the Complaints page's two statements, run a second or more apart, took 12,000-18,000 minor page faults a run,
30-45 ms of system CPU (bench/HISTORY.md, session 41). Here, once per process (``db.connect``): jemalloc keeps
freed pages for ``DECAY_MS`` (set through DuckDB's jemalloc control, ``duckdb_je_mallctl``, which its Python
module exports), glibc keeps up to ``TRIM_BYTES`` free at the top of a heap (``mallopt(M_TRIM_THRESHOLD)``).
The cost: the process holds what its largest statements used (at bench scale 10, ~60-70 MB more resident) for
``DECAY_MS`` after them, and glibc's part until it is reused. ``PORTAL_KEEP_FREED_MEMORY=0`` leaves both
allocators as they are. Where either control is missing (another platform, another build) nothing is changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os

DECAY_MS = 30_000
TRIM_BYTES = 256 * 1024 * 1024
MMAP_BYTES = 32 * 1024 * 1024  # glibc's own ceiling for its dynamic mmap threshold
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h

_done = False


def wanted() -> bool:
    """Whether freed memory is kept (``PORTAL_KEEP_FREED_MEMORY``: on unless "0", "false", "no" or "off")."""
    return os.environ.get("PORTAL_KEEP_FREED_MEMORY", "").strip().lower() not in ("0", "false", "no", "off")


def _mallctl():
    """DuckDB's jemalloc control function, or None (a DuckDB built without jemalloc, or not exporting it)."""
    try:
        import duckdb

        module = getattr(duckdb, "_duckdb", None) or __import__("_duckdb")
        # the module already loaded, not a second copy of it (RTLD_NOLOAD: a wheel replaced on disk since import)
        fn = ctypes.CDLL(module.__file__, mode=getattr(os, "RTLD_NOLOAD", 0)).duckdb_je_mallctl
    except (ImportError, OSError, AttributeError):
        return None
    fn.argtypes = [
        ctypes.c_char_p,
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_size_t),
        ctypes.c_void_p,
        ctypes.c_size_t,
    ]
    fn.restype = ctypes.c_int
    return fn


def jemalloc_decay_ms(arena: int = 0) -> int | None:
    """DuckDB's jemalloc's dirty decay of ``arena`` in ms (None: no jemalloc control)."""
    fn = _mallctl()
    if fn is None:
        return None
    value, size = ctypes.c_ssize_t(), ctypes.c_size_t(ctypes.sizeof(ctypes.c_ssize_t))
    if fn(f"arena.{arena}.dirty_decay_ms".encode(), ctypes.byref(value), ctypes.byref(size), None, 0) != 0:
        return None
    return value.value


def _keep_in_jemalloc() -> bool:
    fn = _mallctl()
    if fn is None:
        return False
    count, size = ctypes.c_uint(), ctypes.c_size_t(ctypes.sizeof(ctypes.c_uint))
    if fn(b"arenas.narenas", ctypes.byref(count), ctypes.byref(size), None, 0) != 0:
        return False
    decay = ctypes.c_ssize_t(DECAY_MS)
    # the default of arenas made later, then each arena made so far (one not yet initialised refuses: skipped)
    names = [b"arenas.dirty_decay_ms", b"arenas.muzzy_decay_ms"] + [
        f"arena.{i}.{kind}_decay_ms".encode() for i in range(count.value) for kind in ("dirty", "muzzy")
    ]
    done = [fn(name, None, None, ctypes.byref(decay), ctypes.sizeof(decay)) == 0 for name in names]
    return all(done[:2])


def _keep_in_glibc() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    # setting the trim threshold turns glibc's dynamic mmap threshold off (back to 128 KiB): every pandas / numpy
    # column of 128 KiB or more would then be mmapped afresh and handed back on free (a reviewer measured a 250k-row
    # frame's groupby and sort at 44-47 ms instead of 30-33, 7,359 page faults an iteration): the mmap threshold is
    # set as high as the dynamic one may grow, so such blocks come from the heap and are kept too
    return mallopt(_M_TRIM_THRESHOLD, TRIM_BYTES) == 1 and mallopt(_M_MMAP_THRESHOLD, MMAP_BYTES) == 1


def keep_freed_memory() -> tuple[bool, bool]:
    """Once per process (later calls return at once): (jemalloc's decay set, glibc's trim threshold set)."""
    global _done
    if _done or not wanted():
        return (False, False)
    _done = True
    return (_keep_in_jemalloc(), _keep_in_glibc())
