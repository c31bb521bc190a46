"""How many pytest-xdist workers a test tier gets on this machine: ``python3 tests/workers.py unit|browser``.

Every tier of `make test` is bound by CPU, so a machine with more cores runs more workers. The count is the CPUs
this process may really use (the browser tier one more: its workers wait for pages at times): its affinity, lowered
to the container's CPU quota (cgroup v2 ``cpu.max`` or v1 ``cpu.cfs_quota_us``: ``os.cpu_count`` reports the host's
cores inside a container limited to two), and to the memory available for each worker; at least 2 (what the
Makefile ran before), at most the tier's cap (the browser tier's longest modules, 2-3 minutes each, bound it beyond
a few workers).
Standard library only: the Makefile runs it before the virtualenv exists.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

# tier: (most workers, GB of memory a worker may take at its peak: the browser tier's a Chromium and portal servers,
# workers beyond one per CPU). A browser worker waits for pages at times (Streamlit's quiet spells, a server's start),
# so the browser tier runs one more worker than CPUs: on 2 CPUs its 89 tests took 613 s on 3 workers against 716 s on
# 2 (session 56; its CPUs were 10-30 % idle on 2). The unit tier's do not wait: 3 workers on 2 CPUs were slower (145 s
# against 126 s on eight of its modules).
TIERS = {"unit": (8, 1.0, 0), "browser": (6, 1.5, 1)}
FLOOR = 2


def cgroup_cpus(root: Path = Path("/sys/fs/cgroup")) -> float | None:
    """The container's CPU quota in CPUs, or None when there is none (or it cannot be read)."""
    try:
        quota, period = (root / "cpu.max").read_text().split()[:2]
        return None if quota == "max" else int(quota) / int(period)
    except (OSError, ValueError):
        pass
    try:
        quota = int((root / "cpu" / "cpu.cfs_quota_us").read_text())
        period = int((root / "cpu" / "cpu.cfs_period_us").read_text())
        return None if quota <= 0 else quota / period
    except (OSError, ValueError):
        return None


def available_gb(meminfo: Path = Path("/proc/meminfo")) -> float | None:
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def usable_cpus() -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    quota = cgroup_cpus()
    if quota is not None:
        cpus = min(cpus, max(1, math.floor(quota)))
    return cpus


def workers(tier: str, cpus: int, memory_gb: float | None) -> int:
    cap, per_worker_gb, beyond = TIERS[tier]
    count = min(cpus + beyond, cap)
    if memory_gb is not None:
        count = min(count, int(memory_gb // per_worker_gb))
    return max(FLOOR, count)


if __name__ == "__main__":
    tier = sys.argv[1] if len(sys.argv) > 1 else "unit"
    if tier not in TIERS:
        sys.exit(f"usage: python3 tests/workers.py {'|'.join(TIERS)}")
    print(workers(tier, usable_cpus(), available_gb()))
