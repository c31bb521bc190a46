"""The test tiers' worker count (tests/workers.py, run by the Makefile): a container's CPU quota, not the host's
cores, and the memory each worker needs bound it; never fewer than the 2 workers the tiers ran with before."""

from __future__ import annotations

import pytest

from tests import workers


def test_a_cgroup_v2_quota_is_read_in_cpus(tmp_path):
    (tmp_path / "cpu.max").write_text("200000 100000\n")
    assert workers.cgroup_cpus(tmp_path) == 2.0
    (tmp_path / "cpu.max").write_text("150000 100000\n")
    assert workers.cgroup_cpus(tmp_path) == 1.5


def test_no_quota_reads_as_none(tmp_path):
    assert workers.cgroup_cpus(tmp_path) is None  # no cgroup files at all
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert workers.cgroup_cpus(tmp_path) is None


def test_a_cgroup_v1_quota_is_read_in_cpus(tmp_path):
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("400000\n")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    assert workers.cgroup_cpus(tmp_path) == 4.0
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")  # v1's "no quota"
    assert workers.cgroup_cpus(tmp_path) is None


def test_memory_available_is_read_from_meminfo(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text(
        "MemTotal:       24000000 kB\nMemFree:         1000000 kB\nMemAvailable:    8388608 kB\n"
    )
    assert workers.available_gb(meminfo) == 8.0
    assert workers.available_gb(tmp_path / "missing") is None


@pytest.mark.parametrize(
    ("tier", "cpus", "memory_gb", "expected"),
    [
        ("unit", 2, 20.0, 2),  # this team's machines: as before
        ("browser", 2, 20.0, 3),  # one more than the CPUs: a browser worker waits for pages at times
        ("unit", 1, 20.0, 2),  # never fewer than 2
        ("unit", 4, 20.0, 4),  # one per CPU
        ("unit", 64, 200.0, 8),  # the unit tier's cap
        ("browser", 64, 200.0, 6),  # the browser tier's cap
        ("browser", 8, 6.0, 4),  # 1.5 GB a browser worker: 6 GB hold 4
        ("unit", 8, 3.5, 3),  # 1 GB a unit worker
        ("browser", 8, 1.0, 2),  # little memory: still the floor of 2
        ("browser", 4, None, 5),  # memory unknown: the CPUs decide (one more for the browser tier)
    ],
)
def test_workers_follow_the_cpus_within_the_caps_and_the_memory(tier, cpus, memory_gb, expected):
    assert workers.workers(tier, cpus, memory_gb) == expected
