"""Freed memory kept for the next statement (portal.allocator, issue 14): ``db.connect`` sets DuckDB's jemalloc's
decay once per process, and ``PORTAL_KEEP_FREED_MEMORY=0`` leaves it as DuckDB builds it. Each case runs in a
process of its own: the setting is the process's, and other tests' connections have already made it here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal import allocator

ROOT = Path(__file__).resolve().parents[1]
_PROBE = (
    "from portal import allocator, db\n"
    "before = allocator.jemalloc_decay_ms()\n"
    "db.connect(':memory:').close()\n"
    "print(before, allocator.jemalloc_decay_ms(), allocator.jemalloc_decay_ms(1))\n"
)


def _probe(**env: str) -> list[str]:
    environ = {k: v for k, v in os.environ.items() if k != "PORTAL_KEEP_FREED_MEMORY"} | env
    environ["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


needs_jemalloc = pytest.mark.skipif(
    allocator.jemalloc_decay_ms() is None, reason="this DuckDB build exports no jemalloc control"
)


@needs_jemalloc
def test_connect_keeps_freed_memory_for_the_decay():
    before, after, second_arena = _probe()
    assert before == "1000"  # DuckDB's own: freed pages handed back after a second
    assert after == second_arena == str(allocator.DECAY_MS)


@needs_jemalloc
@pytest.mark.parametrize("off", ["0", "off"])
def test_switched_off_leaves_duckdbs_decay(off):
    assert _probe(PORTAL_KEEP_FREED_MEMORY=off) == ["1000", "1000", "1000"]


def test_wanted_by_default(monkeypatch):
    monkeypatch.delenv("PORTAL_KEEP_FREED_MEMORY", raising=False)
    assert allocator.wanted()
    monkeypatch.setenv("PORTAL_KEEP_FREED_MEMORY", "no")
    assert not allocator.wanted()


_FAULTS = (
    "import resource, numpy as np\n"
    "from portal import db\n"
    "db.connect(':memory:').close()\n"
    "for _ in range(3):\n"
    "    np.ones(250_000).sum()\n"
    "before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
    "for _ in range(40):\n"
    "    a = np.ones(250_000); b = a * 2.0; c = np.sort(b); del a, b, c\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)\n"
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_large_arrays_come_from_the_kept_heap_not_fresh_pages():
    # a reviewer's finding: the trim threshold alone turned glibc's dynamic mmap threshold off, so each 2 MB array
    # was mmapped afresh (7,359 page faults an iteration of a 250k-row frame's work); the kept heap serves them
    environ = {k: v for k, v in os.environ.items() if k != "PORTAL_KEEP_FREED_MEMORY"}
    environ["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", _FAULTS], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    faults = int(done.stdout.split()[-1])
    assert faults < 40 * 100, faults  # 40 iterations of three 2 MB arrays: fresh pages would be ~1,500 each
