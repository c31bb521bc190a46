"""Faults (issue 15 item 6), through the real command line in subprocesses: kill -9 of an import at several
moments (the database opens, all or nothing, the batch list consistent), the command started while another
process holds the file, a damaged database file, a full disk (a 12 MB tmpfs; skipped when it cannot be
mounted). Never a traceback; exit codes 2 (setup) and 3 (write failed), never 1 (invalid input)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests import fixtures
from tests.db_fingerprint import fingerprint

ROOT = Path(__file__).resolve().parents[1]
N_ROWS = 20_000
MAP = [
    "--map",
    "source_id=Ticket No",
    "--map",
    "received_at=Opened",
    "--map",
    "channel=Via",
    "--map",
    "first_response_at=Replied",
]


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "base.duckdb"
    fixtures.build_fixture_db(path).close()
    return path


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("faults_csv") / "big.csv"
    rows = ["Ticket No,Opened,Via,Shop,Handler,Replied,comment"] + [
        f"K-{i},2026-03-01 09:30,hotline,S00{i % 3 + 1},A001,2026-03-01 10:00,{'long text ' * 15}"
        for i in range(N_ROWS)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _env(db_path: Path) -> dict[str, str]:
    return dict(os.environ, PORTAL_DB=str(db_path), PYTHONUNBUFFERED="1", PORTAL_BCRYPT_ROUNDS="4")


def _import_cmd(csv_path: Path) -> list[str]:
    return [sys.executable, "-m", "portal", "import", "complaints", str(csv_path), *MAP]


def _state(db_path: Path) -> tuple[int, list[tuple]]:
    con = duckdb.connect(str(db_path))  # opens (replays the write-ahead log) after any kill
    try:
        complaints = con.execute("select count(*) from complaints").fetchone()[0]
        batches = con.execute(
            "select b.batch_id, (select count(*) from complaints c where c.batch_id = b.batch_id) "
            "from import_batches b order by 1"
        ).fetchall()
        return complaints, batches
    finally:
        con.close()


# the file is read and mapped ~4 s after start; validation and the commit take ~1.7 s more (2 cores, idle):
# the kills land before, inside and after the commit
@pytest.mark.parametrize("delay", [0.2, 0.8, 1.1, 1.3, 1.5, 3.0])
def test_kill_9_during_an_import_leaves_all_or_nothing(base_db, big_csv, tmp_path, delay):
    db_path = tmp_path / "portal.duckdb"
    shutil.copy(base_db, db_path)
    proc = subprocess.Popen(
        _import_cmd(big_csv), cwd=ROOT, env=_env(db_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    first = proc.stdout.readline()  # printed once the file is read and mapped: the commit follows
    assert b"rows; columns" in first, first
    time.sleep(delay)
    _kill_and_check(proc, db_path)


def _kill_and_check(proc: subprocess.Popen, db_path: Path) -> int:
    """kill -9 the import, then: the database opens, all rows or none, the batch list consistent. Returns the
    complaints found."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    complaints, batches = _state(db_path)
    assert complaints in (0, N_ROWS)
    assert batches == ([(batches[0][0], N_ROWS)] if complaints else [])
    return complaints


def _chunked_env(db_path: Path) -> dict[str, str]:
    """The same import read in chunks (portal.ingest.stream): 5 chunks of 4,000 rows, spooled until the commit."""
    return _env(db_path) | {"PORTAL_IMPORT_STREAM_MB": "0", "PORTAL_IMPORT_CHUNK_ROWS": "4000"}


# killed while the chunks are read (before the first line), and 0.3 / 1.0 s after the chunks were read (the commit)
@pytest.mark.parametrize("after_chunks", [None, 0.3, 1.0])
def test_kill_9_during_a_chunked_import_leaves_all_or_nothing(base_db, big_csv, tmp_path, after_chunks):
    db_path = tmp_path / "portal.duckdb"
    shutil.copy(base_db, db_path)
    proc = subprocess.Popen(
        _import_cmd(big_csv),
        cwd=ROOT,
        env=_chunked_env(db_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    if after_chunks is None:
        time.sleep(3.0)  # the interpreter and the portal load in ~2 s; the chunks take ~2 s more
    else:
        first = proc.stdout.readline()  # printed once every chunk is read and spooled: the commit follows
        assert b"Read in chunks of 4,000 rows" in first, first
        time.sleep(after_chunks)
    if not _kill_and_check(
        proc, db_path
    ):  # whatever the killed import left beside the file, the same import runs again
        done = subprocess.run(
            _import_cmd(big_csv), cwd=ROOT, env=_chunked_env(db_path), capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert "Read in chunks of 4,000 rows" in done.stdout
        assert _state(db_path) == (N_ROWS, [(_state(db_path)[1][0][0], N_ROWS)])


def test_an_uninterrupted_import_commits_every_row(base_db, big_csv, tmp_path):
    db_path = tmp_path / "portal.duckdb"
    shutil.copy(base_db, db_path)
    done = subprocess.run(_import_cmd(big_csv), cwd=ROOT, env=_env(db_path), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _state(db_path)[0] == N_ROWS


def test_the_command_line_while_another_process_holds_the_file(base_db, big_csv, tmp_path):
    db_path = tmp_path / "portal.duckdb"
    shutil.copy(base_db, db_path)
    before = fingerprint(db_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db_path)!r}); print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == b"ready"
        done = subprocess.run(
            _import_cmd(big_csv), cwd=ROOT, env=_env(db_path), capture_output=True, text=True, timeout=120
        )
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 2
    assert f"is in use by process {holder.pid}" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert fingerprint(db_path) == before


@pytest.mark.parametrize("damage", ["garbage", "bad_block", "truncated"])
def test_a_damaged_database_file_is_named_and_left_alone(base_db, tmp_path, damage):
    db_path = tmp_path / "portal.duckdb"
    shutil.copy(base_db, db_path)
    if damage == "garbage":
        db_path.write_bytes(os.urandom(100_000))
    elif damage == "bad_block":  # headers intact; 16 KB of noise in each 256 KB block after them
        with open(db_path, "r+b") as f:
            for offset in range(3 * 4096, db_path.stat().st_size, 256 * 1024):
                f.seek(offset + 4096)
                f.write(os.urandom(4 * 4096))
    else:
        os.truncate(db_path, db_path.stat().st_size // 2)
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    done = subprocess.run(
        [sys.executable, "-m", "portal", "status"],
        cwd=ROOT,
        env=_env(db_path),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "is damaged or is not a portal database" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest


@pytest.fixture
def small_disk(tmp_path):
    """A 64 MB tmpfs (needs root; the base database alone is over 12 MB); skipped with the reason when it cannot
    be mounted."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a full disk is simulated with a tmpfs mount, which needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_full_disk_during_an_import(base_db, big_csv, small_disk):
    db_path = small_disk / "portal.duckdb"
    shutil.copy(base_db, db_path)
    before = fingerprint(db_path)
    stats = os.statvfs(small_disk)
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * max(0, stats.f_bavail * stats.f_frsize - 400_000))  # ~400 KB left
    done = subprocess.run(
        _import_cmd(big_csv), cwd=ROOT, env=_env(db_path), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 3, done.stderr
    assert "the disk is full" in done.stderr and "Nothing of this command was committed" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    filler.unlink()
    assert fingerprint(db_path) == before  # the database opens and holds what it held
