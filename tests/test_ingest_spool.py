"""The import spool's folder (``portal.ingest.stream.Spool``): each chunk's rows in a Parquet file of a folder
``portal-spool-<pid>-…`` in the temporary folder, locked by its owner while it lives and swept once nobody holds
it."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time

import pytest

from portal.ingest import registry, stream
from tests import fixtures

HOLDER = (  # a process that locks a spool folder's lock file as its owner does, says so, and lives on
    "import fcntl, os, sys, time\n"
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('held', flush=True)\n"
    "time.sleep(120)\n"
)


def _gone_pid() -> int:
    """The id of a process that has ended (as an owner in another PID namespace looks from here)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(done.stdout)


def _spool_folder(parent, pid: int, name: str):
    folder = parent / f"{stream.SPOOL_PREFIX}{pid}-{name}"
    folder.mkdir()
    (folder / "chunk_00000.parquet").write_bytes(b"x")
    return folder


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(stream.tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_a_live_spool_is_kept_whatever_its_pid_says_and_a_dead_ones_is_swept(temp_dir):
    """Review: the sweep asked ``os.kill(pid, 0)`` of the pid in a folder's name; an import on a server in another
    container sharing /tmp has a pid this PID namespace does not know, and its live spool (checked, not yet
    committed) was deleted. The sweep now removes a folder only when it takes its lock file's lock without
    waiting: a live owner's folder stays (here: a holder process, and this process itself, both behind a pid
    that is gone), and once the holder is killed its folder goes."""
    gone = _gone_pid()
    elsewhere = _spool_folder(temp_dir, gone, "elsewhere")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(elsewhere / stream.SPOOL_LOCK)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        here = _spool_folder(temp_dir, gone, "here")
        held_here = os.open(here / stream.SPOOL_LOCK, os.O_RDWR | os.O_CREAT)
        fcntl.flock(held_here, fcntl.LOCK_EX)
        dead = _spool_folder(temp_dir, os.getpid(), "dead")  # its owner let go (an unlocked lock file)
        (dead / stream.SPOOL_LOCK).write_bytes(b"")
        stream.sweep_spools()
        assert (elsewhere.exists(), here.exists(), dead.exists()) == (True, True, False)
        os.close(held_here)
    finally:
        holder.kill()
        holder.wait()
    stream.sweep_spools()
    assert (elsewhere.exists(), here.exists()) == (False, False)


def test_a_folder_without_a_lock_file_goes_only_once_it_is_a_day_old(temp_dir):
    """A folder without a lock file (a portal before the locks, or an import killed as it made its folder) is
    nobody's only when it is old: one just made is an owner about to lock it."""
    young = _spool_folder(temp_dir, _gone_pid(), "young")
    old = _spool_folder(temp_dir, _gone_pid(), "old")
    day_ago = time.time() - stream.UNLOCKED_STALE_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    other = temp_dir / "portal-spool-notapid"
    other.mkdir()
    stream.sweep_spools()
    assert (young.exists(), old.exists(), other.exists()) == (True, False, True)


def test_a_spools_folder_is_locked_while_it_lives_and_swept_by_no_one(temp_dir):
    """The spool holds its folder's lock from the start: another spool's sweep (this process's or another's)
    leaves it, and its close() removes the folder."""
    con = fixtures.build_fixture_db(temp_dir / "sweep.duckdb")
    kind = registry.kind("complaints")
    first = stream.Spool(con, kind)
    assert first.folder.parent == temp_dir and first.folder.name.startswith(f"portal-spool-{os.getpid()}-")
    probe = os.open(first.folder / stream.SPOOL_LOCK, os.O_RDONLY)
    with pytest.raises(BlockingIOError):
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.close(probe)
    second = stream.Spool(con, kind)  # sweeps first
    assert first.folder.exists()
    first.close()
    second.close()
    assert not first.folder.exists() and not second.folder.exists()
    con.close()
